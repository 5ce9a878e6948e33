/**
 * The billing-run benchmark: `runCycle` over 10,000 subscriptions (half licensed in advance, flat or per seat; half
 * metered in arrears on a graduated price with 20 usage events each), on PGlite and on a PostgreSQL server, next to
 * its floor measured in the same run: the same work by hand, set-based (`billing-floor.ts` with `engineWrites`: the
 * due rows read and locked, their customers locked and read, usage aggregated with one GROUP BY, BigInt rating, one
 * INSERT of the invoices and one of the run's outbox rows, one number reservation, one UPDATE of the subscriptions).
 * Interleaved, best of N, fresh data each time. Goals: ≤ 1.5× the floor on the server, ≤ 2× on PGlite. Beside it,
 * not goals: the narrower floor of earlier stops (without the customers' locks and reads, the outbox and the
 * numbering, which the engine's rules require), and the narrower baseline measured before that (one INSERT … unnest
 * of the invoice rows only). Then, on
 * the server: the ledger lock's share of a run, the memory check (heap after each batch, 10,000 vs 100,000
 * subscriptions), the SQL statements per batch and the time spent waiting on them.
 *
 * Environment:
 * - `DATABASE_URL`: the server to use (default: a throwaway cluster started here);
 * - `BILLFOLD_BENCH_BACKENDS`: `pglite,postgres` (default) or one of them;
 * - `BILLFOLD_BENCH_SCALE=isp`: 100,000 subscriptions and 1,000,000 usage events (the issue's size; several minutes,
 *   most of it seeding); `BILLFOLD_BENCH_SUBSCRIPTIONS` sets any other size (default 10,000);
 * - `BILLFOLD_BENCH_REPETITIONS` (default 3);
 * - `BILLFOLD_BENCH_LARGE=0`: skip the 100,000-subscription memory run;
 * - `BILLFOLD_BENCH_MEMORY=0`: skip the memory check;
 * - `BILLFOLD_BENCH_LOCK_SHARE=0`: skip, on the server, the run next to the same run with the ledger lock call
 *   answered without SQL (what the lock costs a run);
 * - `BILLFOLD_BENCH_CPU_PROFILE=<file>`: a `.cpuprofile` of the first server run (the run only), summarised.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Billing, createBilling, createTestClock, type RunCycleProgress } from '@billfold/core';
import {
  compareOnce,
  compareWithFloor,
  type FloorResult,
  type OnceCase,
  printGoals,
  profiled,
  summarizeCpuProfileFile,
} from '@billfold/bench-kit';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type BenchBackend, backendNames, openBackend } from './backends';
import { type FloorRows, floorRows, runFloor, storedInvoices, storedOutbox } from './billing-floor';
import { prepareRawInsert, type RawInsert, runRawInsert } from './raw-insert';
import { type BenchCatalog, RUN_AT, seedCatalog, seedSubscriptions } from './seed';
import { StatementCounter } from './statement-counter';
import { withoutLedgerLock } from './without-ledger-lock';

const env = process.env;
const SUBSCRIPTIONS = Number(
  env.BILLFOLD_BENCH_SUBSCRIPTIONS ?? (env.BILLFOLD_BENCH_SCALE === 'isp' ? 100_000 : 10_000),
);
const REPETITIONS = Number(env.BILLFOLD_BENCH_REPETITIONS ?? 3);
const LARGE = env.BILLFOLD_BENCH_LARGE !== '0';
const MEMORY = env.BILLFOLD_BENCH_MEMORY !== '0';
const LOCK_SHARE = env.BILLFOLD_BENCH_LOCK_SHARE !== '0';
const CPU_PROFILE = env.BILLFOLD_BENCH_CPU_PROFILE;
/** The goal: the run's time at most this many times its floor's. */
const MAX_RATIO = { postgres: 1.5, pglite: 2 } as const;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let schemas = 0;

/** A seeded schema with `count` subscriptions due at {@link RUN_AT}, and an engine over it. */
interface PreparedRun {
  readonly storage: PostgresStorage;
  readonly billing: Billing;
  readonly catalog: BenchCatalog;
  readonly counting?: StatementCounter;
}

async function prepareRun(
  backend: BenchBackend,
  count: number,
  options: { counting?: boolean; withoutLedgerLock?: boolean } = {},
) {
  schemas += 1;
  const base = await backend.storage(`bench_${process.pid}_${schemas}`);
  const counting = options.counting ? new StatementCounter(base.client) : undefined;
  const storage =
    counting === undefined
      ? base
      : await createPostgresStorage({ client: counting, schema: base.schema, migrate: false });
  const clock = createTestClock('2026-02-01T00:05:00.000Z');
  const billing = createBilling({ storage: options.withoutLedgerLock ? withoutLedgerLock(storage) : storage, clock });
  const catalog = await seedCatalog(billing);
  await seedSubscriptions(storage, catalog, count);
  // Fresh tables get their planner statistics, as autovacuum gives a live database.
  await base.client.query('ANALYZE');
  counting?.clear();
  return { storage: base, billing, catalog, ...(counting === undefined ? {} : { counting }) } satisfies PreparedRun;
}

async function dropRun(run: PreparedRun): Promise<void> {
  await run.storage.client.query(`DROP SCHEMA "${run.storage.schema}" CASCADE`);
}

/** Bills the prepared run and checks that every subscription got its invoice. */
async function bill(run: PreparedRun, count: number, onBatch?: (progress: RunCycleProgress) => void) {
  const summary = await run.billing.runCycle({ now: RUN_AT, ...(onBatch === undefined ? {} : { onBatch }) });
  if (summary.subscriptionsBilled !== count || summary.invoicesCreated !== count || summary.errors.length > 0) {
    throw new Error(`the run billed ${summary.subscriptionsBilled} of ${count}: ${JSON.stringify(summary.errors[0])}`);
  }
  return summary;
}

/** The invoice rows the floor writes: those of an untimed engine run over the same seed. */
async function templateRows(backend: BenchBackend): Promise<FloorRows> {
  const run = await prepareRun(backend, SUBSCRIPTIONS);
  await bill(run, SUBSCRIPTIONS);
  const rows = floorRows(await storedInvoices(run.storage), await storedOutbox(run.storage));
  await dropRun(run);
  return rows;
}

/** The engine run against its floor (and the insert-only baseline), best of {@link REPETITIONS}. */
async function speed(backend: BenchBackend): Promise<FloorResult[]> {
  const rows = await templateRows(backend);
  let floorRun: PreparedRun | undefined;
  let narrowRun: PreparedRun | undefined;
  let engineRun: PreparedRun | undefined;
  let raw: RawInsert | undefined;
  const profiling = CPU_PROFILE !== undefined && backend.kind === 'postgres';
  const results = await compareWithFloor(
    `${backend.name}: billing run of ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions (${(SUBSCRIPTIONS * 10).toLocaleString('en-US')} usage events)`,
    {
      name: 'the same work by hand (due rows and their customers locked, customers read, one GROUP BY, BigInt, one INSERT of the invoices and one of the outbox, one number reservation, one UPDATE)',
      setup: async () => {
        floorRun = await prepareRun(backend, SUBSCRIPTIONS);
      },
      run: () => {
        const current = floorRun as PreparedRun;
        return runFloor(current.storage, current.catalog, rows, RUN_AT, { engineWrites: true });
      },
      teardown: () => dropRun(floorRun as PreparedRun),
    },
    [
      {
        name: 'runCycle',
        setup: async () => {
          engineRun = await prepareRun(backend, SUBSCRIPTIONS);
        },
        run: (repetition) => {
          const work = () => bill(engineRun as PreparedRun, SUBSCRIPTIONS);
          return repetition === 0 && profiling ? profiled(CPU_PROFILE as string, work) : work();
        },
        goal: { maxRatio: MAX_RATIO[backend.kind] },
      },
      {
        name: 'the narrower floor of earlier stops (no customer locks or reads, no outbox, no numbers)',
        setup: async () => {
          narrowRun = await prepareRun(backend, SUBSCRIPTIONS);
        },
        run: () => {
          const current = narrowRun as PreparedRun;
          return runFloor(current.storage, current.catalog, rows, RUN_AT);
        },
        teardown: () => dropRun(narrowRun as PreparedRun),
      },
      {
        name: 'only the INSERT … unnest of its invoice rows (the narrower baseline measured before)',
        setup: () => {
          raw = prepareRawInsert((engineRun as PreparedRun).storage, rows.invoices);
        },
        run: () => runRawInsert((engineRun as PreparedRun).storage, raw as RawInsert),
        teardown: () => dropRun(engineRun as PreparedRun),
      },
    ],
    {
      repetitions: REPETITIONS,
      items: SUBSCRIPTIONS,
      unit: 'subscriptions',
      ...(backend.serverCpuMs === undefined ? {} : { serverCpuMs: backend.serverCpuMs }),
    },
  );
  const [run, narrow, insertOnly] = results as [FloorResult, FloorResult, FloorResult];
  console.log(
    `  runCycle / the narrower floor: ${(run.subjectMs / narrow.subjectMs).toFixed(2)}× (the goal's yardstick before this stop; it leaves out the ledger locks, the customers' reads and the outbox)`,
  );
  console.log(`  runCycle / the invoice INSERT alone: ${(run.subjectMs / insertOnly.subjectMs).toFixed(2)}×`);
  if (profiling) console.log(await summarizeCpuProfileFile(CPU_PROFILE as string));
  return [run];
}

/**
 * The ledger lock's share of a run: the same run next to one whose lock call is answered without SQL, each on
 * fresh data, median of {@link REPETITIONS}.
 */
async function lockShare(backend: BenchBackend) {
  let run: PreparedRun | undefined;
  const side = (name: string, withoutLock: boolean): OnceCase => ({
    name,
    setup: async () => {
      run = await prepareRun(backend, SUBSCRIPTIONS, { withoutLedgerLock: withoutLock });
    },
    run: () => bill(run as PreparedRun, SUBSCRIPTIONS),
    teardown: () => dropRun(run as PreparedRun),
  });
  return compareOnce(
    `${backend.name}: the ledger lock's share of a billing run of ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions`,
    side('runCycle', false),
    side('runCycle with the lock call answered without SQL', true),
    { repetitions: REPETITIONS, items: SUBSCRIPTIONS, unit: 'subscriptions' },
  );
}

/** What one memory run measured. */
interface MemoryFigures {
  readonly count: number;
  readonly seedMs: number;
  readonly batches: number;
  readonly ms: number;
  /** Largest growth of the heap after a batch, garbage collected, over the heap before the run (bytes). */
  readonly peakRetained: number;
  /** Largest growth of the heap after a batch, before collecting (bytes). */
  readonly peakUsed: number;
  /** Statements of each batch (its transaction, claim, reads and writes; the first also loads the catalog). */
  readonly statements: readonly number[];
  /** The statements of the second batch (a steady one), by kind. */
  readonly steadyBatch: ReadonlyMap<string, number>;
  /** Milliseconds spent waiting for statements, by kind, over the whole run (the first batch aside). */
  readonly statementMs: ReadonlyMap<string, number>;
}

async function memoryRun(backend: BenchBackend, count: number): Promise<MemoryFigures> {
  const seeding = performance.now();
  const run = await prepareRun(backend, count, { counting: true });
  const seedMs = performance.now() - seeding;
  const counting = run.counting as StatementCounter;
  gc();
  const before = process.memoryUsage().heapUsed;
  let peakRetained = 0;
  let peakUsed = 0;
  const statements: number[] = [];
  let steadyBatch = new Map<string, number>();
  const statementMs = new Map<string, number>();
  const started = performance.now();
  let pausedMs = 0;
  const summary = await bill(run, count, () => {
    const pause = performance.now();
    peakUsed = Math.max(peakUsed, process.memoryUsage().heapUsed - before);
    gc();
    peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - before);
    if (statements.length === 1) steadyBatch = new Map(counting.counts);
    if (statements.length > 0) {
      for (const [kind, ms] of counting.ms) statementMs.set(kind, (statementMs.get(kind) ?? 0) + ms);
    }
    statements.push(counting.total);
    counting.clear();
    pausedMs += performance.now() - pause;
  });
  const ms = performance.now() - started - pausedMs;
  await dropRun(run);
  return { count, seedMs, batches: summary.batches, ms, peakRetained, peakUsed, statements, steadyBatch, statementMs };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function memory(backend: BenchBackend) {
  const counts = LARGE ? [10_000, 100_000] : [10_000];
  console.log(`\n${backend.name}: memory (heap after each batch of 500, growth over the heap before the run)`);
  const figures: MemoryFigures[] = [];
  for (const count of counts) {
    const f = await memoryRun(backend, count);
    figures.push(f);
    const distinct = [...new Set(f.statements.slice(1))].join(' or ');
    console.log(
      `  ${count.toLocaleString('en-US')} subscriptions (seeded in ${(f.seedMs / 1000).toFixed(0)} s): ${f.batches} batches in ${(f.ms / 1000).toFixed(1)} s, ${Math.round((count * 1000) / f.ms).toLocaleString('en-US')} subscriptions/s, peak retained heap growth ${mb(f.peakRetained)}, peak heap growth before GC ${mb(f.peakUsed)}, ${distinct} SQL statements per batch (the first ${f.statements[0]}, with the catalog)`,
    );
  }
  const [small, large] = figures as [MemoryFigures, MemoryFigures | undefined];
  if (large !== undefined) {
    const ratio = large.peakRetained / Math.max(small.peakRetained, 1);
    console.log(
      `  retained growth ×${ratio.toFixed(2)} for ×10 subscriptions: ${ratio < 3 ? 'flat' : 'NOT flat'} (target: well below ×10)`,
    );
  } else {
    console.log('  (the 100,000-subscription run was skipped: BILLFOLD_BENCH_LARGE=0)');
  }
  const steady = [...small.steadyBatch].map(([kind, n]) => `${kind} ×${n}`).join(', ');
  console.log(`  statements of batch 2: ${steady}`);
  const waited = [...small.statementMs].sort((a, b) => b[1] - a[1]);
  const total = waited.reduce((sum, [, ms]) => sum + ms, 0);
  const perBatch = (ms: number) => (ms / Math.max(small.batches - 1, 1)).toFixed(1);
  console.log(
    `  waiting on SQL per batch (batches 2…): ${perBatch(total)} ms of ${perBatch(small.ms)} ms (${waited.map(([kind, ms]) => `${kind} ${perBatch(ms)}`).join(', ')})`,
  );
}

const goals: FloorResult[] = [];
for (const name of backendNames()) {
  const backend = await openBackend(name);
  if (backend === undefined) continue;
  try {
    goals.push(...(await speed(backend)));
    if (LOCK_SHARE && backend.kind === 'postgres') await lockShare(backend);
    if (MEMORY && backend.kind === 'postgres') await memory(backend);
  } finally {
    await backend.close();
  }
}
printGoals(goals);
