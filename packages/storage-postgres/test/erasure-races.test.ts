import { type Billing, createBilling, createTestClock, listAll } from '@billfold/core';
import { expect, it } from 'vitest';
import type { BenchCatalog } from '../bench/seed';
import type { PostgresStorage } from '../src/index';
import { describeServer, sharedPool } from './support/backends';
import { expectLedgerKept } from './support/ledger-expect';
import { releaseInOrder, untilSettled } from './support/ledger-workers';
import { meteredCustomer } from './support/race-customers';
import { BEFORE_NUMBERING, type Call, NOW, raceHarness, refusedWith } from './support/race-harness';

/*
 * `customers.erase` (issue 12) raced from several OS processes on a real PostgreSQL server against what can still
 * bill or pay the same customer: the billing run that sends the final invoice of a canceled subscription, and a
 * payment (see ledger-races.test.ts for how processes are paused and let go). Erasure takes the customer's ledger
 * lock and refuses while a subscription can still bill: whichever holds the customer first, nothing is billed
 * after the erasure and the ledger stays balanced.
 */

const { seeded, worker } = raceHarness();

/** When the subscription of {@link canceledWithFinalBill} ends (its last usage is still to be billed then). */
const ENDED_AT = '2026-02-01T00:00:00.000Z';

/**
 * A customer (EUR, VAT 19 %) whose Basic + data subscription from 10 January was canceled on 1 February: 12 GB of
 * January usage are still to be billed by the run at {@link NOW}, on a final invoice.
 */
async function canceledWithFinalBill(billing: Billing, storage: PostgresStorage, catalog: BenchCatalog) {
  const { customer, subscription } = await meteredCustomer(billing, catalog, 'Leaving');
  const leaving = createBilling({ storage, clock: createTestClock(ENDED_AT) });
  const { subscription: canceled } = await leaving.subscriptions.cancel({
    subscriptionId: subscription.id,
    atPeriodEnd: false,
  });
  expect([canceled.status, canceled.nextBillingAt !== undefined], 'a final bill is due').toEqual(['canceled', true]);
  const invoicesBefore = await listAll((page) => storage.invoices.list({ customerId: customer.id, ...page }));
  return { customer, subscription, invoicesBefore };
}

/** A payment of 50.00 for the customer, allocated by the engine (oldest open invoice first, the rest as credit). */
const paymentOf = (customerId: string): Call => ({
  call: 'payments.record',
  arg: { customerId, amount: '50.00', currency: 'EUR', method: 'bank_transfer' },
});

/** After the race: a later run bills nothing more for the customer, and the ledger is kept. */
async function expectNothingBilledLater(storage: PostgresStorage, customerId: string, invoices: number) {
  const later = createBilling({ storage, clock: createTestClock('2026-04-15T00:00:00.000Z') });
  await later.runCycle();
  const all = await listAll((page) => storage.invoices.list({ customerId, ...page }));
  expect(all, 'invoices after a later run').toHaveLength(invoices);
  return expectLedgerKept(storage, customerId, 'EUR');
}

describeServer('customer erasure raced between OS processes (PostgreSQL)', () => {
  it('erasure and a payment sent while the run holds the final bill wait for it; the customer is then erased, and nothing is billed after', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, invoicesBefore } = await canceledWithFinalBill(billing, storage, catalog);
    const run = worker(storage, 'run', { call: 'runCycle', arg: {}, pause: BEFORE_NUMBERING });
    const erase = worker(storage, 'erase', { call: 'customers.erase', arg: customer.id });
    const pay = worker(storage, 'pay', paymentOf(customer.id));
    await Promise.all([run.ready(), erase.ready(), pay.ready()]);
    run.go();
    await untilSettled(sharedPool(), [run]);
    expect(run.state, 'the run holds its batch open').toBe('paused');
    erase.go();
    await untilSettled(sharedPool(), [run, erase]);
    // Settled while running: the erasure waits on the server for the lock the run holds.
    expect(erase.state, 'the erasure waits for the run').toBe('running');
    pay.go();
    await untilSettled(sharedPool(), [run, erase, pay]);
    expect(pay.state, 'the payment waits for the run').toBe('running');
    const [ran, erased, paid] = await releaseInOrder(sharedPool(), [run, erase, pay]);
    expect(ran?.ok ? (ran.result as { invoicesCreated: number }).invoicesCreated : ran).toBe(1);
    expect(erased?.ok ? (erased.result as { erasedNow: boolean }).erasedNow : erased).toBe(true);
    // Payments on an erased customer's retained invoices still work.
    expect(refusedWith(paid ?? { ok: true, result: null }), JSON.stringify(paid)).toBe('ok');
    const figures = await expectNothingBilledLater(storage, customer.id, invoicesBefore.length + 1);
    const stored = await billing.customers.get(customer.id);
    expect([stored.name, stored.erasure?.erasedAt]).toEqual(['Erased customer', NOW]);
    // What the payment did not settle is credit on the balance, never debt.
    const payments = await listAll((page) => storage.payments.list({ customerId: customer.id, ...page }));
    expect(payments.map((p) => [p.amount, p.unapplied])).toEqual([['50.00', figures.balance.toString()]]);
  });

  it('a run that finds the erasure holding the customer bills the final invoice after it, and the erasure is refused', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, invoicesBefore } = await canceledWithFinalBill(billing, storage, catalog);
    // The erasure pauses with the lock held and the subscription read: it can still bill.
    const erase = worker(storage, 'erase', {
      call: 'customers.erase',
      arg: customer.id,
      pause: { call: 'subscriptions.list', when: 'after' },
    });
    const run = worker(storage, 'run', { call: 'runCycle', arg: {} });
    const pay = worker(storage, 'pay', paymentOf(customer.id));
    await Promise.all([erase.ready(), run.ready(), pay.ready()]);
    erase.go();
    await untilSettled(sharedPool(), [erase]);
    expect(erase.state, 'the erasure holds the customer').toBe('paused');
    run.go();
    pay.go();
    await untilSettled(sharedPool(), [erase, run, pay]);
    // The run leaves the held customer out of its batch and waits for it at the end; the payment waits too.
    expect([run.state, pay.state]).toEqual(['running', 'running']);
    const [erased, ran, paid] = await releaseInOrder(sharedPool(), [erase, run, pay]);
    expect([erased?.ok ? 'ok' : erased?.code, erased?.ok ? [] : erased?.path]).toEqual([
      'invalid_state',
      ['customerId'],
    ]);
    expect(ran?.ok ? (ran.result as { invoicesCreated: number }).invoicesCreated : ran).toBe(1);
    expect(refusedWith(paid ?? { ok: true, result: null })).toBe('ok');
    await expectNothingBilledLater(storage, customer.id, invoicesBefore.length + 1);
    expect((await billing.customers.get(customer.id)).erasure).toBeUndefined();
    // Now nothing can bill it: erasure goes through.
    const after = await createBilling({ storage, clock: createTestClock(NOW) }).customers.erase(customer.id);
    expect(after.erasedNow).toBe(true);
  });
});
