import { describe, expect, it } from 'vitest';
import type { PercentagePrice } from './price-schema';
import { rate } from './rate';

// A card fee: 2.9% + $0.30 per transaction, at least $0.50 and at most $10.00.
const card: PercentagePrice = {
  model: 'percentage',
  currency: 'USD',
  rate: '2.9',
  fixedFee: '0.30',
  minimumFee: '0.50',
  maximumFee: '10.00',
};

describe('percentage', () => {
  it('charges rate% of the transaction amount plus the fixed fee', () => {
    // 100.00 × 2.9% = 2.90, + 0.30 = 3.20
    expect(rate(card, '100.00')).toEqual({
      amount: '3.20',
      currency: 'USD',
      unroundedAmount: '3.20',
      adjustment: null,
      tiers: [
        {
          index: 0,
          from: '0',
          upTo: null,
          quantity: '100.00',
          unitAmount: '0.029',
          flatAmount: '0.30',
          amount: '3.20',
        },
      ],
    });
    // 7.77 × 2.9% = 0.22533, + 0.30 = 0.52533 → 0.53
    expect(rate(card, '7.77').unroundedAmount).toBe('0.52533');
    expect(rate(card, '7.77').amount).toBe('0.53');
  });

  it('keeps the fee between the minimum and maximum fee per transaction', () => {
    // 5.00 × 2.9% + 0.30 = 0.445 < 0.50 → 0.50
    expect(rate(card, '5.00').amount).toBe('0.50');
    // 1000 × 2.9% + 0.30 = 29.30 > 10 → 10.00
    expect(rate(card, '1000').amount).toBe('10.00');
    // 0: 0.30 → raised to the 0.50 minimum
    expect(rate(card, '0').amount).toBe('0.50');
    // without bounds: 0.445 → 0.45 (half-up), 29.30
    const unbounded: PercentagePrice = { model: 'percentage', currency: 'USD', rate: '2.9', fixedFee: '0.30' };
    expect(rate(unbounded, '5.00').amount).toBe('0.45');
    expect(rate(unbounded, '1000').amount).toBe('29.30');
  });

  it('works in EUR, JPY and KWD', () => {
    // 33.33 × 1.4% = 0.46662, + 0.25 = 0.71662 → 0.72
    expect(rate({ model: 'percentage', currency: 'EUR', rate: '1.4', fixedFee: '0.25' }, '33.33').amount).toBe('0.72');
    // ¥1234 × 3.6% = 44.424, + ¥40 = 84.424 → ¥84
    expect(rate({ model: 'percentage', currency: 'JPY', rate: '3.6', fixedFee: '40' }, '1234').amount).toBe('84');
    // 12.345 KWD × 2.5% = 0.308625 → 0.309
    expect(rate({ model: 'percentage', currency: 'KWD', rate: '2.5' }, '12.345').amount).toBe('0.309');
  });
});
