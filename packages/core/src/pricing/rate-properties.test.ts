import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFixed, compareFixed, type Fixed, formatFixed, parseFixed } from '../money/fixed';
import type { RoundingMode } from '../money/rounding-mode';
import type { Price } from './price-schema';
import { rate } from './rate';

// Random prices of every model, some with commitments, and quantities with up to 6 decimals.
const decimal = (max: bigint, maxScale = 6) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => formatFixed({ units, scale }));
const currency = fc.constantFrom('EUR', 'JPY', 'KWD', 'USD');
const tiers = fc
  .array(
    fc.record({
      width: decimal(10n ** 6n).filter((w) => /[1-9]/.test(w)),
      unitAmount: decimal(10n ** 6n),
      flatAmount: decimal(10n ** 4n),
    }),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((rows) => {
    let bound: Fixed = { units: 0n, scale: 0 };
    return rows.map((row, i) => {
      bound = addFixed(bound, parseFixed(row.width));
      return {
        upTo: i === rows.length - 1 ? null : formatFixed(bound),
        unitAmount: row.unitAmount,
        flatAmount: row.flatAmount,
      };
    });
  });
const model = fc.oneof(
  fc.record({ model: fc.constant('flat' as const), amount: decimal(10n ** 8n) }),
  fc.record({ model: fc.constant('per_unit' as const), unitAmount: decimal(10n ** 8n) }),
  fc.record({
    model: fc.constant('package' as const),
    packageAmount: decimal(10n ** 8n),
    packageSize: decimal(10n ** 4n).filter((s) => /[1-9]/.test(s)),
    round: fc.constantFrom('up' as const, 'down' as const),
  }),
  fc.record({ model: fc.constant('graduated' as const), tiers }),
  fc.record({ model: fc.constant('volume' as const), tiers }),
  fc.record({ model: fc.constant('percentage' as const), rate: decimal(10n ** 4n, 2), fixedFee: decimal(10n ** 3n) }),
);
const anyPrice = fc
  .tuple(model, currency, fc.option(fc.tuple(decimal(10n ** 8n, 2), decimal(10n ** 8n, 2)), { nil: undefined }))
  .map(([spec, code, bounds]): Price => {
    if (bounds === undefined) return { ...spec, currency: code } as Price;
    const [a, b] = compareFixed(parseFixed(bounds[0]), parseFixed(bounds[1])) <= 0 ? bounds : [bounds[1], bounds[0]];
    return { ...spec, currency: code, minimumAmount: a, maximumAmount: b } as Price;
  });
const minorUnits = { EUR: 2, JPY: 0, KWD: 3, USD: 2 } as Record<string, number>;

describe('rate properties', () => {
  it('breakdown plus adjustment sums exactly to the unrounded amount, which respects the commitment', () => {
    fc.assert(
      fc.property(anyPrice, decimal(10n ** 9n), (price, quantity) => {
        const result = rate(price, quantity);
        const lines = result.tiers.map((t) => parseFixed(t.amount)).reduce(addFixed, { units: 0n, scale: 0 });
        const total = result.adjustment === null ? lines : addFixed(lines, parseFixed(result.adjustment.amount));
        const unrounded = parseFixed(result.unroundedAmount);
        expect(compareFixed(total, unrounded)).toBe(0);
        if (price.minimumAmount !== undefined)
          expect(compareFixed(unrounded, parseFixed(price.minimumAmount))).toBeGreaterThanOrEqual(0);
        if (price.maximumAmount !== undefined)
          expect(compareFixed(unrounded, parseFixed(price.maximumAmount))).toBeLessThanOrEqual(0);
        expect(result.adjustment === null).toBe(compareFixed(lines, unrounded) === 0);
      }),
    );
  });

  it('rounds to the minor unit: within half a unit when rounding to nearest, in the right direction otherwise', () => {
    const mode = fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up');
    fc.assert(
      fc.property(anyPrice, decimal(10n ** 9n), mode, (price, quantity, roundingMode) => {
        const result = rate(price, quantity, { roundingMode });
        const digits = minorUnits[price.currency] as number;
        expect(result.amount).toMatch(digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`));
        // Compare at a common scale: |rounded − exact| in units of 1/(2 × minor unit).
        const exact = parseFixed(result.unroundedAmount);
        const scale = Math.max(exact.scale, digits) + 1;
        const at = (f: Fixed) => f.units * 10n ** BigInt(scale - f.scale);
        const difference = at(parseFixed(result.amount)) - at(exact);
        const half = 10n ** BigInt(scale - digits) / 2n;
        if (roundingMode === 'down') expect(difference <= 0n && difference > -2n * half).toBe(true);
        else if (roundingMode === 'up') expect(difference >= 0n && difference < 2n * half).toBe(true);
        else expect(difference >= -half && difference <= half).toBe(true);
      }),
    );
  });
});
