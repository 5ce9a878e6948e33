import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../money/fixed';
import type { FlatPrice } from './price-schema';
import { rate } from './rate';

describe('flat', () => {
  it('charges its amount whatever the quantity (EUR, JPY, KWD)', () => {
    const eur: FlatPrice = { model: 'flat', currency: 'EUR', amount: '29' };
    expect(rate(eur, '0')).toEqual({
      amount: '29.00',
      currency: 'EUR',
      unroundedAmount: '29.00',
      adjustment: null,
      tiers: [{ index: 0, from: '0', upTo: null, quantity: '0', unitAmount: '0', flatAmount: '29', amount: '29.00' }],
    });
    expect(rate(eur, '1000000').amount).toBe('29.00');
    expect(rate({ model: 'flat', currency: 'JPY', amount: '1500' }, '3').amount).toBe('1500');
    // 4.5 KWD keeps three decimals
    expect(rate({ model: 'flat', currency: 'KWD', amount: '4.5' }, '3').amount).toBe('4.500');
  });

  it('ignores the quantity', () => {
    const quantity = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => formatFixed({ units, scale }));
    fc.assert(
      fc.property(quantity, quantity, (a, b) => {
        const price: FlatPrice = { model: 'flat', currency: 'USD', amount: '9.99' };
        expect(rate(price, a).amount).toBe('9.99');
        expect(rate(price, a).unroundedAmount).toBe(rate(price, b).unroundedAmount);
      }),
    );
  });
});
