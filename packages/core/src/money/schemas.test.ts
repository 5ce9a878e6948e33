import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed } from './fixed';
import {
  BoundedDecimalSchema,
  BoundedNonNegativeDecimalSchema,
  boundedNonNegativeDecimalProblem,
  DECIMAL_INPUT_LIMITS,
} from './schemas';

const ok = (text: string) => BoundedDecimalSchema.safeParse(text).success;

describe('bounded decimals: |value| < 10^15, at most 12 decimals', () => {
  it('takes the largest and finest values and refuses one digit more, at the edge', () => {
    expect(DECIMAL_INPUT_LIMITS).toEqual({ integerDigits: 15, decimals: 12 });
    expect(ok('999999999999999')).toBe(true);
    expect(ok('-999999999999999.999999999999')).toBe(true);
    expect(ok('0.000000000001')).toBe(true);
    expect(ok('1000000000000000')).toBe(false);
    expect(ok('-1000000000000000')).toBe(false);
    expect(ok('0.0000000000001')).toBe(false);
    expect(ok('1.0000000000000')).toBe(false); // 13 decimals, even as trailing zeros
    // The issue's 62-digit payment.
    expect(ok(`${'9'.repeat(62)}.00`)).toBe(false);
    expect(BoundedNonNegativeDecimalSchema.safeParse('-1').success).toBe(false);
    expect(BoundedDecimalSchema.safeParse(12).error?.issues[0]?.message).toContain('not a number');
  });

  it('accepts exactly the decimals within the limits (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 16 }),
        (units, scale) => {
          const text = formatFixed({ units, scale }, scale);
          const magnitude = units < 0n ? -units : units;
          const within = magnitude < 10n ** BigInt(15 + scale) && scale <= 12;
          expect(ok(text)).toBe(within);
        },
      ),
    );
  });
});

describe('boundedNonNegativeDecimalProblem', () => {
  /** Decimal-looking text near every rule: signs, leading zeros, dots, lengths at and past the limits. */
  const decimalish = fc.oneof(
    fc.stringMatching(/^-?\d{0,17}(\.\d{0,14})?$/),
    fc.constantFrom('', '-0', '-0.0', '0', '00', '01', '.5', '5.', '1e3', ' 1', '1 ', '+1', `${'1'.repeat(65)}`),
    fc.string({ maxLength: 8 }),
  );

  it('finds a problem exactly when the schema refuses a string, with the schema’s message (property)', () => {
    fc.assert(
      fc.property(decimalish, (text) => {
        const parsed = BoundedNonNegativeDecimalSchema.safeParse(text);
        expect(boundedNonNegativeDecimalProblem(text)).toBe(
          parsed.success ? undefined : parsed.error.issues[0]?.message,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('names the rule broken', () => {
    expect(boundedNonNegativeDecimalProblem('1.5')).toBeUndefined();
    expect(boundedNonNegativeDecimalProblem('-1')).toBe('must not be negative');
    expect(boundedNonNegativeDecimalProblem('-0')).toBe('negative zero: write "0"');
    expect(boundedNonNegativeDecimalProblem('0.0000000000001')).toBe('at most 12 decimals');
    expect(boundedNonNegativeDecimalProblem('1,5')).toMatch(/^expected a decimal string/);
  });
});
