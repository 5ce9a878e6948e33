import { fileURLToPath } from 'node:url';
import { createTestClock, listAll, money } from '@billfold/core';
import { afterEach, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { describeServer, dropSchema, postgresBackend, serverUrl } from './support/backends';
import type { CollectionsChildConfig, CollectionsChildMessage } from './support/collections-child';
import { collectionsEngine, SUBSCRIBED_AT, seedOverdueCustomers } from './support/collections-setup';
import { expectGaplessNumbers } from './support/engine-expect';
import { expectLedgerKept } from './support/ledger-expect';
import { type ChildScript, startChild } from './support/workers';

/*
 * Collections and the outbox from several OS processes on one PostgreSQL server. Each business customer owes
 * 1,000.00 due on 15 March (see support/collections-setup.ts); on 22 March at 07:00 UTC the runs send reminder 3,
 * flag the invoice overdue, make the subscription past due and charge 25.00 + 1.83 interest (6 days at 11.15 %:
 * 66,900 / 36,500 = 1.83) + 40.00 compensation = 66.83 on a fee invoice. Two runs at once must do all that once per
 * customer: no reminder, fee or fee invoice twice.
 */

const CHILD = fileURLToPath(new URL('./support/collections-child.ts', import.meta.url));
const NOW = '2026-03-22T07:00:00.000Z';

let storage: PostgresStorage | undefined;
let children: ChildScript<CollectionsChildMessage>[] = [];
afterEach(async () => {
  await Promise.all(children.map((child) => child.kill()));
  children = [];
  if (storage !== undefined) await dropSchema(storage);
  storage = undefined;
});

function start(config: Omit<CollectionsChildConfig, 'url' | 'schema'>): ChildScript<CollectionsChildMessage> {
  const db = storage as PostgresStorage;
  const child = startChild<CollectionsChildMessage>(CHILD, {
    url: serverUrl() as string,
    schema: db.schema as string,
    ...config,
  } satisfies CollectionsChildConfig);
  children.push(child);
  return child;
}

/** Starts the children, lets them all go at once, and returns their `done` messages. */
async function runTogether(configs: Omit<CollectionsChildConfig, 'url' | 'schema'>[]) {
  const started = configs.map(start);
  await Promise.all(started.map((child) => child.next('ready')));
  for (const child of started) child.send('go');
  return Promise.all(started.map((child) => child.next('done')));
}

describeServer('collections from several OS processes (PostgreSQL)', () => {
  it('two collections runs at once remind, charge and dun every customer exactly once', async () => {
    const db = await postgresBackend.storage();
    storage = db;
    const customers = await seedOverdueCustomers(collectionsEngine(db, createTestClock(SUBSCRIBED_AT)), 30);
    await db.client.query(`CREATE TABLE "${db.schema}".barrier (pid integer)`);
    const runs = await runTogether(
      [0, 1].map((n) => ({
        applicationName: `billfold-collect-${n}-${process.pid}`,
        mode: 'collect' as const,
        now: NOW,
        batchSize: 4,
        barrierTable: 'barrier',
        parties: 2,
      })),
    );
    expect(
      runs.map((r) => r.overlapped),
      'both runs held claimed invoices at the same time',
    ).toEqual([true, true]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs.reduce((sum, r) => sum + r.remindersSent, 0)).toBe(30);
    expect(runs.reduce((sum, r) => sum + r.feesCharged, 0)).toBe(90);

    const entries = await listAll((page) => db.outbox.list(page));
    const count = (type: string) => entries.filter((entry) => entry.type === type).length;
    expect([
      count('invoice.reminder'),
      count('invoice.overdue'),
      count('invoice.fee_charged'),
      count('subscription.past_due'),
    ]).toEqual([30, 30, 30, 30]);
    expect(new Set(entries.map((entry) => entry.dedupeKey)).size).toBe(entries.length);
    const fees = await listAll((page) => db.collectionFees.list(page));
    expect(fees).toHaveLength(90);
    const charged = fees.reduce((sum, fee) => sum.add(money(fee.amount, 'EUR')), money('0', 'EUR'));
    expect(charged.toString()).toBe('2004.90'); // 30 × 66.83
    const invoices = await listAll((page) => db.invoices.list(page));
    expectGaplessNumbers(invoices);
    const feeInvoices = invoices.filter((invoice) => invoice.billingReason === 'collections_fee');
    expect(feeInvoices.map((invoice) => invoice.total)).toEqual(Array(30).fill('66.83'));
    for (const invoice of invoices.filter((i) => i.billingReason === 'subscription_create')) {
      expect(invoice).toMatchObject({
        remindersSent: 3,
        overdue: true,
        overdueAt: '2026-03-18T23:00:00.000Z',
        collectionsDueAt: '2026-03-25T23:00:00.000Z', // unpaid, 26 March 00:00 Berlin
      });
    }
    for (const subscription of await listAll((page) => db.subscriptions.list(page))) {
      expect(subscription).toMatchObject({ status: 'past_due', dunning: { stage: 'past_due' } });
    }
    for (const customerId of customers) await expectLedgerKept(db, customerId, 'EUR');
  }, 120_000);

  it('two dispatchers at once deliver every pending notification exactly once', async () => {
    const db = await postgresBackend.storage();
    storage = db;
    const clock = createTestClock(SUBSCRIBED_AT);
    await seedOverdueCustomers(collectionsEngine(db, clock), 60);
    const pending = await listAll((page) => db.outbox.list({ status: 'pending', ...page }));
    expect(pending).toHaveLength(60); // invoice.finalized of each
    const runs = await runTogether(
      [0, 1].map((n) => ({
        applicationName: `billfold-dispatch-${n}-${process.pid}`,
        mode: 'dispatch' as const,
        now: SUBSCRIBED_AT,
        batchSize: 5,
      })),
    );
    const sent = runs.flatMap((r) => r.sent);
    expect(sent.length, 'sent twice').toBe(new Set(sent).size);
    expect([...sent].sort()).toEqual(pending.map((entry) => entry.dedupeKey).sort());
    const after = await listAll((page) => db.outbox.list(page));
    expect(after.every((entry) => entry.status === 'delivered' && entry.attempts === 1)).toBe(true);
  }, 120_000);

  it('a process killed after its commit, while sending, loses nothing: the lease runs out and the entry is sent', async () => {
    const db = await postgresBackend.storage();
    storage = db;
    const [customerId] = await seedOverdueCustomers(collectionsEngine(db, createTestClock(SUBSCRIBED_AT)), 1);
    await db.transaction(async (session) => {
      // The seed's own notifications are not what this test is about: mark them sent.
      for (const entry of await listAll((page) => session.outbox.list(page))) {
        await session.outbox.update({
          ...entry,
          status: 'delivered',
          deliveredAt: SUBSCRIBED_AT,
          version: entry.version + 1,
        });
      }
    });
    const payer = start({
      applicationName: `billfold-pay-${process.pid}`,
      mode: 'pay',
      now: '2026-03-10T12:00:00.000Z',
      customerId: customerId as string,
    });
    await payer.next('ready');
    payer.send('go');
    await payer.next('notifying');
    await payer.kill(); // SIGKILL: the payment is committed, its notifications claimed and leased, none sent
    const payment = (await db.payments.list({ customerId: customerId as string })).items[0];
    expect(payment?.amount).toBe('1000.00');
    const leased = await listAll((page) => db.outbox.list({ status: 'pending', ...page }));
    expect(leased.map((entry) => [entry.type, entry.attempts])).toEqual([
      ['payment.received', 1],
      ['invoice.paid', 1],
    ]);
    const sent: string[] = [];
    const clock = createTestClock('2026-03-10T12:04:59.000Z');
    const billing = collectionsEngine(db, clock, { notify: async (n) => void sent.push(n.type) });
    expect(await billing.notifications.dispatch(), 'within the lease').toMatchObject({ claimed: 0 });
    clock.advance({ seconds: 1 }); // the 300-second lease has run out
    expect(await billing.notifications.dispatch()).toMatchObject({ claimed: 2, delivered: 2 });
    expect(sent).toEqual(['payment.received', 'invoice.paid']);
  }, 60_000);
});
