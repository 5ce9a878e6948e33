/**
 * The ingestion benchmark: usage events through the public API (`usage.ingest` in batches of 1,000, every event
 * validated, its subscription resolved from the customer and share-locked, duplicates skipped) next to the floor,
 * one COPY of the same rows into the same table (and, for scale, a COPY per batch of 1,000), and `ingestStream` in
 * batches of 5,000 (on the server also two batches at once), on PGlite and on a
 * PostgreSQL server, interleaved, best of N, each on an emptied table.
 *
 * The events are an internet provider's meter readings: every metered line reports in turn (a batch holds 1,000
 * different customers), 20 readings per line over its current period, without a subscription id (the engine finds
 * the customer's metered subscription). Goals: ≤ 3× the one COPY, and at least 50,000 events/s on the server and
 * 20,000 on PGlite.
 *
 * Environment:
 * - `BILLFOLD_BENCH_BACKENDS`: `pglite,postgres` (default) or one of them; `DATABASE_URL`: the server to use;
 * - `BILLFOLD_BENCH_SCALE=isp`: 1,000,000 events over 100,000 subscriptions on the server and 200,000 over
 *   20,000 on PGlite (default: 100,000 over 10,000, and 20,000 over 2,000);
 * - `BILLFOLD_BENCH_REPETITIONS` (default 3);
 * - `BILLFOLD_BENCH_CPU_PROFILE=<file>`: a `.cpuprofile` of the first `usage.ingest` run on the server, summarised.
 */
import { type Billing, createBilling, createTestClock, type UsageEvent } from '@billfold/core';
import {
  compareWithFloor,
  type FloorResult,
  type FloorSubject,
  printGoals,
  profiled,
  summarizeCpuProfileFile,
} from '@billfold/bench-kit';
import type { PostgresStorage } from '../src/index';
import { type BenchBackend, backendNames, csvField, openBackend } from './backends';
import { meterReadings, seedCatalog, seedSubscriptions } from './seed';

const env = process.env;
const ISP = env.BILLFOLD_BENCH_SCALE === 'isp';
const REPETITIONS = Number(env.BILLFOLD_BENCH_REPETITIONS ?? 3);
const CPU_PROFILE = env.BILLFOLD_BENCH_CPU_PROFILE;
const BATCH = 1000;
/** The batch size of the streaming entry: larger batches, fewer round trips per event. */
const STREAM_BATCH = 5000;

/** Batches the stream writes at once, per backend: PGlite writes one at a time whatever it is asked. */
const STREAM_CONCURRENCY = { postgres: [1, 2], pglite: [1] } as const;

/** Subscriptions seeded per backend (half metered, each sending {@link EVENTS_PER_METERED} events). */
const SUBSCRIPTIONS = { postgres: ISP ? 100_000 : 10_000, pglite: ISP ? 20_000 : 2_000 } as const;
/** The goal in events per second, per backend. */
const MIN_RATE = { postgres: 50_000, pglite: 20_000 } as const;

const COLUMNS = ['id', 'customer_id', 'subscription_id', 'event_name', 'timestamp', 'properties'] as const;

const csvOf = (rows: readonly UsageEvent[]) =>
  `${rows
    .map((e) =>
      [e.id, e.customerId, e.subscriptionId as string, e.eventName, e.timestamp, JSON.stringify(e.properties)]
        .map(csvField)
        .join(','),
    )
    .join('\n')}\n`;

/** A seeded schema with its subscriptions (no usage yet) and the events to send. */
interface Prepared {
  readonly storage: PostgresStorage;
  readonly billing: Billing;
  readonly rows: readonly UsageEvent[];
  /** The events as a host sends them: no subscription id. */
  readonly inputs: readonly Omit<UsageEvent, 'subscriptionId'>[];
}

async function prepare(backend: BenchBackend): Promise<Prepared> {
  const storage = await backend.storage(`ingest_${process.pid}`);
  const billing = createBilling({ storage, clock: createTestClock('2026-01-31T00:00:00.000Z') });
  const catalog = await seedCatalog(billing);
  await seedSubscriptions(storage, catalog, SUBSCRIPTIONS[backend.kind], { eventsPerMetered: 0 });
  await storage.client.query('ANALYZE');
  const rows = meterReadings(SUBSCRIPTIONS[backend.kind], catalog);
  const inputs = rows.map(({ subscriptionId: _given, ...event }) => event);
  return { storage, billing, rows, inputs };
}

async function emptied(storage: PostgresStorage): Promise<void> {
  await storage.client.query(`TRUNCATE "${storage.schema}".usage_events`);
}

async function expectStored(storage: PostgresStorage, count: number): Promise<void> {
  const [row] = await storage.client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${storage.schema}".usage_events`,
  );
  if (row?.n !== count) throw new Error(`expected ${count} stored events, found ${row?.n}`);
}

async function measure(backend: BenchBackend): Promise<FloorResult[]> {
  const prepared = await prepare(backend);
  const { storage, billing, rows, inputs } = prepared;
  const schema = storage.schema as string;
  const csv = csvOf(rows);
  const batches = Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) =>
    csvOf(rows.slice(i * BATCH, (i + 1) * BATCH)),
  );
  const checked = { setup: () => emptied(storage), teardown: () => expectStored(storage, rows.length) };
  const ingestAll = async () => {
    for (let i = 0; i < inputs.length; i += BATCH) {
      const result = await billing.usage.ingest(inputs.slice(i, i + BATCH));
      if (result.inserted !== Math.min(BATCH, inputs.length - i)) throw new Error('events were skipped');
    }
  };
  const subjects: FloorSubject[] = [
    {
      name: `usage.ingest, batches of ${BATCH.toLocaleString('en-US')}`,
      ...checked,
      run: (repetition) =>
        repetition === 0 && CPU_PROFILE !== undefined && backend.kind === 'postgres'
          ? profiled(CPU_PROFILE, ingestAll)
          : ingestAll(),
      goal: { maxRatio: 3, minRate: MIN_RATE[backend.kind] },
    },
    ...STREAM_CONCURRENCY[backend.kind].map(
      (concurrency): FloorSubject => ({
        name: `usage.ingestStream, batches of ${STREAM_BATCH.toLocaleString('en-US')}${concurrency > 1 ? `, ${concurrency} at once` : ''}`,
        ...checked,
        run: async () => {
          const result = await billing.usage.ingestStream(inputs, { batchSize: STREAM_BATCH, concurrency });
          if (result.inserted !== inputs.length) throw new Error('events were skipped');
        },
        goal: { maxRatio: 3, minRate: MIN_RATE[backend.kind] },
      }),
    ),
    {
      name: `COPY per batch of ${BATCH.toLocaleString('en-US')} (for scale)`,
      ...checked,
      run: async () => {
        for (const batch of batches) await backend.copy(schema, 'usage_events', COLUMNS, batch);
      },
    },
  ];
  const results = await compareWithFloor(
    `${backend.name}: ${rows.length.toLocaleString('en-US')} usage events over ${SUBSCRIPTIONS[backend.kind].toLocaleString('en-US')} subscriptions`,
    { name: 'one COPY of the same rows', ...checked, run: () => backend.copy(schema, 'usage_events', COLUMNS, csv) },
    subjects,
    {
      repetitions: REPETITIONS,
      items: rows.length,
      unit: 'events',
      ...(backend.serverCpuMs === undefined ? {} : { serverCpuMs: backend.serverCpuMs }),
    },
  );
  if (CPU_PROFILE !== undefined && backend.kind === 'postgres') {
    console.log(await summarizeCpuProfileFile(CPU_PROFILE));
  }
  await storage.client.query(`DROP SCHEMA "${schema}" CASCADE`);
  return results;
}

const all: FloorResult[] = [];
for (const name of backendNames()) {
  const backend = await openBackend(name);
  if (backend === undefined) continue;
  try {
    all.push(...(await measure(backend)));
  } finally {
    await backend.close();
  }
}
printGoals(all);
