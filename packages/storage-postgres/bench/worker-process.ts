/**
 * One worker OS process of the scale-out benchmark (`workers.ts` forks it): its own pool and engine against the
 * shared PostgreSQL server. It connects, says `ready`, waits for `go`, does its share — the billing run (`runCycle`,
 * which claims due subscriptions with `SKIP LOCKED`, so workers share the work without a coordinator) or its share of
 * the meter readings (`usage.ingest`, batches of 10,000) — and reports what it did and the CPU it used.
 */
import { createBilling, createTestClock } from '@billfold/core';
import pg from 'pg';
import { createPostgresStorage } from '../src/index';
import { type BenchCatalog, meterReadings, RUN_AT } from './seed';

/** What the parent sends. */
export type WorkerOrder =
  | {
      readonly kind: 'start';
      readonly work: 'bill' | 'ingest';
      readonly connectionString: string;
      readonly schema: string;
      readonly catalog: BenchCatalog;
      readonly subscriptions: number;
      /** This worker's number and how many there are (its share of the readings). */
      readonly worker: number;
      readonly workers: number;
    }
  | { readonly kind: 'go' };

/** What a worker reports. */
export type WorkerReport =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly items: number; readonly cpuMs: number }
  | { readonly kind: 'failed'; readonly message: string };

const BATCH = 10_000;

const send = (report: WorkerReport) => process.send?.(report);
const orders = (): Promise<WorkerOrder> => new Promise((resolve) => process.once('message', resolve));

const start = await orders();
if (start.kind !== 'start') throw new Error('a worker is started with a start order');
const pool = new pg.Pool({ connectionString: start.connectionString, max: 3 });
try {
  const storage = await createPostgresStorage({ pool, schema: start.schema, migrate: false });
  const now = start.work === 'bill' ? '2026-02-01T00:05:00.000Z' : '2026-01-31T00:00:00.000Z';
  const billing = createBilling({ storage, clock: createTestClock(now) });
  const share =
    start.work === 'ingest'
      ? meterReadings(start.subscriptions, start.catalog)
          .map(({ subscriptionId: _given, ...event }) => event)
          .filter((_, i) => Math.floor(i / BATCH) % start.workers === start.worker)
      : [];
  await pool.query('SELECT 1');
  send({ kind: 'ready' });
  await orders();
  const cpu = process.cpuUsage();
  let items = 0;
  if (start.work === 'bill') {
    items = (await billing.runCycle({ now: RUN_AT })).subscriptionsBilled;
  } else {
    for (let i = 0; i < share.length; i += BATCH)
      items += (await billing.usage.ingest(share.slice(i, i + BATCH))).inserted;
  }
  const used = process.cpuUsage(cpu);
  send({ kind: 'done', items, cpuMs: (used.user + used.system) / 1000 });
} catch (error) {
  send({ kind: 'failed', message: (error as Error).stack ?? String(error) });
} finally {
  await pool.end();
  process.disconnect?.();
}
