import { describe, expect, it } from 'vitest';
import type { MemoryStorage } from '../../storage/memory-storage';
import type { BillingStorageAdapter, StorageSession } from '../../storage/storage-adapter';
import { resolveEngineConfig } from '../context';
import { rejection, storageDump } from '../test-fixture';
import { createCycleFixture, type CycleFixture } from './cycle-fixture';
import { runCycle } from './run-cycle';

/** A daily 1.00 EUR subscription of the fixture's customer, started (and first billed) at the fixture's start. */
async function daily(f: CycleFixture) {
  const price = await f.billing.catalog.prices.create({
    productId: 'prod_basic',
    spec: { model: 'flat', currency: 'EUR', amount: '1.00' },
    interval: 'day',
  });
  const { subscription } = await f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: price.id }] });
  return subscription;
}

describe('runCycle does bounded work whatever its arguments', () => {
  it('refuses a now beyond runHorizonDays past the clock (default 31 days), writing nothing', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    await daily(f);
    const before = await storageDump(f.storage);
    const far = await rejection(f.run({ now: '2026-02-01T00:00:00.001Z' }));
    expect([far.code, far.path]).toEqual(['invalid_input', ['options', 'now']]);
    expect(far.message).toContain('31 days');
    // Beyond the instants Billfold takes at all (the 60-second, 2.7 GB run of the issue).
    const year9999 = await rejection(f.run({ now: '9999-12-31T23:59:59Z' }));
    expect([year9999.code, year9999.path]).toEqual(['invalid_input', ['options', 'now']]);
    expect(await storageDump(f.storage)).toEqual(before);
    // Exactly 31 days ahead is inside the horizon: 31 daily periods (Jan 2 … Feb 1).
    expect((await f.run({ now: '2026-02-01T00:00:00Z' })).invoicesCreated).toBe(31);
  });

  it('takes its horizon from the engine config', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    await daily(f);
    const ctx = { ...f.billing.context, config: resolveEngineConfig({ runHorizonDays: 0 }) };
    const error = await rejection(runCycle(ctx, { now: '2026-01-01T00:00:01Z' }));
    expect(error.path).toEqual(['options', 'now']);
    expect((await runCycle(ctx, { now: '2026-01-01T00:00:00Z' })).invoicesCreated).toBe(0);
  });

  it('bills at most maxPeriodsPerRun (default 120) periods per subscription; the rest stay due for later runs', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const subscription = await daily(f);
    // Ten years behind: 3,652 daily boundaries from 2026-01-02 to 2036-01-01 (the 3,287-invoice call).
    f.clock.set('2036-01-01T00:00:00Z');
    const first = await f.run();
    expect([first.invoicesCreated, first.subscriptionsBilled, first.subscriptionsLeftDue]).toEqual([120, 1, 1]);
    expect(first.errors).toEqual([]);
    const billed = (await f.invoices()).filter((invoice) => invoice.billingReason === 'subscription_cycle');
    expect(billed.map((invoice) => invoice.periodStart)).toEqual(
      Array.from({ length: 120 }, (_, day) => new Date(Date.UTC(2026, 0, 2 + day)).toISOString()),
    );
    expect((await f.billing.subscriptions.get(subscription.id)).nextBillingAt).toBe('2026-05-02T00:00:00.000Z');
    // The next run goes on from there.
    const second = await f.run();
    expect([second.invoicesCreated, second.subscriptionsLeftDue]).toEqual([120, 1]);
    expect((await f.billing.subscriptions.get(subscription.id)).nextBillingAt).toBe('2026-08-30T00:00:00.000Z');
  });

  it('takes the cap from the run options and from the engine config', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    await daily(f);
    f.clock.set('2026-01-20T00:00:00Z');
    expect(await f.billing.runCycle({ maxPeriodsPerSubscription: 3 })).toMatchObject({
      invoicesCreated: 3,
      subscriptionsLeftDue: 1,
    });
    const ctx = { ...f.billing.context, config: resolveEngineConfig({ maxPeriodsPerRun: 5 }) };
    expect(await runCycle(ctx, { batchSize: 1 })).toMatchObject({ invoicesCreated: 5, subscriptionsLeftDue: 1 });
    // 19 boundaries (Jan 2 … Jan 20) in all: 3 + 5 + the 11 left.
    expect(await f.run()).toMatchObject({ invoicesCreated: 11, subscriptionsLeftDue: 0 });
    const bad = await rejection(f.billing.runCycle({ maxPeriodsPerSubscription: 0 }));
    expect(bad.path).toEqual(['options', 'maxPeriodsPerSubscription']);
  });
});

/** Memory storage whose balance reads give back `text` for one customer (a record that cannot be read back). */
function unreadableBalanceOf(customerId: string, text: string) {
  return (memory: MemoryStorage): BillingStorageAdapter => {
    const patch = (session: StorageSession): StorageSession => ({
      ...session,
      balance: {
        ...session.balance,
        async balances(ids, currency) {
          const balances = await session.balance.balances(ids, currency);
          if (balances.has(customerId)) balances.set(customerId, text);
          return balances;
        },
      },
    });
    return {
      ...patch(memory),
      capabilities: memory.capabilities,
      transaction: (work) => memory.transaction((session) => work(patch(session))),
      close: () => memory.close(),
    };
  };
}

describe('a record that cannot be read back fails its customer, never the run', () => {
  it('bills everyone else and reports the customer whose balance is not a decimal', async () => {
    const f = await createCycleFixture({ wrap: unreadableBalanceOf('cus_broken', 'NaN') });
    const broken = await f.addCustomer('cus_broken');
    const other = await f.addCustomer('cus_other');
    f.clock.set('2025-12-01T00:00:00Z');
    for (const customer of [broken, other, f.customer]) {
      await f.subscriptions.create({
        customerId: customer.id,
        items: [{ priceId: f.prices.basic.id }],
        startAt: '2026-01-01T00:00:00Z',
      });
    }
    f.clock.set('2026-01-01T00:00:00Z');
    const summary = await f.run();
    expect(summary.invoicesCreated).toBe(2);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ step: 'customer', code: 'invalid_state' });
    expect(summary.errors[0]?.message).toContain('cus_broken');
    expect(new Set((await f.invoices()).map((invoice) => invoice.customerId))).toEqual(new Set([other.id, 'cus_main']));
  });

  it('reads back a balance beyond 64 characters (stored before input was bounded) and bills with it', async () => {
    const f = await createCycleFixture();
    // A 62-digit credit, as `payments.record` once accepted; its sum reads back as 65 characters.
    const huge = `${'9'.repeat(62)}.00`;
    await f.storage.balance.insert({
      id: 'btx_legacy',
      customerId: f.customer.id,
      currency: 'EUR',
      amount: huge,
      type: 'overpayment',
      createdAt: '2025-12-31T00:00:00.000Z',
    });
    expect((await f.billing.balance.get(f.customer.id, 'EUR')).amount).toBe(huge);
    const other = await f.addCustomer('cus_other');
    for (const customer of [f.customer, other]) {
      await f.subscriptions.create({ customerId: customer.id, items: [{ priceId: f.prices.basic.id }] });
    }
    f.clock.set('2026-02-01T00:00:00Z');
    const summary = await f.run();
    expect([summary.invoicesCreated, summary.errors]).toEqual([2, []]);
    // 10.00 + 19 % VAT, all of it paid from the credit.
    const february = (await f.invoices()).filter((i) => i.customerId === f.customer.id).at(-1);
    expect([february?.total, february?.creditApplied, february?.amountDue]).toEqual(['11.90', '11.90', '0.00']);
  });
});
