import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { allocate } from './allocate';
import { money } from './money';

describe('allocate', () => {
  it('splits 100.00 three ways with the extra cent on the first part', () => {
    // 100.00 / 3 = 33.333…: floors 33.33 × 3 = 99.99, one cent left, equal remainders → first part.
    expect(allocate(money('100.00', 'EUR'), ['1', '1', '1']).map(String)).toEqual(['33.34', '33.33', '33.33']);
  });

  it('gives leftovers to the largest remainders', () => {
    // 10.00 by 1:2:7 over 10 → 1.00, 2.00, 7.00 exactly
    expect(allocate(money('10.00', 'EUR'), [1, 2, 7]).map(String)).toEqual(['1.00', '2.00', '7.00']);
    // 0.05 by 3:7 → exact 0.015 and 0.035: floors 0.01 + 0.03 = 0.04; remainders equal (0.5 each) → first gets it.
    expect(allocate(money('0.05', 'EUR'), ['3', '7']).map(String)).toEqual(['0.02', '0.03']);
    // 1.00 by 0.7:0.2:0.1 → 0.70, 0.20, 0.10
    expect(allocate(money('1.00', 'USD'), ['0.7', '0.2', '0.1']).map(String)).toEqual(['0.70', '0.20', '0.10']);
    // JPY 100 by 1:1:1 → 34, 33, 33
    expect(allocate(money('100', 'JPY'), [1, 1, 1]).map(String)).toEqual(['34', '33', '33']);
    // KWD 1.000 by 1:2 → exact 0.3333…, 0.6666…: floors 0.333 + 0.666 = 0.999; remainders 1/3 vs 2/3 → second.
    expect(allocate(money('1', 'KWD'), [1, 2]).map(String)).toEqual(['0.333', '0.667']);
  });

  it('allocates negative amounts symmetrically and zero ratios get nothing', () => {
    expect(allocate(money('-100.00', 'EUR'), [1, 1, 1]).map(String)).toEqual(['-33.34', '-33.33', '-33.33']);
    expect(allocate(money('5.00', 'EUR'), [0, 1]).map(String)).toEqual(['0.00', '5.00']);
  });

  it('rejects empty, negative and all-zero ratios with a path', () => {
    const pathOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isBillingError(error) ? error.path : 'other';
      }
      return 'none';
    };
    expect(pathOf(() => allocate(money('1', 'EUR'), []))).toEqual(['ratios']);
    expect(pathOf(() => allocate(money('1', 'EUR'), [1, '-1']))).toEqual(['ratios', 1]);
    expect(pathOf(() => allocate(money('1', 'EUR'), [0, 0]))).toEqual(['ratios']);
    expect(pathOf(() => allocate(money('1', 'EUR'), [0.5]))).toEqual(['ratios', 0]);
  });

  it('parts always sum to the whole and each is within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0)),
        (cents, ratios) => {
          const abs = cents < 0n ? -cents : cents;
          const text = `${cents < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
          const total = money(text, 'EUR');
          const parts = allocate(total, ratios);
          expect(parts).toHaveLength(ratios.length);
          const sum = parts.reduce((a, b) => a.add(b));
          expect(sum.compare(total)).toBe(0);
          const weight = BigInt(ratios.reduce((a, b) => a + b, 0));
          parts.forEach((part, i) => {
            // |part×W − total×r_i| < W (in cents): the part is less than one cent from its exact share
            const partCents = part.fixed.units * 10n ** BigInt(2 - part.fixed.scale);
            const gap = partCents * weight - cents * BigInt(ratios[i] as number);
            expect((gap < 0n ? -gap : gap) < weight).toBe(true);
          });
        },
      ),
    );
  });
});
