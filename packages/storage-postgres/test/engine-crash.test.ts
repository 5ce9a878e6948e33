import { type BillingStorageAdapter, type Invoice, listAll, type StorageSession } from '@billfold/core';
import type pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage, type SqlClient, type SqlRow } from '../src/index';
import {
  type Backend,
  describeBackends,
  describeServer,
  dropSchema,
  freshSchema,
  newPool,
  pgliteBackend,
  serverUrl,
} from './support/backends';
import { expectCleanRun, expectGaplessNumbers, expectOneInvoicePerPeriod } from './support/engine-expect';
import { type BilledState, billedState, RUN_NOW, runner, seedScenario, tableDump } from './support/engine-scenario';
import { startWorker } from './support/workers';

/*
 * A billing run that dies part way — after a batch committed, at any statement inside a batch transaction,
 * when the server drops the connection, or when the whole process is killed — and is then run again. Each
 * batch is one transaction, so the crash must leave nothing half-written, and the rerun must bill exactly
 * what is left: the end result is compared with one clean run on a fresh schema seeded alike.
 */

const SCENARIO = { adapterSubscriptions: 60, engineGroups: 2 } as const;
const BATCH = 10;

let reference: BilledState;

beforeAll(async () => {
  const storage = await pgliteBackend.storage();
  try {
    await seedScenario(storage, SCENARIO);
    expectCleanRun(await runner(storage).runCycle({ now: RUN_NOW, batchSize: BATCH }));
    reference = await billedState(storage);
  } finally {
    await dropSchema(storage);
  }
});

/** Reruns cleanly with a fresh engine and checks the result equals the reference, numbers gapless. */
async function expectCleanRerun(storage: BillingStorageAdapter): Promise<void> {
  expectCleanRun(await runner(storage).runCycle({ now: RUN_NOW, batchSize: BATCH }));
  const invoices: Invoice[] = await listAll((page) => storage.invoices.list(page));
  expectOneInvoicePerPeriod(invoices);
  expect(expectGaplessNumbers(invoices)).toEqual({ 'INV-2026': invoices.length });
  expect(await billedState(storage)).toEqual(reference);
}

/** How many subscriptions the runs so far have billed (all are due at first). */
async function billedCount(storage: BillingStorageAdapter): Promise<number> {
  const subscriptions = await listAll((page) => storage.subscriptions.list(page));
  return subscriptions.filter((s) => s.nextBillingAt === undefined || s.nextBillingAt > RUN_NOW).length;
}

/** Where a {@link FaultyClient} fails: after the `failAt`-th statement of a transaction has run. */
interface FaultPlan {
  failAt?: number;
  /** `throw`: the client throws; `terminate`: the server ends the connection (`pg_terminate_backend`). */
  mode: 'throw' | 'terminate';
  /** Statements run so far in the current transaction. */
  seen: number;
}

const CRASH = 'simulated crash';

/** A {@link SqlClient} that fails inside a transaction, once its `failAt`-th statement has run. */
class FaultyClient implements SqlClient {
  constructor(
    private readonly inner: SqlClient,
    private readonly plan: FaultPlan,
  ) {}

  get inTransaction(): boolean {
    return this.inner.inTransaction;
  }

  get concurrent(): boolean {
    return this.inner.concurrent;
  }

  async query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    const rows = await this.inner.query<R>(text, params);
    if (!this.inner.inTransaction) return rows;
    this.plan.seen += 1;
    if (this.plan.seen === this.plan.failAt) {
      if (this.plan.mode === 'terminate') await this.inner.query('SELECT pg_terminate_backend(pg_backend_pid())');
      throw new Error(`${CRASH} after statement ${this.plan.seen}: ${text.trim().slice(0, 60)}`);
    }
    return rows;
  }

  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    if (!this.inner.inTransaction) this.plan.seen = 0;
    return this.inner.transaction((tx) => work(new FaultyClient(tx, this.plan)));
  }
}

/**
 * Fails the first batch of a run at each of its statements in turn (a fresh engine each time, as after a
 * restart), checking every table is exactly as before; then lets one batch through. Returns how many
 * statements the batch has.
 */
async function crashAtEveryStatement(base: PostgresStorage, mode: FaultPlan['mode']): Promise<number> {
  const plan: FaultPlan = { mode, seen: 0 };
  const storage = await createPostgresStorage({
    client: new FaultyClient(base.client, plan),
    schema: base.schema as string,
    migrate: false,
  });
  const stop = new Error('stop after one batch');
  for (let n = 1; n < 100; n++) {
    const before = await tableDump(base);
    plan.failAt = n;
    const error = await runner(storage)
      .runCycle({
        now: RUN_NOW,
        batchSize: BATCH,
        // One batch transaction at a time: the fault counts the statements of that one transaction.
        concurrency: 1,
        onBatch: () => {
          throw stop;
        },
      })
      .then(
        () => expect.fail('the run went through'),
        (reason: unknown) => reason,
      );
    plan.failAt = undefined;
    if (error === stop) {
      expect(await billedCount(base)).toBe(BATCH);
      return n - 1;
    }
    expect(String(error)).toMatch(mode === 'throw' ? CRASH : /terminat(ed|ing)/i);
    expect(await tableDump(base), `after a crash at statement ${n}`).toEqual(before);
  }
  throw new Error('the batch never went through');
}

describeBackends('a billing run that crashes', (backend: Backend) => {
  it.each([1, 2])(
    'after the second batch commits keeps whole batches only (%i at once: two, or a third already in flight), and a rerun bills the rest as one run would',
    async (concurrency) => {
      const base = await backend.storage();
      try {
        await seedScenario(base, SCENARIO);
        let commits = 0;
        const crashing: BillingStorageAdapter = {
          ...base,
          transaction: async <T>(work: (session: StorageSession) => Promise<T>) => {
            const result = await base.transaction(work);
            commits += 1;
            if (commits === 2) throw new Error(`${CRASH} after commit 2`);
            return result;
          },
        };
        await expect(runner(crashing).runCycle({ now: RUN_NOW, batchSize: BATCH, concurrency })).rejects.toThrow(CRASH);
        const billed = await billedCount(base);
        expect(billed % BATCH, 'whole batches only').toBe(0);
        // The batch a second loop has in flight when the first fails still commits; no loop starts another.
        expect(billed / BATCH).toBeOneOf(concurrency === 1 ? [2] : [2, 3]);
        expectGaplessNumbers(await listAll((page) => base.invoices.list(page)));
        await expectCleanRerun(base);
      } finally {
        await dropSchema(base);
      }
    },
  );

  it('at any statement inside a batch transaction leaves every table as it was; a rerun bills as one run would', async () => {
    const base = await backend.storage();
    try {
      await seedScenario(base, SCENARIO);
      expect(await crashAtEveryStatement(base, 'throw')).toBeGreaterThan(5);
      await expectCleanRerun(base);
    } finally {
      await dropSchema(base);
    }
  });
});

describeServer('a billing run on PostgreSQL whose connection or process dies', () => {
  it('leaves every table as it was when the server ends the connection at any statement of a batch', async () => {
    const pool = newPool(3);
    // The pool would otherwise re-throw the dropped connection's error event and end the test process.
    pool.on('error', () => {});
    const base = await createPostgresStorage({ pool, schema: freshSchema() });
    try {
      await seedScenario(base, SCENARIO);
      expect(await crashAtEveryStatement(base, 'terminate')).toBeGreaterThan(5);
      await expectCleanRerun(base);
    } finally {
      await dropSchema(base);
      await pool.end();
    }
  });

  it('keeps the committed batches of a worker process killed (SIGKILL) in the middle of one', async () => {
    const pool: pg.Pool = newPool(3);
    const schema = freshSchema();
    const base = await createPostgresStorage({ pool, schema });
    const applicationName = `billfold-killed-${process.pid}`;
    const worker = startWorker({
      url: serverUrl() as string,
      schema,
      now: RUN_NOW,
      batchSize: BATCH,
      applicationName,
      crashInBatch: 3,
    });
    try {
      await seedScenario(base, SCENARIO);
      await worker.next('ready');
      worker.go();
      // Batch 3 has written its invoices (and moved the number counter) but not committed: kill it there.
      await worker.next('holding');
      await worker.kill();
      // The server rolls back when it notices the dropped connection; wait for that before rerunning, or the
      // rerun would skip the rows the dead worker still locks (they would stay due for a later run).
      for (let i = 0; i < 100; i++) {
        const rows = await pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        if (rows.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await billedCount(base)).toBe(2 * BATCH);
      const invoices = await listAll((page) => base.invoices.list(page));
      expectGaplessNumbers(invoices);
      await expectCleanRerun(base);
    } finally {
      await worker.kill();
      await dropSchema(base);
      await pool.end();
    }
  });
});
