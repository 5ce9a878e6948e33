import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import type { GraduatedPrice, PerUnitPrice, Price } from './price-schema';
import { rate } from './rate';

function pathOf(fn: () => unknown): readonly (string | number)[] {
  try {
    fn();
  } catch (error) {
    if (isBillingError(error) && error.code === 'invalid_input') return error.path;
    throw error;
  }
  throw new Error('expected invalid_input');
}

// €0.10 per unit, at least €50 and at most €200 per period.
const committed: PerUnitPrice = {
  model: 'per_unit',
  currency: 'EUR',
  unitAmount: '0.10',
  minimumAmount: '50',
  maximumAmount: '200',
};

describe('rate', () => {
  it('validates the quantity: a non-negative decimal string', () => {
    const price: Price = { model: 'flat', currency: 'EUR', amount: '1' };
    expect(pathOf(() => rate(price, '-1'))).toEqual(['quantity']);
    expect(pathOf(() => rate(price, '-0.001'))).toEqual(['quantity']);
    expect(pathOf(() => rate(price, 12 as never))).toEqual(['quantity']);
    expect(pathOf(() => rate(price, '1e3'))).toEqual(['quantity']);
    expect(pathOf(() => rate(price, ''))).toEqual(['quantity']);
    expect(pathOf(() => rate(price, '1', { roundingMode: 'bankers' as never }))).toEqual(['options', 'roundingMode']);
  });

  it('raises the charge to the minimum commitment and says so', () => {
    // 100 × 0.10 = 10 < 50 → 50, adjustment 50 − 10 = 40
    const result = rate(committed, '100');
    expect(result.amount).toBe('50.00');
    expect(result.unroundedAmount).toBe('50.00');
    expect(result.adjustment).toEqual({ kind: 'minimum', commitment: '50', amount: '40.00' });
    expect(result.tiers[0]?.amount).toBe('10.00');
    // 500 × 0.10 = 50: exactly the minimum, nothing to adjust
    expect(rate(committed, '500').adjustment).toBeNull();
    // 1000 × 0.10 = 100: between the bounds
    expect(rate(committed, '1000')).toMatchObject({ amount: '100.00', adjustment: null });
  });

  it('caps the charge at the maximum commitment and says so', () => {
    // 5000 × 0.10 = 500 > 200 → 200, adjustment 200 − 500 = −300
    const result = rate(committed, '5000');
    expect(result.amount).toBe('200.00');
    expect(result.adjustment).toEqual({ kind: 'maximum', commitment: '200', amount: '-300.00' });
  });

  it('applies commitments in JPY and KWD, and to tiered prices', () => {
    // ¥3 × 7 = ¥21 < ¥1000 → ¥1000 (+¥979)
    expect(
      rate({ model: 'per_unit', currency: 'JPY', unitAmount: '3', minimumAmount: '1000' }, '7').adjustment,
    ).toEqual({
      kind: 'minimum',
      commitment: '1000',
      amount: '979',
    });
    // KWD graduated: ≤10 at 0.125, above at 0.100; 30 → 1.250 + 2.000 = 3.250 > 3.000 max → 3.000 (−0.250)
    const price: GraduatedPrice = {
      model: 'graduated',
      currency: 'KWD',
      maximumAmount: '3',
      tiers: [
        { upTo: '10', unitAmount: '0.125' },
        { upTo: null, unitAmount: '0.100' },
      ],
    };
    expect(rate(price, '30')).toMatchObject({ amount: '3.000', adjustment: { kind: 'maximum', amount: '-0.250' } });
  });

  it('reads the price on every call (a price changed after rating is validated again)', () => {
    const price = {
      model: 'graduated',
      currency: 'EUR',
      tiers: [
        { upTo: '10', unitAmount: '1' },
        { upTo: null, unitAmount: '2' },
      ],
    } satisfies GraduatedPrice;
    expect(rate(price, '20').amount).toBe('30.00');
    (price.tiers[0] as { unitAmount: string }).unitAmount = '3';
    expect(rate(price, '20').amount).toBe('50.00');
    (price.tiers[1] as { upTo: string | null }).upTo = '5';
    expect(pathOf(() => rate(price, '20'))).toEqual(['price', 'tiers', 1, 'upTo']);
  });

  it('does not modify its input', () => {
    const price = Object.freeze({
      model: 'volume',
      currency: 'EUR',
      tiers: Object.freeze([Object.freeze({ upTo: null, unitAmount: '1' })]),
    });
    expect(rate(price as Price, '2').amount).toBe('2.00');
  });
});
