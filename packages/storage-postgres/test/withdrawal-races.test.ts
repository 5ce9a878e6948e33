import {
  type Billing,
  type CollectionsPolicyInput,
  createBilling,
  createTestClock,
  type Invoice,
  listAll,
} from '@billfold/core';
import { expect, it } from 'vitest';
import type { BenchCatalog } from '../bench/seed';
import type { PostgresStorage } from '../src/index';
import { describeServer, sharedPool } from './support/backends';
import { expectLedgerKept } from './support/ledger-expect';
import type { LedgerOpOutcome } from './support/ledger-op-child';
import { type LedgerWorkerState, releaseInOrder, untilSettled } from './support/ledger-workers';
import { meteredCustomer } from './support/race-customers';
import { BEFORE_NUMBERING, type Call, NOW, raceHarness, refusedWith, SEEDED_AT } from './support/race-harness';

/*
 * `subscriptions.withdrawCancellation` raced from OS processes on a real PostgreSQL server (see ledger-races.test.ts
 * for how) against the two writers that end a subscription: the billing run at the period end the customer cancelled
 * for, and a collections run whose dunning reaches `canceled`. Whichever holds the customer first, the other decides
 * on what it committed: a withdrawal never brings back a subscription the run ended or dunning cancelled, and never
 * leaves a renewal unbilled or billed twice.
 */

const { seeded, worker } = raceHarness();

/** Dunning that cancels 5 days after an invoice became overdue (no reminders, no grace). */
const CANCELLING: CollectionsPolicyInput = {
  reminders: { steps: [] },
  graceDays: 0,
  dunning: { pastDueAfterDays: 0, cancelAfterDays: 5 },
};

/**
 * Starts `holder`, waits until it pauses (holding what it locked), then starts `other` and waits until neither can
 * go on by itself; lets `holder` go on first. Returns both outcomes and where `other` was while `holder` held.
 */
async function whileHeld(
  storage: PostgresStorage,
  holder: Call,
  other: Call,
): Promise<{ held: LedgerOpOutcome; other: LedgerOpOutcome; otherMeanwhile: LedgerWorkerState }> {
  const first = worker(storage, 'holder', holder);
  const second = worker(storage, 'other', other);
  await Promise.all([first.ready(), second.ready()]);
  first.go();
  await untilSettled(sharedPool(), [first]);
  expect(first.state, 'the holder pauses with its locks held').toBe('paused');
  second.go();
  await untilSettled(sharedPool(), [first, second]);
  const otherMeanwhile = second.state;
  const [held, done] = await releaseInOrder(sharedPool(), [first, second]);
  return { held: held as LedgerOpOutcome, other: done as LedgerOpOutcome, otherMeanwhile };
}

/**
 * A customer (EUR, VAT 19 %) on Basic + data from 10 January (Basic invoiced then, due 24 January), 12 GB used on
 * 20 January, who cancelled on 20 January for the end of the period (10 February). With `policy`, the engine that
 * made it collects too.
 */
async function cancelledAtPeriodEnd(
  storage: PostgresStorage,
  billing: Billing,
  catalog: BenchCatalog,
  policy?: CollectionsPolicyInput,
) {
  const engine =
    policy === undefined
      ? billing
      : createBilling({ storage, clock: createTestClock(SEEDED_AT), config: { collections: policy } });
  const { customer, subscription } = await meteredCustomer(engine, catalog, 'Wavering');
  const later = createBilling({ storage, clock: createTestClock('2026-01-20T12:00:00.000Z') });
  await later.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true });
  return { customer, subscription };
}

/** The invoices of a subscription, oldest first (the workers' ids are random: not in id order). */
const invoicesOf = async (storage: PostgresStorage, subscriptionId: string): Promise<Invoice[]> =>
  (await listAll((page) => storage.invoices.list({ subscriptionId, ...page }))).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );

/** What each invoice bills: its lines' billing codes and the start of their period. */
const billed = (invoices: readonly Invoice[]) =>
  invoices.map((invoice) => invoice.lines.map((line) => `${line.billingCode} ${line.periodStart?.slice(0, 10)}`));

describeServer('withdrawing a cancellation, raced between OS processes (PostgreSQL)', () => {
  it('the run ends the subscription at its period end while the withdrawal waits: the withdrawal is then refused, nothing renews', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, subscription } = await cancelledAtPeriodEnd(storage, billing, catalog);
    const withdraw: Call = { call: 'subscriptions.withdrawCancellation', arg: { subscriptionId: subscription.id } };
    const { held, other, otherMeanwhile } = await whileHeld(
      storage,
      { call: 'runCycle', arg: {}, pause: BEFORE_NUMBERING },
      withdraw,
    );
    expect(otherMeanwhile, 'the withdrawal waits for the run').toBe('running');
    expect(held.ok ? (held.result as { invoicesCreated: number }).invoicesCreated : held).toBe(1);
    expect([refusedWith(other), other.ok ? [] : other.path]).toEqual(['invalid_state', ['input', 'subscriptionId']]);
    expect(await storage.subscriptions.get(subscription.id)).toMatchObject({ status: 'canceled' });
    // The final invoice bills January's data only: no Basic for the period from 10 February.
    await createBilling({ storage, clock: createTestClock('2026-04-15T00:00:00.000Z') }).runCycle();
    expect(billed(await invoicesOf(storage, subscription.id))).toEqual([['BASIC 2026-01-10'], ['DATA 2026-01-10']]);
    await expectLedgerKept(storage, customer.id, 'EUR');
  });

  it('a withdrawal holding the subscription when the run claims: the run leaves it, and it renews once', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, subscription } = await cancelledAtPeriodEnd(storage, billing, catalog);
    const { held, other, otherMeanwhile } = await whileHeld(
      storage,
      {
        call: 'subscriptions.withdrawCancellation',
        arg: { subscriptionId: subscription.id },
        pause: { call: 'subscriptions.lock', when: 'after' },
      },
      { call: 'runCycle', arg: {} },
    );
    // The run skips the locked row (it stays due) rather than waiting while it holds its claim.
    expect(otherMeanwhile).toBe('finished');
    expect(refusedWith(held), JSON.stringify(held)).toBe('ok');
    expect(other.ok ? (other.result as { invoicesCreated: number }).invoicesCreated : other).toBe(0);
    expect(await storage.subscriptions.get(subscription.id)).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
    });
    // The next run renews it for the period from 10 February with January's data, once.
    const next = createBilling({ storage, clock: createTestClock(NOW) });
    expect((await next.runCycle()).invoicesCreated).toBe(1);
    expect((await next.runCycle()).invoicesCreated).toBe(0);
    expect(billed(await invoicesOf(storage, subscription.id))).toEqual([
      ['BASIC 2026-01-10'],
      ['BASIC 2026-02-10', 'DATA 2026-01-10'],
    ]);
    await expectLedgerKept(storage, customer.id, 'EUR');
  });

  it('dunning cancels while the withdrawal waits for the customer: the withdrawal is refused, the cancellation stays', async () => {
    const { storage, billing, catalog } = await seeded();
    const { subscription } = await cancelledAtPeriodEnd(storage, billing, catalog, CANCELLING);
    await pastDue(storage, subscription.id);
    const { held, other, otherMeanwhile } = await whileHeld(
      storage,
      {
        call: 'collections.run',
        arg: {},
        config: { collections: CANCELLING },
        pause: { call: 'locks.customers', when: 'after' },
      },
      { call: 'subscriptions.withdrawCancellation', arg: { subscriptionId: subscription.id } },
    );
    expect(otherMeanwhile, 'the withdrawal waits for the collections batch').toBe('running');
    expect(held.ok ? (held.result as { dunning: { canceled: number } }).dunning.canceled : held).toBe(1);
    expect([refusedWith(other), other.ok ? '' : other.message]).toEqual([
      'invalid_state',
      `Subscription ${subscription.id} was cancelled by dunning: pay the overdue invoice`,
    ]);
    expect(await storage.subscriptions.get(subscription.id)).toMatchObject({
      cancelAtPeriodEnd: true,
      dunning: { stage: 'canceled' },
    });
  });

  it('a withdrawal holding the customer when dunning cancels: dunning waits, then cancels what the withdrawal kept', async () => {
    const { storage, billing, catalog } = await seeded();
    const { subscription } = await cancelledAtPeriodEnd(storage, billing, catalog, CANCELLING);
    await pastDue(storage, subscription.id);
    const { held, other, otherMeanwhile } = await whileHeld(
      storage,
      {
        call: 'subscriptions.withdrawCancellation',
        arg: { subscriptionId: subscription.id },
        pause: { call: 'subscriptions.lock', when: 'after' },
      },
      { call: 'collections.run', arg: {}, config: { collections: CANCELLING } },
    );
    // The batch leaves the held customer for the end of the run, and waits for it there.
    expect(otherMeanwhile, 'the collections run waits for the withdrawal').toBe('running');
    expect(refusedWith(held), JSON.stringify(held)).toBe('ok');
    expect(other.ok ? (other.result as { dunning: { canceled: number } }).dunning.canceled : other).toBe(1);
    // Never a withdrawn cancellation with dunning's cancel on it: dunning's cancellation is in force.
    expect(await storage.subscriptions.get(subscription.id)).toMatchObject({
      cancelAtPeriodEnd: true,
      dunning: { stage: 'canceled' },
    });
  });
});

/** Runs collections on 25 January: the invoice of 10 January (due 24 January) makes the subscription past due. */
async function pastDue(storage: PostgresStorage, subscriptionId: string) {
  const collecting = createBilling({
    storage,
    clock: createTestClock('2026-01-25T07:00:00.000Z'),
    config: { collections: CANCELLING },
  });
  await collecting.collections.run();
  expect(await storage.subscriptions.get(subscriptionId)).toMatchObject({
    cancelAtPeriodEnd: true,
    dunning: { stage: 'past_due' },
  });
}
