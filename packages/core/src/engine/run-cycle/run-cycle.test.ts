import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import type { MemoryStorage } from '../../storage/memory-storage';
import type { BillingStorageAdapter, StorageSession } from '../../storage/storage-adapter';
import { rejection } from '../test-fixture';
import { type CycleFixture, createCycleFixture } from './cycle-fixture';
import { type RunCycleOptions, type RunCycleProgress, runCycle } from './run-cycle';

const runCycleWith = (f: CycleFixture, options: RunCycleOptions) => runCycle(f.billing.context, options);

/** A storage that forwards everything to `target` but runs transactions through `transaction`. */
function withTransaction(
  target: MemoryStorage,
  transaction: <T>(work: (session: StorageSession) => Promise<T>) => Promise<T>,
): BillingStorageAdapter {
  return new Proxy(target, {
    get(object, property) {
      if (property === 'transaction') return transaction;
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  }) as BillingStorageAdapter;
}

/** Twelve customers with a Pro + data subscription each from Jan 1, some usage, clock at Mar 1 (2 boundaries due). */
async function busyFixture(wrap?: (storage: MemoryStorage) => BillingStorageAdapter): Promise<CycleFixture> {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z', ...(wrap ? { wrap } : {}) });
  for (let i = 0; i < 12; i++) {
    const customer = await f.addCustomer(`cus_${String(i).padStart(2, '0')}`);
    await f.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
    });
    await f.usage.ingest([
      {
        id: `use_${i}`,
        customerId: customer.id,
        eventName: 'data',
        timestamp: '2026-01-20T00:00:00Z',
        properties: { gb: String(10 + i) },
      },
    ]);
  }
  f.clock.set('2026-03-01T00:00:00Z');
  return f;
}

/** What must be equal between two runs: everything but generated ids. */
const comparable = (invoices: readonly Invoice[]) =>
  invoices
    .map(({ id: _id, lines, ...rest }) => ({ ...rest, lines: lines.map(({ id: _line, ...line }) => line) }))
    .sort((a, b) => (a.number as string).localeCompare(b.number as string));

describe('runCycle', () => {
  it('is idempotent: a second run for the same now makes nothing', async () => {
    const f = await busyFixture();
    const first = await f.run({ batchSize: 5 });
    // 12 subscriptions × 2 boundaries (Feb 1, Mar 1).
    expect(first).toMatchObject({ invoicesCreated: 24, subscriptionsBilled: 12, errors: [], batches: 3 });
    const before = await f.invoices();
    const second = await f.run({ batchSize: 5 });
    expect(second).toMatchObject({ invoicesCreated: 0, subscriptionsBilled: 0, totalsByCurrency: {} });
    expect(await f.invoices()).toEqual(before);
  });

  it('reports durations from the engine clock only (a test clock stands still)', async () => {
    const f = await busyFixture();
    const summary = await f.run();
    expect(summary.durationMs).toBe(0);
    expect(summary.steps).toEqual({ catalog: { durationMs: 0 }, batches: { durationMs: 0 } });
    expect(summary.now).toBe('2026-03-01T00:00:00.000Z');
  });

  it('resumes after a crash: the rerun yields exactly the invoices of a clean run', async () => {
    const clean = await busyFixture();
    await clean.run({ batchSize: 5 });

    let armed = false;
    let transactions = 0;
    const crashed = await busyFixture((memory) =>
      withTransaction(memory, (work) =>
        memory.transaction(async (session) => {
          const result = await work(session);
          // The process dies while committing its third batch: that transaction rolls back.
          if (armed && ++transactions === 3) throw new Error('process killed');
          return result;
        }),
      ),
    );
    armed = true;
    await expect(crashed.run({ batchSize: 5 })).rejects.toThrow('process killed');
    armed = false;
    // Two batches (10 subscriptions × 2 boundaries) committed after the 12 first invoices; the third left nothing.
    expect((await crashed.invoices()).length).toBe(12 + 20);
    const resumed = await crashed.run({ batchSize: 5 });
    expect(resumed).toMatchObject({ invoicesCreated: 4, subscriptionsBilled: 2, errors: [] });
    expect(comparable(await crashed.invoices())).toEqual(comparable(await clean.invoices()));
  });

  it('is safe when two runs go at once: no subscription is billed twice', async () => {
    const f = await busyFixture();
    const [a, b] = await Promise.all([f.run({ batchSize: 2 }), f.run({ batchSize: 3 })]);
    expect(a.invoicesCreated + b.invoicesCreated).toBe(24);
    expect(a.subscriptionsBilled + b.subscriptionsBilled).toBe(12);
    const keys = (await f.invoices()).map((invoice) => `${invoice.subscriptionId}|${invoice.periodStart}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(12 * 3);
  });

  it('re-bills from fresh reads when another process billed the claimed rows (storage without row locks)', async () => {
    // Serves a stale claim once, as a second process without row locks would see rows the first already billed.
    let stale: Subscription[] | undefined;
    const f = await busyFixture((memory) =>
      withTransaction(memory, (work) =>
        memory.transaction((session) =>
          work({
            ...session,
            subscriptions: {
              ...session.subscriptions,
              claimDue: async (query) => {
                const rows = stale ?? (await session.subscriptions.claimDue(query));
                stale = undefined;
                return rows;
              },
            },
          }),
        ),
      ),
    );
    const snapshot = await f.memory.transaction((session) =>
      session.subscriptions.claimDue({ now: '2026-03-01T00:00:00.000Z', limit: 100 }),
    );
    expect((await f.run()).invoicesCreated).toBe(24);
    stale = snapshot;
    const second = await f.run();
    expect(stale).toBeUndefined();
    expect(second).toMatchObject({ invoicesCreated: 0, subscriptionsBilled: 0, errors: [] });
    expect((await f.invoices()).length).toBe(36);
  });

  it('reports a subscription it cannot bill, leaves it unchanged, and bills the others', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription: good } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    const other = await f.addCustomer('cus_other');
    await f.subscriptions.create({ customerId: other.id, items: [{ priceId: f.prices.basic.id }] });
    // Due first (oldest nextBillingAt), but its price is gone from the catalog.
    const broken: Subscription = {
      ...good,
      id: 'sub_broken',
      items: [{ id: 'si_broken', priceId: 'price_gone', quantity: '1' }],
      nextBillingAt: '2026-01-15T00:00:00.000Z',
      currentPeriodStart: '2025-12-15T00:00:00.000Z',
      currentPeriodEnd: '2026-01-15T00:00:00.000Z',
      anchor: '2025-12-15T00:00:00.000Z',
    };
    await f.storage.subscriptions.insert(broken);
    f.clock.set('2026-02-01T00:00:00Z');
    // batchSize 1: the broken row is claimed first every time; the run must claim past it and end.
    const summary = await f.run({ batchSize: 1 });
    expect(summary.errors).toEqual([
      {
        subscriptionId: 'sub_broken',
        step: 'draft',
        code: 'not_found',
        message: expect.stringContaining('price_gone'),
      },
    ]);
    expect(summary).toMatchObject({ invoicesCreated: 2, subscriptionsBilled: 2, stoppedEarly: false });
    expect(await f.storage.subscriptions.get('sub_broken')).toEqual(broken);
    // Still due: the next run tries again (and reports it again).
    expect((await f.run()).errors.map((error) => error.subscriptionId)).toEqual(['sub_broken']);
  });

  it('stops after maxErrors failures instead of spinning on a broken catalog', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    for (let i = 0; i < 3; i++) {
      await f.storage.subscriptions.insert({
        ...subscription,
        id: `sub_broken_${i}`,
        items: [{ id: `si_b${i}`, priceId: 'price_gone', quantity: '1' }],
      });
    }
    f.clock.set('2026-02-01T00:00:00Z');
    const summary = await runCycleWith(f, { batchSize: 1, maxErrors: 2 });
    expect(summary.stoppedEarly).toBe(true);
    expect(summary.errors).toHaveLength(2);
  });

  it('refuses bad options with the path of the field', async () => {
    const f = await createCycleFixture();
    const error = await rejection(f.run({ batchSize: 0 }));
    expect(error).toMatchObject({ code: 'invalid_input', path: ['options', 'batchSize'] });
    const callback = await rejection(runCycleWith(f, { onBatch: 'log' as never }));
    expect(callback).toMatchObject({ code: 'invalid_input', path: ['options', 'onBatch'] });
  });

  it('reports each committed batch to onBatch, and stops with the error it throws', async () => {
    const f = await busyFixture();
    const seen: RunCycleProgress[] = [];
    const summary = await runCycleWith(f, { batchSize: 5, onBatch: (progress) => void seen.push(progress) });
    expect(summary.batches).toBe(3);
    expect(seen).toEqual([
      {
        batches: 1,
        batchSubscriptionsBilled: 5,
        batchInvoicesCreated: 10,
        subscriptionsBilled: 5,
        invoicesCreated: 10,
        errors: 0,
      },
      {
        batches: 2,
        batchSubscriptionsBilled: 5,
        batchInvoicesCreated: 10,
        subscriptionsBilled: 10,
        invoicesCreated: 20,
        errors: 0,
      },
      {
        batches: 3,
        batchSubscriptionsBilled: 2,
        batchInvoicesCreated: 4,
        subscriptionsBilled: 12,
        invoicesCreated: 24,
        errors: 0,
      },
    ]);

    const g = await busyFixture();
    const before = (await g.invoices()).length;
    const stop = new Error('stop');
    await expect(runCycleWith(g, { batchSize: 5, onBatch: () => Promise.reject(stop) })).rejects.toBe(stop);
    // The first batch committed; the rest stays due for the next run.
    expect(await g.invoices()).toHaveLength(before + 10);
    expect(await g.run()).toMatchObject({ subscriptionsBilled: 7, invoicesCreated: 14 });
  });

  it('reads a batch’s customers and credit balances with one call each, never per customer', async () => {
    const calls: string[] = [];
    const f = await busyFixture((memory) =>
      withTransaction(memory, (work) => memory.transaction((session) => work(countingSession(session, calls)))),
    );
    // Three customers have credit: it is applied, and never more than they have.
    for (const [customerId, amount] of [
      ['cus_00', '5.00'],
      ['cus_01', '1000.00'],
      ['cus_02', '-3.00'],
    ] as const) {
      await f.memory.balance.insert({
        id: `btx_${customerId}`,
        customerId,
        currency: 'EUR',
        amount,
        type: 'adjustment',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
    calls.length = 0;
    const summary = await f.run({ batchSize: 6 });
    expect(summary).toMatchObject({ batches: 2, subscriptionsBilled: 12, errors: [] });
    const count = (call: string) => calls.filter((c) => c === call).length;
    expect(count('customers.get')).toBe(0);
    expect(count('customers.getMany')).toBe(2);
    expect(count('balance.balance')).toBe(0);
    // Once when the drafts are built, once more at finalization (for the batch whose drafts apply credit).
    expect(count('balance.balances')).toBe(3);
    expect(await f.storage.balance.balance('cus_00', 'EUR')).toBe('0.00');
    expect(await f.storage.balance.balance('cus_02', 'EUR')).toBe('-3.00');
    const invoices = await f.invoices();
    // The run's two invoices per customer (the first invoice was made at creation, before the credit).
    const applied = (customerId: string) =>
      invoices
        .filter((i) => i.customerId === customerId)
        .map((i) => i.creditApplied)
        .slice(-2);
    expect(applied('cus_00')).toEqual(['5.00', '0.00']);
    expect(applied('cus_02')).toEqual(['0.00', '0.00']);
    expect(applied('cus_01').every((amount) => amount !== '0.00')).toBe(true);
  });
});

/** A session that records `repository.method` of every call made through it. */
function countingSession(session: StorageSession, calls: string[]): StorageSession {
  return new Proxy(session, {
    get(target, repository) {
      const value = Reflect.get(target, repository, target);
      if (typeof repository !== 'string' || typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(inner, method) {
          const fn = Reflect.get(inner, method, inner);
          if (typeof fn !== 'function' || typeof method !== 'string') return fn;
          return (...args: unknown[]) => {
            calls.push(`${repository}.${method}`);
            return fn.apply(inner, args);
          };
        },
      });
    },
  });
}
