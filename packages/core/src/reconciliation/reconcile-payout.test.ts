import { describe, expect, it } from 'vitest';
import { reconcilePayout } from './reconcile-payout';

const payout = {
  id: 'po_1',
  provider: 'stripe',
  currency: 'EUR',
  gross: '150.00',
  fees: '4.65',
  net: '145.35',
  paymentIds: ['ch_1', 'ch_2', 'ch_3'],
};
// fees 1.75 + 1.60 + 1.30 = 4.65; amounts 60.00 + 50.00 + 40.00 = 150.00
const recorded = [
  { paymentId: 'pay_1', providerPaymentId: 'ch_1', customerId: 'cus_a', currency: 'EUR', amount: '60.00', fee: '1.75' },
  { paymentId: 'pay_2', providerPaymentId: 'ch_2', customerId: 'cus_b', currency: 'EUR', amount: '50.00', fee: '1.60' },
  { paymentId: 'pay_3', providerPaymentId: 'ch_3', customerId: 'cus_a', currency: 'EUR', amount: '40.00', fee: '1.30' },
  { paymentId: 'pay_9', providerPaymentId: 'ch_9', customerId: 'cus_c', currency: 'EUR', amount: '99.00', fee: '0' },
];

describe('gateway payouts', () => {
  it('is exact when every payment is found and amounts and fees add up', () => {
    expect(reconcilePayout(payout, recorded)).toEqual({
      payoutId: 'po_1',
      kind: 'exact',
      currency: 'EUR',
      gross: '150.00',
      net: '145.35',
      allocations: [
        { paymentId: 'pay_1', providerPaymentId: 'ch_1', customerId: 'cus_a', amount: '60.00', fee: '1.75' },
        { paymentId: 'pay_2', providerPaymentId: 'ch_2', customerId: 'cus_b', amount: '50.00', fee: '1.60' },
        { paymentId: 'pay_3', providerPaymentId: 'ch_3', customerId: 'cus_a', amount: '40.00', fee: '1.30' },
      ],
      difference: '0.00',
      feeDifference: '0.00',
      missingPaymentIds: [],
      idempotencyKey: 'payout:stripe:po_1',
    });
  });

  it('proposes a payout with a missing payment or different fees, stating the differences', () => {
    const missing = reconcilePayout({ ...payout, paymentIds: ['ch_1', 'ch_2', 'ch_3', 'ch_4'] }, recorded);
    expect(missing).toMatchObject({
      kind: 'proposed',
      reason: 'payout_difference',
      missingPaymentIds: ['ch_4'],
      difference: '0.00',
    });
    // the gateway charged 5.00, 0.35 more than the recorded 4.65: gross 150.00 − 5.00 = 145.00
    const fees = reconcilePayout({ ...payout, fees: '5.00', net: '145.00' }, recorded);
    expect(fees).toMatchObject({ kind: 'proposed', feeDifference: '0.35', difference: '0.00' });
    // a USD payment with the same id does not count
    const usd = reconcilePayout(
      payout,
      recorded.map((r) => (r.providerPaymentId === 'ch_3' ? { ...r, currency: 'USD' } : r)),
    );
    expect(usd).toMatchObject({
      kind: 'proposed',
      missingPaymentIds: ['ch_3'],
      difference: '40.00',
      feeDifference: '1.30',
    });
  });

  it('is unmatched when none of its payments were recorded', () => {
    expect(reconcilePayout({ ...payout, paymentIds: ['ch_7'] }, recorded)).toMatchObject({
      kind: 'unmatched',
      reason: 'no_reference',
      difference: '150.00',
    });
  });

  it('refuses a payout whose own figures disagree or that lists a payment twice', () => {
    expect(() => reconcilePayout({ ...payout, net: '145.36' }, recorded)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['payout', 'net'] }),
    );
    expect(() => reconcilePayout({ ...payout, paymentIds: ['ch_1', 'ch_1'] }, recorded)).toThrow(
      expect.objectContaining({ path: ['payout', 'paymentIds', 1] }),
    );
    expect(() => reconcilePayout({ ...payout, fees: '-1' }, recorded)).toThrow(
      expect.objectContaining({ path: ['payout', 'fees'] }),
    );
  });
});
