import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import type { GraduatedPrice, ReadonlyPrice } from './price-schema';
import { rate } from './rate';

function graduated(): GraduatedPrice {
  return {
    model: 'graduated',
    currency: 'EUR',
    tiers: [
      { upTo: '1000', unitAmount: '0' },
      { upTo: null, unitAmount: '0.002' },
    ],
  };
}

function pathOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return isBillingError(error) ? error.path : error;
  }
  return 'no error';
}

describe('rate with frozen prices', () => {
  it('rates a deeply frozen price like any other, call after call', () => {
    const price = graduated();
    const frozen = Object.freeze({ ...price, tiers: Object.freeze(price.tiers.map((t) => Object.freeze({ ...t }))) });
    // 11,345 × 0.002 = 22.69
    expect(rate(frozen, '12345').amount).toBe('22.69');
    expect(rate(frozen, '12345').amount).toBe('22.69');
    expect(rate(frozen, '500').amount).toBe('0.00');
  });

  it('re-validates a price whose tiers are not frozen, so a later change to them is caught', () => {
    const price = graduated();
    const shallow = Object.freeze({ ...price, tiers: price.tiers }); // the tiers array stays mutable
    expect(rate(shallow, '12345').amount).toBe('22.69');
    (shallow.tiers as { upTo: string | null }[])[0] = { upTo: '-5' } as never;
    expect(pathOf(() => rate(shallow, '12345'))).toEqual(['price', 'tiers', 0, 'upTo']);
  });

  it('still refuses an invalid frozen price, every time', () => {
    const bad = Object.freeze({ model: 'flat', currency: 'EUR', amount: 5 }) as unknown as ReadonlyPrice;
    expect(pathOf(() => rate(bad, '1'))).toEqual(['price', 'amount']);
    expect(pathOf(() => rate(bad, '1'))).toEqual(['price', 'amount']);
  });
});
