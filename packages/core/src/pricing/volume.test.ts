import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../money/fixed';
import type { VolumePrice } from './price-schema';
import { rate } from './rate';

// All units at the rate of the tier the total falls in: ≤1000 0.05 + 10; ≤5000 0.04 + 20; ≤10000 0.03; above 0.02 + 5.
const fourTiers: VolumePrice = {
  model: 'volume',
  currency: 'EUR',
  tiers: [
    { upTo: '1000', unitAmount: '0.05', flatAmount: '10' },
    { upTo: '5000', unitAmount: '0.04', flatAmount: '20' },
    { upTo: '10000', unitAmount: '0.03' },
    { upTo: null, unitAmount: '0.02', flatAmount: '5' },
  ],
};

describe('volume', () => {
  it('prices every unit at the rate of the tier the total falls in, plus its flat amount (4 tiers, EUR)', () => {
    // 12345 falls in tier 3: 12345 × 0.02 = 246.90, + 5 = 251.90
    expect(rate(fourTiers, '12345')).toEqual({
      amount: '251.90',
      currency: 'EUR',
      unroundedAmount: '251.90',
      adjustment: null,
      tiers: [
        {
          index: 3,
          from: '10000',
          upTo: null,
          quantity: '12345',
          unitAmount: '0.02',
          flatAmount: '5',
          amount: '251.90',
        },
      ],
    });
    // 0 sits in tier 0: 0 × 0.05 + 10 = 10
    expect(rate(fourTiers, '0').amount).toBe('10.00');
    // 1000 (inclusive bound) still tier 0: 50 + 10 = 60
    expect(rate(fourTiers, '1000').tiers[0]?.index).toBe(0);
    expect(rate(fourTiers, '1000').amount).toBe('60.00');
    // 1001 moves every unit to tier 1: 1001 × 0.04 = 40.04, + 20 = 60.04
    expect(rate(fourTiers, '1001').amount).toBe('60.04');
    // 7000 in tier 2: 7000 × 0.03 = 210, no flat amount
    expect(rate(fourTiers, '7000').tiers[0]).toMatchObject({
      index: 2,
      from: '5000',
      upTo: '10000',
      flatAmount: '0',
      amount: '210.00',
    });
  });

  it('works in JPY and KWD', () => {
    // JPY: ≤100 at ¥3, above at ¥2.5; 101 × 2.5 = 252.5 → ¥253 (half-up), ¥252 (half-even)
    const yen: VolumePrice = {
      model: 'volume',
      currency: 'JPY',
      tiers: [
        { upTo: '100', unitAmount: '3' },
        { upTo: null, unitAmount: '2.5' },
      ],
    };
    expect(rate(yen, '101').amount).toBe('253');
    expect(rate(yen, '101', { roundingMode: 'half-even' }).amount).toBe('252');
    // KWD: ≤10 GB at 0.150, above at 0.1255: 12.5 × 0.1255 = 1.56875 → 1.569
    const dinar: VolumePrice = {
      model: 'volume',
      currency: 'KWD',
      tiers: [
        { upTo: '10', unitAmount: '0.150' },
        { upTo: null, unitAmount: '0.1255' },
      ],
    };
    expect(rate(dinar, '12.5').unroundedAmount).toBe('1.56875');
    expect(rate(dinar, '12.5').amount).toBe('1.569');
  });

  it('equals graduated when there is a single tier', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 5 }))
      .map(([units, scale]) => formatFixed({ units, scale }));
    fc.assert(
      fc.property(amount, fc.option(amount, { nil: undefined }), amount, (unitAmount, flatAmount, quantity) => {
        const tier = flatAmount === undefined ? { upTo: null, unitAmount } : { upTo: null, unitAmount, flatAmount };
        const volume = rate({ model: 'volume', currency: 'USD', tiers: [tier] }, quantity);
        const graduated = rate({ model: 'graduated', currency: 'USD', tiers: [tier] }, quantity);
        expect(volume).toEqual(graduated);
      }),
    );
  });
});
