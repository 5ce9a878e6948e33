import {
  type BillingStorageAdapter,
  type Invoice,
  listAll,
  type RunCycleSummary,
  type StorageSession,
} from '@billfold/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import {
  dropSchema,
  freshSchema,
  newPool,
  pgliteBackend,
  serverUrl,
  sharedPGlite,
  describeServer,
} from './support/backends';
import { expectCleanRun, expectGaplessNumbers, expectOneInvoicePerPeriod } from './support/engine-expect';
import {
  type BilledState,
  billedState,
  RUN_NOW,
  runner,
  type Scenario,
  seedScenario,
  wrapSessions,
} from './support/engine-scenario';
import { startWorker } from './support/workers';

/*
 * Several billing workers run `runCycle` for the same instant over one database at once. Whatever the
 * interleaving, every due subscription must be billed exactly once, numbers must stay gapless, the runs'
 * counts must add up to what is stored, and the result must equal one run on its own (the reference, billed
 * on a fresh schema seeded alike).
 */

const ADAPTER_SUBSCRIPTIONS = 240;
const BATCH = 10;

let reference: { state: BilledState; created: number; summary: RunCycleSummary };

beforeAll(async () => {
  const storage = await pgliteBackend.storage();
  try {
    await seedScenario(storage, { adapterSubscriptions: ADAPTER_SUBSCRIPTIONS });
    const before = (await listAll((page) => storage.invoices.list(page))).length;
    const summary = await runner(storage).runCycle({ now: RUN_NOW, batchSize: BATCH });
    expectCleanRun(summary);
    const state = await billedState(storage);
    reference = { state, created: state.invoices.length - before, summary };
  } finally {
    await dropSchema(storage);
  }
});

/** The claims each worker made, and whether all of them held a claim at the same moment. */
class ClaimWatch {
  readonly claims = new Map<string, string[]>();
  readonly met = new Map<string, boolean>();
  #holding = 0;
  #allHolding: () => void = () => {};
  readonly #all = new Promise<void>((resolve) => {
    this.#allHolding = resolve;
  });

  constructor(private readonly parties: number) {}

  /**
   * `storage` whose claims are recorded under `name`. After its first claim, the worker waits (up to 3 s)
   * with its claimed rows locked until every worker holds a claim: only skip-locked claiming lets them all in.
   */
  watch<S extends BillingStorageAdapter>(storage: S, name: string): S {
    return wrapSessions(
      storage,
      (session): StorageSession => ({
        ...session,
        subscriptions: {
          ...session.subscriptions,
          claimDue: async (request) => {
            const rows = await session.subscriptions.claimDue(request);
            const mine = this.claims.get(name) ?? [];
            this.claims.set(name, mine);
            const first = mine.length === 0 && rows.length > 0;
            mine.push(...rows.map((s) => s.id));
            if (first) {
              this.#holding += 1;
              if (this.#holding === this.parties) this.#allHolding();
              const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000));
              this.met.set(name, await Promise.race([this.#all.then(() => true), timeout]));
            }
            return rows;
          },
        },
      }),
    );
  }
}

/** The invariants of concurrent runs, given the runs' counts and what they claimed. */
async function expectBilledOnce(
  storage: PostgresStorage,
  scenario: Scenario,
  before: number,
  runs: readonly { invoicesCreated: number; subscriptionsBilled: number }[],
  claims: readonly string[],
): Promise<void> {
  // Each due subscription was claimed by exactly one worker, once.
  expect([...claims].sort()).toEqual([...scenario.subscriptionIds].sort());
  const invoices: Invoice[] = await listAll((page) => storage.invoices.list(page));
  const created = runs.reduce((sum, run) => sum + run.invoicesCreated, 0);
  expect(created, "the runs' invoicesCreated add up to what was stored").toBe(invoices.length - before);
  expect(created).toBe(reference.created);
  expect(runs.reduce((sum, run) => sum + run.subscriptionsBilled, 0)).toBe(reference.summary.subscriptionsBilled);
  expectOneInvoicePerPeriod(invoices);
  expect(expectGaplessNumbers(invoices)).toEqual({ 'INV-2026': invoices.length });
  // The same invoices (lines, totals, periods), subscriptions and balances as one run on its own.
  expect(await billedState(storage)).toEqual(reference.state);
  // A further run, from a fresh engine, finds nothing due.
  const again = await runner(storage).runCycle({ now: RUN_NOW });
  expect([again.invoicesCreated, again.subscriptionsBilled]).toEqual([0, 0]);
}

describeServer('runCycle from several workers at once (PostgreSQL)', () => {
  it('three engines on three pools, all holding claims at once, bill every due subscription exactly once', async () => {
    const schema = freshSchema();
    const pools = [newPool(3), newPool(3), newPool(3)];
    const storages = await Promise.all(pools.map((pool) => createPostgresStorage({ pool, schema })));
    const first = storages[0] as PostgresStorage;
    try {
      const scenario = await seedScenario(first, { adapterSubscriptions: ADAPTER_SUBSCRIPTIONS });
      const before = (await listAll((page) => first.invoices.list(page))).length;
      const watch = new ClaimWatch(3);
      const summaries = await Promise.all(
        storages.map((storage, i) =>
          runner(watch.watch(storage, `w${i}`)).runCycle({ now: RUN_NOW, batchSize: BATCH }),
        ),
      );
      for (const summary of summaries) {
        expectCleanRun(summary);
        expect(summary.invoicesCreated).toBeGreaterThan(0);
      }
      expect(Object.fromEntries(watch.met), 'every worker held a claim while the others held theirs').toEqual({
        w0: true,
        w1: true,
        w2: true,
      });
      await expectBilledOnce(first, scenario, before, summaries, [...watch.claims.values()].flat());
    } finally {
      await dropSchema(first);
      await Promise.all(storages.map((storage) => storage.close()));
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('three OS processes bill every due subscription exactly once', async () => {
    const schema = freshSchema();
    const pool = newPool(3);
    const storage = await createPostgresStorage({ pool, schema });
    const workers = [0, 1, 2].map((i) =>
      startWorker({
        url: serverUrl() as string,
        schema,
        now: RUN_NOW,
        batchSize: BATCH,
        applicationName: `billfold-worker-${i}`,
        barrierTable: 'run_barrier',
        parties: 3,
      }),
    );
    try {
      const scenario = await seedScenario(storage, { adapterSubscriptions: ADAPTER_SUBSCRIPTIONS });
      await storage.client.query(`CREATE TABLE "${schema}".run_barrier (pid integer NOT NULL)`);
      const before = (await listAll((page) => storage.invoices.list(page))).length;
      await Promise.all(workers.map((worker) => worker.next('ready')));
      for (const worker of workers) worker.go();
      const done = await Promise.all(workers.map((worker) => worker.next('done')));
      for (const run of done) {
        expect(run.errors).toBe(0);
        expect(run.invoicesCreated).toBeGreaterThan(0);
      }
      expect(
        done.map((run) => run.overlapped),
        'every process held a claim while the others held theirs',
      ).toEqual([true, true, true]);
      await expectBilledOnce(
        storage,
        scenario,
        before,
        done,
        done.flatMap((run) => run.claimed),
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.kill()));
      await dropSchema(storage);
      await pool.end();
    }
  }, 60_000);
});

describe('runCycle from two engines at once (PGlite)', () => {
  it('serializes their batches on the one connection and bills every due subscription exactly once', async () => {
    const schema = freshSchema();
    const db = await sharedPGlite();
    const a = await createPostgresStorage({ pglite: db, schema });
    const b = await createPostgresStorage({ pglite: db, schema, migrate: false });
    try {
      const scenario = await seedScenario(a, { adapterSubscriptions: ADAPTER_SUBSCRIPTIONS });
      const before = (await listAll((page) => a.invoices.list(page))).length;
      const watch = new ClaimWatch(1);
      const summaries = await Promise.all(
        [a, b].map((storage, i) => runner(watch.watch(storage, `w${i}`)).runCycle({ now: RUN_NOW, batchSize: BATCH })),
      );
      for (const summary of summaries) expectCleanRun(summary);
      // Both took turns: neither billed everything alone.
      for (const summary of summaries) expect(summary.invoicesCreated).toBeGreaterThan(0);
      await expectBilledOnce(a, scenario, before, summaries, [...watch.claims.values()].flat());
    } finally {
      await dropSchema(a);
    }
  });
});
