import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { PriceSchema } from './price-schema';
import { rate } from './rate';

/** The code and path of the BillingError `fn` throws. */
function failure(fn: () => unknown): { code: string; path: readonly (string | number)[] } {
  try {
    fn();
  } catch (error) {
    if (isBillingError(error)) return { code: error.code, path: error.path };
    throw error;
  }
  throw new Error('expected a BillingError, nothing was thrown');
}

const invalid = (price: unknown, quantity = '1') => failure(() => rate(price as never, quantity));

describe('PriceSchema', () => {
  it('accepts every model in its documented shape', () => {
    const prices = [
      { model: 'flat', currency: 'EUR', amount: '29.00' },
      { model: 'per_unit', currency: 'USD', unitAmount: '0.0004', minimumAmount: '5', maximumAmount: '500' },
      { model: 'package', currency: 'EUR', packageAmount: '5', packageSize: '100', round: 'up' },
      {
        model: 'graduated',
        currency: 'JPY',
        tiers: [
          { upTo: '10', unitAmount: '5', flatAmount: '100' },
          { upTo: null, unitAmount: '1' },
        ],
      },
      { model: 'volume', currency: 'KWD', tiers: [{ upTo: null, unitAmount: '0.125' }] },
      { model: 'percentage', currency: 'USD', rate: '2.9', fixedFee: '0.30', minimumFee: '0.50', maximumFee: '10' },
    ];
    for (const price of prices) expect(PriceSchema.safeParse(price).success).toBe(true);
  });

  it('refuses float amounts, naming the field', () => {
    expect(invalid({ model: 'flat', currency: 'EUR', amount: 29.99 })).toEqual({
      code: 'invalid_input',
      path: ['price', 'amount'],
    });
    expect(invalid({ model: 'per_unit', currency: 'EUR', unitAmount: 0.1 }).path).toEqual(['price', 'unitAmount']);
    expect(
      invalid({
        model: 'graduated',
        currency: 'EUR',
        tiers: [
          { upTo: 10, unitAmount: '1' },
          { upTo: null, unitAmount: '1' },
        ],
      }).path,
    ).toEqual(['price', 'tiers', 0, 'upTo']);
    expect(invalid({ model: 'percentage', currency: 'USD', rate: 2.9 }).path).toEqual(['price', 'rate']);
  });

  it('refuses an unknown currency, an unknown model and unknown fields', () => {
    expect(invalid({ model: 'flat', currency: 'EUX', amount: '1' }).path).toEqual(['price', 'currency']);
    expect(invalid({ model: 'flat', currency: 'eur', amount: '1' }).path).toEqual(['price', 'currency']);
    expect(invalid({ model: 'tiered', currency: 'EUR', amount: '1' }).path).toEqual(['price', 'model']);
    // A typo must not silently drop a commitment.
    expect(invalid({ model: 'flat', currency: 'EUR', amount: '1', minimumAmmount: '5' }).path).toEqual([
      'price',
      'minimumAmmount',
    ]);
    expect(invalid(null).path).toEqual(['price']);
  });

  it('refuses negative amounts', () => {
    expect(invalid({ model: 'flat', currency: 'EUR', amount: '-1' }).path).toEqual(['price', 'amount']);
    expect(invalid({ model: 'per_unit', currency: 'EUR', unitAmount: '1', minimumAmount: '-5' }).path).toEqual([
      'price',
      'minimumAmount',
    ]);
  });

  it('refuses a minimum above the maximum (commitment and per-transaction fee)', () => {
    expect(
      invalid({ model: 'flat', currency: 'EUR', amount: '1', minimumAmount: '100', maximumAmount: '99.99' }),
    ).toEqual({
      code: 'invalid_input',
      path: ['price', 'maximumAmount'],
    });
    expect(
      invalid({ model: 'percentage', currency: 'USD', rate: '1', minimumFee: '1', maximumFee: '0.5' }).path,
    ).toEqual(['price', 'maximumFee']);
    // Equal bounds are fine: a fixed charge.
    expect(
      rate({ model: 'flat', currency: 'EUR', amount: '1', minimumAmount: '5', maximumAmount: '5' }, '1').amount,
    ).toBe('5.00');
  });

  it('refuses a package size of zero and an unknown rounding', () => {
    const pkg = { model: 'package', currency: 'EUR', packageAmount: '5', round: 'up' };
    expect(invalid({ ...pkg, packageSize: '0' }).path).toEqual(['price', 'packageSize']);
    expect(invalid({ ...pkg, packageSize: '0.000' }).path).toEqual(['price', 'packageSize']);
    expect(invalid({ ...pkg, packageSize: '-10' }).path).toEqual(['price', 'packageSize']);
    expect(invalid({ ...pkg, packageSize: '10', round: 'nearest' }).path).toEqual(['price', 'round']);
  });
});

describe('PriceSchema with several bad fields', () => {
  it('reports the bad field instead of failing inside a cross-field check', () => {
    // maximumAmount is not a decimal: the min ≤ max check must not try to parse it
    expect(
      invalid({ model: 'flat', currency: 'EUR', amount: '1', minimumAmount: '0', maximumAmount: 'abc' }).path,
    ).toEqual(['price', 'maximumAmount']);
    expect(invalid({ model: 'percentage', currency: 'USD', rate: '1', minimumFee: 1, maximumFee: '0.5' }).path).toEqual(
      ['price', 'minimumFee'],
    );
    // a malformed bound or tier must not break the ordering check
    expect(
      invalid({
        model: 'volume',
        currency: 'EUR',
        tiers: [
          { upTo: 'ten', unitAmount: '1' },
          { upTo: '5', unitAmount: '1' },
        ],
      }).path,
    ).toEqual(['price', 'tiers', 0, 'upTo']);
    expect(invalid({ model: 'graduated', currency: 'EUR', tiers: [null, { upTo: 5, unitAmount: '1' }] }).path).toEqual([
      'price',
      'tiers',
      0,
    ]);
    expect(invalid({ model: 'graduated', currency: 'EUR', tiers: 'none' }).path).toEqual(['price', 'tiers']);
  });
});
