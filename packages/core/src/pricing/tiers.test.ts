import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { rate } from './rate';
import { TiersSchema } from './tiers';

function pathOf(tiers: unknown, model: 'graduated' | 'volume' = 'graduated'): readonly (string | number)[] {
  try {
    rate({ model, currency: 'EUR', tiers } as never, '1');
  } catch (error) {
    if (isBillingError(error) && error.code === 'invalid_input') return error.path;
    throw error;
  }
  throw new Error('expected invalid_input');
}

describe('TiersSchema', () => {
  it('accepts increasing bounds ending with an open tier', () => {
    const tiers = [
      { upTo: '0.5', unitAmount: '1' },
      { upTo: '10', unitAmount: '1', flatAmount: '2' },
      { upTo: null, unitAmount: '0' },
    ];
    expect(TiersSchema.safeParse(tiers).success).toBe(true);
    expect(TiersSchema.safeParse([{ upTo: null, unitAmount: '3' }]).success).toBe(true);
  });

  it('refuses empty tiers', () => {
    expect(pathOf([])).toEqual(['price', 'tiers']);
    expect(pathOf([], 'volume')).toEqual(['price', 'tiers']);
  });

  it('refuses bounds that do not increase, naming the tier', () => {
    const open = { upTo: null, unitAmount: '1' };
    // out of order: 100, 50
    expect(pathOf([{ upTo: '100', unitAmount: '1' }, { upTo: '50', unitAmount: '1' }, open])).toEqual([
      'price',
      'tiers',
      1,
      'upTo',
    ]);
    // equal: 100, 100 (compared as numbers: "100.0" equals "100")
    expect(
      pathOf([
        { upTo: '10', unitAmount: '1' },
        { upTo: '100', unitAmount: '1' },
        { upTo: '100.0', unitAmount: '1' },
        open,
      ]),
    ).toEqual(['price', 'tiers', 2, 'upTo']);
    // compared as decimals, not as text: "9" < "10" although "9" > "10" as strings
    expect(TiersSchema.safeParse([{ upTo: '9', unitAmount: '1' }, { upTo: '10', unitAmount: '1' }, open]).success).toBe(
      true,
    );
    expect(pathOf([{ upTo: '0', unitAmount: '1' }, open], 'volume')).toEqual(['price', 'tiers', 0, 'upTo']);
  });

  it('refuses upTo: null before the last tier', () => {
    expect(
      pathOf([
        { upTo: '10', unitAmount: '1' },
        { upTo: null, unitAmount: '1' },
        { upTo: null, unitAmount: '1' },
      ]),
    ).toEqual(['price', 'tiers', 1, 'upTo']);
  });

  it('refuses a missing final open tier', () => {
    expect(
      pathOf(
        [
          { upTo: '10', unitAmount: '1' },
          { upTo: '20', unitAmount: '1' },
        ],
        'volume',
      ),
    ).toEqual(['price', 'tiers', 1, 'upTo']);
    // upTo is required (null, not absent)
    expect(pathOf([{ unitAmount: '1' }])).toEqual(['price', 'tiers', 0, 'upTo']);
  });

  it('refuses a float unit or flat amount in a tier', () => {
    expect(
      pathOf([
        { upTo: '10', unitAmount: '1' },
        { upTo: null, unitAmount: '1', flatAmount: 5 },
      ]),
    ).toEqual(['price', 'tiers', 1, 'flatAmount']);
  });
});
