/**
 * The billing-run benchmark: `runCycle` over 10,000 subscriptions (half licensed in advance, flat or per seat;
 * half metered in arrears on a graduated price with 20 usage events each), on PGlite and on a PostgreSQL
 * server, next to the raw cost of inserting the same invoice rows with one batched statement, measured in the
 * same run (median of 3, fresh data each time). Target: the run takes at most 3× the raw insert on the server.
 * Then, on the server, the memory check (heap after each batch, 10,000 vs 100,000 subscriptions), the SQL
 * statements per batch and the time spent waiting on them.
 *
 * Environment:
 * - `DATABASE_URL`: the server to use (default: a throwaway cluster started here);
 * - `BILLFOLD_BENCH_BACKENDS`: `pglite,postgres` (default) or one of them;
 * - `BILLFOLD_BENCH_SUBSCRIPTIONS` (default 10000), `BILLFOLD_BENCH_REPETITIONS` (default 3);
 * - `BILLFOLD_BENCH_LARGE=0`: skip the 100,000-subscription memory run (about a minute and a half, most of it seeding);
 * - `BILLFOLD_BENCH_MEMORY=0`: skip the memory check;
 * - `BILLFOLD_BENCH_LOCK_SHARE=0`: skip, on the server, the run next to the same run with the ledger lock call
 *   answered without SQL (what the lock costs a run);
 * - `BILLFOLD_BENCH_CPU_PROFILE=<file>`: write a `.cpuprofile` of the first server run (the run only, not the seeding).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { type Billing, createBilling, createTestClock, type RunCycleProgress } from '@billfold/core';
import { compareOnce, type OnceCase } from '@billfold/bench-kit';
import pg from 'pg';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type PostgresCluster, startPostgresCluster } from '../src/testing/index';
import { allInvoices, deleteRawInsert, prepareRawInsert, type RawInsert, runRawInsert } from './raw-insert';
import { RUN_AT, seedCatalog, seedSubscriptions } from './seed';
import { StatementCounter } from './statement-counter';
import { withoutLedgerLock } from './without-ledger-lock';

const env = process.env;
const SUBSCRIPTIONS = Number(env.BILLFOLD_BENCH_SUBSCRIPTIONS ?? 10_000);
const REPETITIONS = Number(env.BILLFOLD_BENCH_REPETITIONS ?? 3);
const BACKENDS = (env.BILLFOLD_BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((name) => name.trim());
const LARGE = env.BILLFOLD_BENCH_LARGE !== '0';
const MEMORY = env.BILLFOLD_BENCH_MEMORY !== '0';
const LOCK_SHARE = env.BILLFOLD_BENCH_LOCK_SHARE !== '0';
const CPU_PROFILE = env.BILLFOLD_BENCH_CPU_PROFILE;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A database the benchmark runs on: storage in a fresh schema per call. */
interface BenchBackend {
  readonly name: string;
  storage(schema: string): Promise<PostgresStorage>;
  close(): Promise<void>;
}

async function pgliteBackend(): Promise<BenchBackend> {
  const db = await PGlite.create();
  return {
    name: 'PGlite',
    storage: (schema) => createPostgresStorage({ pglite: db, schema }),
    close: () => db.close(),
  };
}

async function postgresBackend(): Promise<BenchBackend | undefined> {
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    console.log(`\nPostgreSQL server skipped: no DATABASE_URL and no throwaway cluster (${(error as Error).message})`);
    return undefined;
  }
  const url = cluster.connectionString;
  const stop = () => cluster.stop();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const version = await pool.query<{ server_version: string }>('SHOW server_version');
  return {
    name: `PostgreSQL ${version.rows[0]?.server_version ?? ''}`.trim(),
    storage: (schema) => createPostgresStorage({ pool, schema }),
    close: async () => {
      await pool.end();
      await stop();
    },
  };
}

let schemas = 0;

/** A seeded schema with `count` subscriptions due at {@link RUN_AT}, and an engine over it. */
interface PreparedRun {
  readonly storage: PostgresStorage;
  readonly billing: Billing;
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
  return { storage: base, billing, ...(counting === undefined ? {} : { counting }) } satisfies PreparedRun;
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

/** Runs `work` under the V8 CPU profiler and writes the profile to `file`. */
async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  (CPU profile of the run written to ${file})`);
  }
}

/** The engine run against the raw batched insert of the same invoice rows, median of {@link REPETITIONS}. */
async function speed(backend: BenchBackend) {
  let run: PreparedRun | undefined;
  let raw: RawInsert | undefined;
  let totals = '';
  const result = await compareOnce(
    `${backend.name}: billing run of ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions vs raw insert of the same invoice rows`,
    {
      name: 'runCycle',
      setup: async () => {
        run = await prepareRun(backend, SUBSCRIPTIONS);
      },
      run: async (repetition) => {
        const current = run as PreparedRun;
        const work = () => bill(current, SUBSCRIPTIONS);
        const summary =
          repetition === 0 && CPU_PROFILE !== undefined && backend.name.startsWith('PostgreSQL')
            ? await profiled(CPU_PROFILE, work)
            : await work();
        totals = JSON.stringify(summary.totalsByCurrency);
      },
    },
    {
      name: 'one INSERT … unnest of the invoices',
      setup: async () => {
        const current = run as PreparedRun;
        const invoices = await allInvoices(current.storage);
        if (invoices.length !== SUBSCRIPTIONS)
          throw new Error(`expected ${SUBSCRIPTIONS} invoices, found ${invoices.length}`);
        raw = await prepareRawInsert(current.storage, invoices);
      },
      run: () => runRawInsert((run as PreparedRun).storage, raw as RawInsert),
      teardown: async () => {
        const current = run as PreparedRun;
        const deleted = await deleteRawInsert(current.storage);
        if (deleted !== SUBSCRIPTIONS) throw new Error(`deleted ${deleted} raw rows, expected ${SUBSCRIPTIONS}`);
        await dropRun(current);
        raw = undefined;
      },
    },
    { repetitions: REPETITIONS, items: SUBSCRIPTIONS, unit: 'subscriptions', maxRatio: 3 },
  );
  console.log(`  invoice totals ${totals}`);
  return result;
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
  const counts = LARGE ? [SUBSCRIPTIONS, SUBSCRIPTIONS * 10] : [SUBSCRIPTIONS];
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

const backends: BenchBackend[] = [];
try {
  for (const name of BACKENDS) {
    const backend =
      name === 'pglite' ? await pgliteBackend() : name === 'postgres' ? await postgresBackend() : undefined;
    if (backend === undefined) continue;
    backends.push(backend);
    await speed(backend);
    if (LOCK_SHARE && backend.name.startsWith('PostgreSQL')) await lockShare(backend);
    if (MEMORY && backend.name.startsWith('PostgreSQL')) await memory(backend);
  }
} finally {
  for (const backend of backends) await backend.close();
}
