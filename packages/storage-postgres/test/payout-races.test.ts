import { makePaymentAttempt } from '@billfold/storage-testkit';
import { expect, it } from 'vitest';
import { describeServer, sharedPool } from './support/backends';
import { releaseInOrder } from './support/ledger-workers';
import { raceHarness } from './support/race-harness';

/*
 * Two OS processes import the same gateway payout on a real PostgreSQL server. Each pauses right after it looked
 * the payout up by its key and found nothing, so both go on to store it: the unique key lets one in, and the other
 * finds the first's record and answers with it. One payout record, both callers told the same one.
 */

const { seeded, race } = raceHarness();

describeServer('gateway payout imports between OS processes (PostgreSQL)', () => {
  it('two processes importing one payout at once store one payout record', async () => {
    const { storage, billing } = await seeded();
    const customer = await billing.customers.create({ name: 'Card Payer', email: 'card@example.com', currency: 'EUR' });
    const paymentIds = [];
    for (const [n, amount] of [
      ['1', '100.00'],
      ['2', '50.00'],
    ] as const) {
      const payment = await billing.payments.record({
        customerId: customer.id,
        amount,
        currency: 'EUR',
        method: 'bank_transfer',
      });
      await storage.paymentAttempts.insert(
        makePaymentAttempt({
          id: `att_race_${n}`,
          customerId: customer.id,
          invoiceId: `inv_race_${n}`,
          idempotencyKey: `race:${n}`,
          status: 'succeeded',
          amount,
          providerPaymentId: `pi_race_${n}`,
          chargeId: `ch_race_${n}`,
          paymentId: payment.id,
        }),
      );
      paymentIds.push(payment.id);
    }
    const payout = {
      provider: 'stripe',
      id: 'po_race',
      currency: 'EUR',
      amount: '145.35',
      arrivalDate: '2026-02-17',
      transactions: [
        { id: 'txn_r1', type: 'charge', providerPaymentId: 'ch_race_1', amount: '100.00', fee: '2.90' },
        { id: 'txn_r2', type: 'charge', providerPaymentId: 'ch_race_2', amount: '50.00', fee: '1.75' },
      ],
    };
    const call = {
      call: 'reconciliation.importPayout',
      arg: payout,
      pause: { call: 'payouts.getByKey', when: 'after' },
    } as const;
    const started = await race(storage, { a: call, b: call });
    const outcomes = await releaseInOrder(sharedPool(), Object.values(started));
    const results = outcomes.map((o) => {
      expect(o.ok, JSON.stringify(o)).toBe(true);
      return (o as { result: { outcome: string; payout: { id: string } } }).result;
    });
    expect(results.map((r) => r.outcome).sort()).toEqual(['already_imported', 'imported']);
    expect(results[0]?.payout.id).toBe(results[1]?.payout.id);
    const stored = (await storage.payouts.list({})).items;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      key: 'payout:stripe:po_race',
      charges: '150.00',
      fees: '4.65',
      net: '145.35',
      status: 'in_transit',
      mismatches: [],
    });
    expect(stored[0]?.transactions.map((t) => t.paymentId)).toEqual(paymentIds);
  });
});
