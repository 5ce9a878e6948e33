import { type Billing, createBilling, createTestClock, type Invoice, listAll } from '@billfold/core';
import { expect, it } from 'vitest';
import type { BenchCatalog } from '../bench/seed';
import type { PostgresStorage } from '../src/index';
import { describeServer, sharedPool } from './support/backends';
import { expectLedgerKept } from './support/ledger-expect';
import type { LedgerOpOutcome } from './support/ledger-op-child';
import { releaseInOrder, untilSettled } from './support/ledger-workers';
import { subscribedCustomer } from './support/race-customers';
import { BEFORE_NUMBERING, type Call, NOW, raceHarness, refusedWith, STARTS_AT } from './support/race-harness';

/*
 * The subscription operations of issue 9 that move money — pausing with a credit, pending items, scheduled changes
 * — raced from several OS processes on a real PostgreSQL server, each paused at the read its decision rests on (see
 * ledger-races.test.ts for how). Each takes its customer's ledger lock, then the subscription row: the competing
 * writer waits, then decides on what the first one committed.
 */

const { seeded, race, worker } = raceHarness();

/** A customer (EUR, VAT 19 %) subscribed to Basic from `startAt` (default: when seeded, 10 January). */
const basicSubscriber = (billing: Billing, catalog: BenchCatalog, name: string, startAt?: string) =>
  subscribedCustomer(billing, catalog, name, 'basic', startAt);

/**
 * Starts a billing run that pauses with its batch open (drafts built, nothing numbered yet), waits until it is
 * there, then starts `other`: that one must wait for the run's locks.
 */
async function whileTheRunHolds(storage: PostgresStorage, other: Call): Promise<[LedgerOpOutcome, LedgerOpOutcome]> {
  const run = worker(storage, 'run', { call: 'runCycle', arg: {}, pause: BEFORE_NUMBERING });
  const late = worker(storage, 'other', other);
  await Promise.all([run.ready(), late.ready()]);
  run.go();
  await untilSettled(sharedPool(), [run]);
  expect(run.state).toBe('paused');
  late.go();
  const [ran, done] = await releaseInOrder(sharedPool(), [run, late]);
  return [ran as LedgerOpOutcome, done as LedgerOpOutcome];
}

describeServer('subscription races between OS processes (PostgreSQL)', () => {
  it('two pauses with restart billing: one pauses and credits the unused time once, the other is refused', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, subscription } = await basicSubscriber(billing, catalog, 'Pausing', STARTS_AT);
    await createBilling({ storage, clock: createTestClock(NOW) }).runCycle();
    const pause = {
      call: 'subscriptions.pause',
      arg: { subscriptionId: subscription.id, behavior: 'restart' },
      pause: { call: 'invoices.list', when: 'after' },
    } as const;
    const started = await race(storage, { first: pause, second: pause });
    const outcomes = await releaseInOrder(sharedPool(), Object.values(started));
    expect(outcomes.map(refusedWith).sort()).toEqual(['invalid_state', 'ok']);
    // February was paid 10.00 + 19 % = 11.90; 14 of its 28 days are unused: 5.95, credited once.
    const figures = await expectLedgerKept(storage, customer.id, 'EUR');
    expect(figures.balance.toString()).toBe('5.95');
    expect((await billing.subscriptions.get(subscription.id)).status).toBe('paused');
  });

  it('a pending item added while a billing run holds the subscription goes on exactly one invoice', async () => {
    const { storage, billing, catalog } = await seeded();
    const { subscription } = await basicSubscriber(billing, catalog, 'Pending', STARTS_AT);
    const outcomes = await whileTheRunHolds(storage, {
      call: 'subscriptions.addPendingItem',
      arg: { subscriptionId: subscription.id, description: 'Visit', amount: '60.00' },
    });
    expect(outcomes.map(refusedWith)).toEqual(['ok', 'ok']);
    const invoices: Invoice[] = await listAll((page) =>
      storage.invoices.list({ subscriptionId: subscription.id, ...page }),
    );
    const invoiced = invoices.flatMap((invoice) => invoice.lines).filter((line) => line.description === 'Visit');
    const pending = (await billing.subscriptions.listPendingItems(subscription.id)).filter(
      (i) => i.description === 'Visit',
    );
    // The run read the subscription before the item was added: the item waits for the next invoice, once.
    expect([invoiced.length, pending.length]).toEqual([0, 1]);
    expect(invoices.map((invoice) => invoice.total)).toEqual(['11.90']);
    const next = await createBilling({ storage, clock: createTestClock('2026-03-01T00:00:00.000Z') }).runCycle();
    expect(next.errors).toEqual([]);
    const march = (await listAll((page) => storage.invoices.list({ subscriptionId: subscription.id, ...page }))).at(-1);
    expect([march?.lines.map((line) => line.description), march?.total]).toEqual([['Basic', 'Visit'], '83.30']);
  });

  it('a scheduled change the run applies while it is unscheduled: applied once, the unscheduling refused', async () => {
    const { storage, billing, catalog } = await seeded();
    // From 10 January: the renewal on 10 February takes 2 seats instead of Basic.
    const { subscription } = await basicSubscriber(billing, catalog, 'Scheduled');
    const { change } = await billing.subscriptions.scheduleChange({
      subscriptionId: subscription.id,
      items: [{ priceId: catalog.seatPriceId, quantity: '2' }],
    });
    const [ran, unscheduled] = await whileTheRunHolds(storage, {
      call: 'subscriptions.unscheduleChange',
      arg: { subscriptionId: subscription.id, changeId: change.id },
    });
    expect(ran.ok, JSON.stringify(ran)).toBe(true);
    expect(refusedWith(unscheduled)).toBe('not_found');
    const invoices: Invoice[] = await listAll((page) =>
      storage.invoices.list({ subscriptionId: subscription.id, ...page }),
    );
    // 2 seats × 8.00 = 16.00 + 19 % = 19.04 from 10 February.
    const byPeriod = invoices.sort((a, b) => ((a.periodStart ?? '') < (b.periodStart ?? '') ? -1 : 1));
    expect(byPeriod.map((invoice) => [invoice.lines.map((line) => line.description), invoice.total])).toEqual([
      [['Basic'], '11.90'],
      [['Seats × 2'], '19.04'],
    ]);
    const after = await billing.subscriptions.get(subscription.id);
    expect([after.items.map((item) => item.priceId), after.scheduledChanges]).toEqual([
      [catalog.seatPriceId],
      undefined,
    ]);
  });
});
