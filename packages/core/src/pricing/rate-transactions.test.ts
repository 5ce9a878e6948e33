import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { addFixed, compareFixed, formatFixed, parseFixed } from '../money/fixed';
import type { PercentagePrice } from './price-schema';
import { rate } from './rate';
import { rateTransactions } from './rate-transactions';

const card: PercentagePrice = {
  model: 'percentage',
  currency: 'USD',
  rate: '2.9',
  fixedFee: '0.30',
  minimumFee: '0.50',
  maximumFee: '10.00',
};
const transactions = ['5.00', '100.00', '1000.00', '10.00', '7.77'];

function pathOf(fn: () => unknown): readonly (string | number)[] {
  try {
    fn();
  } catch (error) {
    if (isBillingError(error) && error.code === 'invalid_input') return error.path;
    throw error;
  }
  throw new Error('expected invalid_input');
}

describe('rateTransactions', () => {
  it('applies the fee and its bounds per transaction and rounds the total once', () => {
    // fees: 0.50 (0.445 raised), 3.20, 10.00 (29.30 capped), 0.59, 0.52533 → 14.81533 → 14.82
    expect(rateTransactions(card, transactions)).toEqual({
      amount: '14.82',
      currency: 'USD',
      unroundedAmount: '14.81533',
      adjustment: null,
      // 1122.77 of transactions; 5 × 0.30 fixed fees
      tiers: [
        {
          index: 0,
          from: '0',
          upTo: null,
          quantity: '1122.77',
          unitAmount: '0.029',
          flatAmount: '1.50',
          amount: '14.81533',
        },
      ],
    });
  });

  it('rounds once, not per transaction', () => {
    // 1% of 1.50 = 0.015 three times = 0.045 → 0.05 (per transaction: 0.02 × 3 = 0.06)
    expect(rateTransactions({ model: 'percentage', currency: 'EUR', rate: '1' }, ['1.50', '1.50', '1.50']).amount).toBe(
      '0.05',
    );
    // JPY: 3 × (¥10 × 3.5% = 0.35) = 1.05 → ¥1
    expect(rateTransactions({ model: 'percentage', currency: 'JPY', rate: '3.5' }, ['10', '10', '10']).amount).toBe(
      '1',
    );
    // KWD: 2 × (1.001 × 2.5% = 0.025025) = 0.05005 → 0.050
    expect(rateTransactions({ model: 'percentage', currency: 'KWD', rate: '2.5' }, ['1.001', '1.001']).amount).toBe(
      '0.050',
    );
  });

  it('applies the period commitment to the total of the fees', () => {
    // 14.81533 < 25 → 25.00, a minimum line of 25 − 14.81533 = 10.18467
    const minimum = rateTransactions({ ...card, minimumAmount: '25' }, transactions);
    expect(minimum.amount).toBe('25.00');
    expect(minimum.adjustment).toEqual({ kind: 'minimum', commitment: '25', amount: '10.18467' });
    // 14.81533 > 12 → 12.00, a maximum line of 12 − 14.81533 = −2.81533
    const maximum = rateTransactions({ ...card, maximumAmount: '12' }, transactions);
    expect(maximum.amount).toBe('12.00');
    expect(maximum.adjustment).toEqual({ kind: 'maximum', commitment: '12', amount: '-2.81533' });
    // no transactions: 0, raised to the minimum
    expect(rateTransactions({ ...card, minimumAmount: '25' }, []).amount).toBe('25.00');
    expect(rateTransactions(card, []).amount).toBe('0.00');
  });

  it('names the bad transaction or field', () => {
    expect(pathOf(() => rateTransactions(card, ['1', '-2']))).toEqual(['amounts', 1]);
    expect(pathOf(() => rateTransactions(card, [1.5 as never]))).toEqual(['amounts', 0]);
    expect(pathOf(() => rateTransactions(card, '1.00' as never))).toEqual(['amounts']);
    expect(pathOf(() => rateTransactions({ model: 'flat', currency: 'USD', amount: '1' } as never, ['1']))).toEqual([
      'price',
      'model',
    ]);
    expect(pathOf(() => rateTransactions({ ...card, rate: 2.9 as never }, ['1']))).toEqual(['price', 'rate']);
    expect(pathOf(() => rateTransactions(card, ['1'], { roundingMode: 'nearest' as never }))).toEqual([
      'options',
      'roundingMode',
    ]);
  });

  it('sums exactly the fees rate() gives each transaction', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 4 }))
      .map(([units, scale]) => formatFixed({ units, scale }));
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 8 }), (amounts) => {
        const expected = amounts
          .map((a) => parseFixed(rate(card, a).unroundedAmount))
          .reduce(addFixed, { units: 0n, scale: 0 });
        expect(compareFixed(parseFixed(rateTransactions(card, amounts).unroundedAmount), expected)).toBe(0);
      }),
    );
  });
});
