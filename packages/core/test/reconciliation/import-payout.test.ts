/**
 * `billing.reconciliation.importPayout`: a gateway payout (three card payments, their fees, a refund netted in it)
 * imported into the ledger with hand-computed figures, imported again, then deposited on a camt.053 statement and
 * reconciled against it; mismatches held for a person; a deposit that arrived before its payout; bad input.
 */
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../src/clock/test-clock';
import { createBilling } from '../../src/engine/create-billing';
import { ScriptedGateway } from '../../src/engine/online-payments/scripted-gateway';
import { counterIds } from '../../src/engine/run-cycle/cycle-fixture';
import { parseCamt } from '../../src/reconciliation/camt-statement';
import type { PayoutStatement } from '../../src/reconciliation/settle-payout';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { readAllRecords } from '../../src/storage/read-all-records';
import { camtDocument, type EntrySpec } from './camt-fixtures';

const ACCOUNT = 'DE89370400440532013000';

/** A customer paying by card; three invoices of 100.00, 50.00 and 20.00 charged, the 20.00 refunded. */
async function ledger(storage = new MemoryStorage()) {
  const clock = createTestClock('2026-03-02T09:00:00Z');
  const gateway = new ScriptedGateway('stripe');
  const billing = createBilling({ storage, clock, ids: counterIds(), gateways: [gateway] });
  const customer = await billing.customers.create({
    name: 'Card GmbH',
    email: 'card@example.com',
    currency: 'EUR',
    collectionMethod: 'charge_automatically',
  });
  await billing.paymentMethods.save({ customerId: customer.id, providerMethodId: `pm_visa_gc_${customer.id}` });
  for (const amount of ['100.00', '50.00', '20.00']) {
    await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Service', amount }],
      autoFinalize: true,
    });
  }
  const payments = (await billing.payments.list({ customerId: customer.id })).items;
  const byAmount = (amount: string) => payments.find((p) => p.amount === amount) as (typeof payments)[number];
  const [p100, p50, p20] = [byAmount('100.00'), byAmount('50.00'), byAmount('20.00')];
  await billing.payments.refund({ paymentId: p20.id, amount: '20.00', idempotencyKey: 'refund-20' });
  const charge = (p: typeof p100) => gateway.payments.get(p.providerPaymentId as string)?.chargeId as string;
  return { billing, storage, clock, customer, p100, p50, p20, charge };
}

/** Stripe's payout of the three charges (fees 2.90 + 1.75 + 0.88 = 5.53) and the refund: 170.00 − 5.53 − 20.00. */
function stripePayout(f: Awaited<ReturnType<typeof ledger>>): PayoutStatement {
  return {
    provider: 'stripe',
    id: 'po_1OaB',
    currency: 'EUR',
    amount: '144.47',
    arrivalDate: '2026-03-04',
    statementDescriptor: 'STRIPE PAYOUT',
    transactions: [
      { id: 'txn_1', type: 'charge', providerPaymentId: f.charge(f.p100), amount: '100.00', fee: '2.90' },
      { id: 'txn_2', type: 'charge', providerPaymentId: f.charge(f.p50), amount: '50.00', fee: '1.75' },
      { id: 'txn_3', type: 'charge', providerPaymentId: f.charge(f.p20), amount: '20.00', fee: '0.88' },
      { id: 'txn_4', type: 'refund', providerPaymentId: f.charge(f.p20), amount: '-20.00', fee: '0.00' },
    ],
  };
}

const deposit = (entry: Partial<EntrySpec> = {}) =>
  parseCamt(
    camtDocument({
      message: '053',
      version: '02',
      statements: [
        {
          id: 'S-9',
          iban: ACCOUNT,
          entries: [
            {
              reference: 'B-PAYOUT',
              amount: '144.47',
              valueDate: '2026-03-04',
              transactions: [{ debtorName: 'Stripe Payments Europe', unstructured: ['STRIPE PAYOUT ST-X1Y2'] }],
              ...entry,
            },
          ],
        },
      ],
    }),
  );

describe('billing.reconciliation.importPayout', () => {
  it('stores the payout with its payments, fees and refund, hand-computed; customers keep their balances', async () => {
    const f = await ledger();
    const before = await f.billing.balance.get(f.customer.id, 'EUR');
    const payments = (await readAllRecords(f.storage)).payments;
    const { outcome, payout } = await f.billing.reconciliation.importPayout(stripePayout(f));
    expect(outcome).toBe('imported');
    expect(payout).toMatchObject({
      key: 'payout:stripe:po_1OaB',
      provider: 'stripe',
      providerPayoutId: 'po_1OaB',
      currency: 'EUR',
      arrivalDate: '2026-03-04',
      charges: '170.00',
      refunds: '20.00',
      disputes: '0.00',
      adjustments: '0.00',
      fees: '5.53',
      net: '144.47',
      status: 'in_transit',
      mismatches: [],
      version: 1,
    });
    expect(payout.transactions.map((t) => [t.id, t.paymentId, t.customerId, t.amount, t.fee])).toEqual([
      ['txn_1', f.p100.id, f.customer.id, '100.00', '2.90'],
      ['txn_2', f.p50.id, f.customer.id, '50.00', '1.75'],
      ['txn_3', f.p20.id, f.customer.id, '20.00', '0.88'],
      ['txn_4', f.p20.id, f.customer.id, '-20.00', '0.00'],
    ]);
    // Fees are the payout's expense: no balance entry, no payment changed.
    expect(await f.billing.balance.get(f.customer.id, 'EUR')).toEqual(before);
    expect((await readAllRecords(f.storage)).payments).toEqual(payments);
    const cash = await f.billing.reports.unreconciledCash();
    expect(cash.currencies).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        payouts: {
          inTransit: { payouts: 1, amount: '144.47' },
          review: { payouts: 0, amount: '0.00' },
          oldestArrivalDate: '2026-03-04',
        },
      }),
    ]);
  });

  it('importing the same payout again changes nothing', async () => {
    const f = await ledger();
    const first = await f.billing.reconciliation.importPayout(stripePayout(f));
    const again = await f.billing.reconciliation.importPayout(stripePayout(f));
    expect(again).toEqual({ outcome: 'already_imported', payout: first.payout });
    expect((await f.billing.reconciliation.listPayouts()).items).toEqual([first.payout]);
    expect(await f.billing.reconciliation.getPayout(first.payout.id)).toEqual(first.payout);
  });

  it('reconciles the bank line that deposits the payout instead of queueing it; the cash report is clear', async () => {
    const f = await ledger();
    const { payout } = await f.billing.reconciliation.importPayout(stripePayout(f));
    f.clock.set('2026-03-05T08:00:00Z');
    const imported = await f.billing.reconciliation.import(deposit());
    expect(imported.counts).toEqual({ matched: 1, proposed: 0, unmatched: 0, ignored: 0, already_imported: 0 });
    const [line] = imported.lines;
    expect(line).toMatchObject({ outcome: 'matched', payoutId: payout.id, amount: '144.47' });
    const credit = await f.billing.reconciliation.get(line?.bankCreditId as string);
    expect(credit).toMatchObject({ status: 'matched', resolution: 'payout', payoutId: payout.id });
    expect(credit.paymentId).toBeUndefined();
    expect(await f.billing.reconciliation.getPayout(payout.id)).toMatchObject({
      status: 'deposited',
      bankCreditId: credit.id,
      depositedAt: '2026-03-05T08:00:00.000Z',
      version: 2,
    });
    // Nothing waits: no unmatched credit, no payout in transit.
    expect((await f.billing.reports.unreconciledCash()).currencies).toEqual([]);
    // The statement again: the line is stored once, the payout deposited once.
    expect((await f.billing.reconciliation.import(deposit())).counts.already_imported).toBe(1);
    expect((await f.billing.reconciliation.getPayout(payout.id)).version).toBe(2);
  });

  it('matches a deposit by amount and a close value date when the line does not name the payout', async () => {
    const f = await ledger();
    const { payout } = await f.billing.reconciliation.importPayout(stripePayout(f));
    const unnamed = { transactions: [{ unstructured: ['SEPA CREDIT'] }] };
    // Five days after the arrival date: too far to match on amount alone.
    const late = await f.billing.reconciliation.import(
      deposit({ ...unnamed, reference: 'B-LATE', valueDate: '2026-03-09' }),
    );
    expect(late.counts.unmatched).toBe(1);
    const close = await f.billing.reconciliation.import(
      deposit({ ...unnamed, reference: 'B-NEAR', valueDate: '2026-03-06' }),
    );
    expect(close.lines[0]).toMatchObject({ outcome: 'matched', payoutId: payout.id });
  });

  it('reconciles a deposit that waited in the queue when its payout is imported later', async () => {
    const f = await ledger();
    const early = await f.billing.reconciliation.import(deposit());
    expect(early.counts.unmatched).toBe(1);
    const { payout, depositedBy } = await f.billing.reconciliation.importPayout(stripePayout(f));
    expect(depositedBy).toBe(early.lines[0]?.bankCreditId);
    expect(payout).toMatchObject({ status: 'deposited', bankCreditId: depositedBy });
    expect(await f.billing.reconciliation.get(depositedBy as string)).toMatchObject({
      status: 'matched',
      resolution: 'payout',
      payoutId: payout.id,
      version: 2,
    });
  });

  it('holds a payout for a person when the ledger lacks a payment or the figures do not add up', async () => {
    const f = await ledger();
    const statement = stripePayout(f);
    const { payout } = await f.billing.reconciliation.importPayout({
      ...statement,
      id: 'po_2',
      // 144.47 + 30.00 − 0.87 (a charge Billfold never recorded) = 173.60; the gateway says 173.50.
      amount: '173.50',
      transactions: [
        ...statement.transactions.slice(0, 3).map((t) => (t.id === 'txn_2' ? { ...t, amount: '55.00' } : t)),
        statement.transactions[3] as PayoutStatement['transactions'][number],
        { id: 'txn_5', type: 'charge', providerPaymentId: 'ch_elsewhere', amount: '30.00', fee: '0.87' },
      ],
    });
    expect(payout.status).toBe('review');
    expect(payout.mismatches.map((m) => [m.reason, m.transactionId])).toEqual([
      ['amount_difference', 'txn_2'],
      ['payment_not_in_ledger', 'txn_5'],
      ['net_difference', undefined],
    ]);
    // 100 + 55 + 20 + 30 = 205.00 charged, 5.53 + 0.87 = 6.40 fees, 205.00 − 20.00 − 6.40 = 178.60.
    expect(payout.mismatches[2]?.detail).toBe('transactions add up to 178.60 EUR, the payout is 173.50');
    expect(payout).toMatchObject({ charges: '205.00', fees: '6.40', net: '173.50' });
    const cash = await f.billing.reports.unreconciledCash();
    expect(cash.currencies[0]?.payouts.review).toEqual({ payouts: 1, amount: '173.50' });
    expect((await f.billing.reconciliation.listPayouts({ status: 'review' })).items.map((p) => p.id)).toEqual([
      payout.id,
    ]);
  });

  it('refuses a malformed payout with the path of the field and stores nothing', async () => {
    const f = await ledger();
    const statement = stripePayout(f);
    const bad = {
      ...statement,
      transactions: [{ ...statement.transactions[0], amount: '-100.00' }],
    } as PayoutStatement;
    await expect(f.billing.reconciliation.importPayout(bad)).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['payout', 'transactions', 0, 'amount'],
    });
    const twice = {
      ...statement,
      transactions: [statement.transactions[0], statement.transactions[0]],
    } as PayoutStatement;
    await expect(f.billing.reconciliation.importPayout(twice)).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['payout', 'transactions', 1, 'id'],
    });
    expect((await f.billing.reconciliation.listPayouts()).items).toEqual([]);
  });

  it('says invalid_state on a storage that keeps no payouts', async () => {
    const storage = new MemoryStorage();
    const billing = createBilling({
      storage: Object.assign(Object.create(storage) as MemoryStorage, { payouts: undefined }),
      clock: createTestClock('2026-03-02T09:00:00Z'),
    });
    const f = await ledger();
    await expect(billing.reconciliation.importPayout(stripePayout(f))).rejects.toMatchObject({ code: 'invalid_state' });
  });
});
