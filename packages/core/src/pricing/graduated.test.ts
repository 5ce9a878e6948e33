import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFixed, compareFixed, type Fixed, formatFixed, parseFixed } from '../money/fixed';
import type { GraduatedPrice } from './price-schema';
import { rate } from './rate';

// 0–1000: 0.05 each + 10 flat; 1000–5000: 0.04 + 20 flat; 5000–10000: 0.03; above: 0.02 + 5 flat.
const fourTiers: GraduatedPrice = {
  model: 'graduated',
  currency: 'EUR',
  tiers: [
    { upTo: '1000', unitAmount: '0.05', flatAmount: '10' },
    { upTo: '5000', unitAmount: '0.04', flatAmount: '20' },
    { upTo: '10000', unitAmount: '0.03' },
    { upTo: null, unitAmount: '0.02', flatAmount: '5' },
  ],
};

const sum = (values: readonly string[]): Fixed => values.map(parseFixed).reduce(addFixed, { units: 0n, scale: 0 });

describe('graduated', () => {
  it('prices each tier at its own rate plus the flat amount of every tier reached (4 tiers, EUR)', () => {
    // 1000 × 0.05 + 10 = 60; 4000 × 0.04 + 20 = 180; 5000 × 0.03 = 150; 2345 × 0.02 + 5 = 51.90 → 441.90
    const result = rate(fourTiers, '12345');
    expect(result).toEqual({
      amount: '441.90',
      currency: 'EUR',
      unroundedAmount: '441.90',
      adjustment: null,
      tiers: [
        { index: 0, from: '0', upTo: '1000', quantity: '1000', unitAmount: '0.05', flatAmount: '10', amount: '60.00' },
        {
          index: 1,
          from: '1000',
          upTo: '5000',
          quantity: '4000',
          unitAmount: '0.04',
          flatAmount: '20',
          amount: '180.00',
        },
        {
          index: 2,
          from: '5000',
          upTo: '10000',
          quantity: '5000',
          unitAmount: '0.03',
          flatAmount: '0',
          amount: '150.00',
        },
        { index: 3, from: '10000', upTo: null, quantity: '2345', unitAmount: '0.02', flatAmount: '5', amount: '51.90' },
      ],
    });
  });

  it('charges the first tier flat amount at zero usage, and a tier flat only once usage reaches into it', () => {
    // 0 units: only tier 0, 0 × 0.05 + 10 = 10
    expect(rate(fourTiers, '0').amount).toBe('10.00');
    expect(rate(fourTiers, '0').tiers).toHaveLength(1);
    // exactly 1000 (upTo is inclusive): still only tier 0, 50 + 10 = 60
    expect(rate(fourTiers, '1000').tiers.map((t) => t.index)).toEqual([0]);
    expect(rate(fourTiers, '1000').amount).toBe('60.00');
    // 1000.5: tier 1 reached, 60 + (0.5 × 0.04 + 20 = 20.02) = 80.02
    expect(rate(fourTiers, '1000.5').amount).toBe('80.02');
    expect(rate(fourTiers, '1000.5').tiers[1]?.quantity).toBe('0.5');
    // 7000: 60 + 180 + 2000 × 0.03 = 300
    expect(rate(fourTiers, '7000').amount).toBe('300.00');
  });

  it('rounds once, not per tier (JPY, 0 decimals)', () => {
    // 3 × ¥0.5 = 1.5 and 3 × ¥0.5 = 1.5: once → 3.0 → ¥3 (per tier would give 2 + 2 = ¥4)
    const price: GraduatedPrice = {
      model: 'graduated',
      currency: 'JPY',
      tiers: [
        { upTo: '3', unitAmount: '0.5' },
        { upTo: null, unitAmount: '0.5' },
      ],
    };
    const result = rate(price, '6');
    expect(result.amount).toBe('3');
    expect(result.tiers.map((t) => t.amount)).toEqual(['1.5', '1.5']);
  });

  it('keeps three decimals for KWD', () => {
    // 0–10 at 0.125 + 1.000 flat = 2.250; 10–∞ at 0.0375: 5 × 0.0375 = 0.1875 → total 2.4375 → 2.438 (half-up)
    const price: GraduatedPrice = {
      model: 'graduated',
      currency: 'KWD',
      tiers: [
        { upTo: '10', unitAmount: '0.125', flatAmount: '1' },
        { upTo: null, unitAmount: '0.0375' },
      ],
    };
    const result = rate(price, '15');
    expect(result.unroundedAmount).toBe('2.4375');
    expect(result.amount).toBe('2.438');
    expect(rate(price, '15', { roundingMode: 'half-even' }).amount).toBe('2.438'); // 7 odd → 8 even
    expect(rate(price, '15', { roundingMode: 'down' }).amount).toBe('2.437');
  });
});

// Tiers with random widths, unit amounts and optional flat amounts (up to 4 decimals).
const decimal = (max: bigint) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: 4 }))
    .map(([units, scale]) => formatFixed({ units, scale }));
const positive = fc
  .tuple(fc.bigInt({ min: 1n, max: 1_000_000n }), fc.integer({ min: 0, max: 3 }))
  .map(([units, scale]) => ({ units, scale }));
const tieredPrice = fc
  .array(
    fc.record({
      width: positive,
      unitAmount: decimal(100_000n),
      flatAmount: fc.option(decimal(10_000n), { nil: undefined }),
    }),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((rows): GraduatedPrice => {
    let bound: Fixed = { units: 0n, scale: 0 };
    const tiers = rows.map((row, i) => {
      bound = addFixed(bound, row.width);
      const upTo = i === rows.length - 1 ? null : formatFixed(bound);
      return row.flatAmount === undefined
        ? { upTo, unitAmount: row.unitAmount }
        : { upTo, unitAmount: row.unitAmount, flatAmount: row.flatAmount };
    });
    return { model: 'graduated', currency: 'EUR', tiers };
  });
const quantity = decimal(10_000_000n);

describe('graduated properties', () => {
  it('the breakdown sums exactly to the unrounded total, and its quantities to the quantity', () => {
    fc.assert(
      fc.property(tieredPrice, quantity, (price, q) => {
        const result = rate(price, q);
        expect(compareFixed(sum(result.tiers.map((t) => t.amount)), parseFixed(result.unroundedAmount))).toBe(0);
        expect(compareFixed(sum(result.tiers.map((t) => t.quantity)), parseFixed(q))).toBe(0);
      }),
    );
  });

  it('matches a reference sum over tiers: min(q, upTo) − from at each unit amount, plus each reached flat', () => {
    fc.assert(
      fc.property(tieredPrice, quantity, (price, q) => {
        const scale = 12; // every input has at most 4 decimals, products at most 8
        const at = (text: string) => parseFixed(text).units * 10n ** BigInt(scale - parseFixed(text).scale);
        const units = at(q);
        let expected = 0n;
        let from = 0n;
        for (const [i, tier] of price.tiers.entries()) {
          if (i > 0 && units <= from) break;
          const top = tier.upTo === null || units < at(tier.upTo) ? units : at(tier.upTo);
          expected += ((top - from) * at(tier.unitAmount)) / 10n ** BigInt(scale) + at(tier.flatAmount ?? '0');
          if (tier.upTo !== null) from = at(tier.upTo);
        }
        expect(compareFixed(parseFixed(rate(price, q).unroundedAmount), { units: expected, scale })).toBe(0);
      }),
    );
  });

  it('is monotonic non-decreasing in quantity', () => {
    fc.assert(
      fc.property(tieredPrice, quantity, quantity, (price, a, b) => {
        const [low, high] = compareFixed(parseFixed(a), parseFixed(b)) <= 0 ? [a, b] : [b, a];
        const lowTotal = parseFixed(rate(price, low).unroundedAmount);
        expect(compareFixed(lowTotal, parseFixed(rate(price, high).unroundedAmount))).toBeLessThanOrEqual(0);
      }),
    );
  });
});
