import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFixed, formatFixed, mulFixed, parseFixed } from '../money/fixed';
import type { PerUnitPrice } from './price-schema';
import { rate } from './rate';

describe('per_unit', () => {
  it('keeps a sub-cent unit amount exact and rounds once (USD)', () => {
    // $0.0004 per API call × 12345 calls = 4.938 → $4.94
    const price: PerUnitPrice = { model: 'per_unit', currency: 'USD', unitAmount: '0.0004' };
    expect(rate(price, '12345')).toEqual({
      amount: '4.94',
      currency: 'USD',
      unroundedAmount: '4.938',
      adjustment: null,
      tiers: [
        { index: 0, from: '0', upTo: null, quantity: '12345', unitAmount: '0.0004', flatAmount: '0', amount: '4.938' },
      ],
    });
    // 1234 calls = 0.4936 → 0.49; rounding up → 0.50
    expect(rate(price, '1234').amount).toBe('0.49');
    expect(rate(price, '1234', { roundingMode: 'up' }).amount).toBe('0.50');
  });

  it('prices fractional quantities in JPY and KWD', () => {
    // ¥12 per GB × 2.5 GB = ¥30
    expect(rate({ model: 'per_unit', currency: 'JPY', unitAmount: '12' }, '2.5').amount).toBe('30');
    // 0.0125 KWD × 333 = 4.1625 → 4.163 (half-up), 4.162 (half-even: 2 is even), 4.162 (down)
    const dinar: PerUnitPrice = { model: 'per_unit', currency: 'KWD', unitAmount: '0.0125' };
    expect(rate(dinar, '333').amount).toBe('4.163');
    expect(rate(dinar, '333', { roundingMode: 'half-even' }).amount).toBe('4.162');
    expect(rate(dinar, '333', { roundingMode: 'down' }).amount).toBe('4.162');
  });

  it('is exactly quantity × unit amount', () => {
    // Quantities may be any decimal (a period's summed usage); unit amounts are below 10^15 (DECIMAL_INPUT_LIMITS).
    const amount = (max: bigint) =>
      fc
        .tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: 6 }))
        .map(([units, scale]) => formatFixed({ units, scale }));
    fc.assert(
      fc.property(amount(10n ** 15n - 1n), amount(10n ** 20n), (unitAmount, quantity) => {
        const result = rate({ model: 'per_unit', currency: 'EUR', unitAmount }, quantity);
        expect(
          compareFixed(parseFixed(result.unroundedAmount), mulFixed(parseFixed(unitAmount), parseFixed(quantity))),
        ).toBe(0);
      }),
    );
  });
});
