import { describe, expect, it } from 'vitest';
import { findTaxRateConflicts, type TaxRate, TaxRateSchema } from './tax-rate';

const vat: TaxRate = { id: 'vat', name: 'VAT', percentage: '19', inclusive: false };

describe('TaxRateSchema', () => {
  it('accepts a rate with optional fields and refuses unknown ones', () => {
    const parsed = TaxRateSchema.parse({ ...vat, compound: true, jurisdiction: 'DE' });
    expect(parsed).toEqual({ ...vat, compound: true, jurisdiction: 'DE' });
    const unknown = TaxRateSchema.safeParse({ ...vat, createdAt: 'x' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['createdAt'] });
  });

  it('refuses float and negative percentages and a missing inclusive flag', () => {
    expect(TaxRateSchema.safeParse({ ...vat, percentage: 19 }).success).toBe(false);
    expect(TaxRateSchema.safeParse({ ...vat, percentage: '-1' }).success).toBe(false);
    expect(TaxRateSchema.safeParse({ id: 'vat', name: 'VAT', percentage: '19' }).success).toBe(false);
  });
});

describe('findTaxRateConflicts', () => {
  it('finds nothing for clean combinations', () => {
    expect(findTaxRateConflicts([[vat], undefined, [vat, { ...vat, id: 'city', percentage: '2.5' }]])).toEqual([]);
    // "19" and "19.00" are the same percentage
    expect(findTaxRateConflicts([[vat], [{ ...vat, percentage: '19.00' }]])).toEqual([]);
  });

  it('finds repeats, inclusive/exclusive mixes and one id with two definitions', () => {
    const found = findTaxRateConflicts([
      [vat, vat],
      [{ ...vat, id: 'a', inclusive: true }, vat],
      [{ ...vat, percentage: '7' }],
      [{ ...vat, compound: true }],
      [{ ...vat, inclusive: true }],
    ]).map((c) => [c.line, c.rate, c.field]);
    expect(found).toEqual([
      [0, 1, 'id'],
      [1, 1, 'inclusive'],
      [2, 0, 'percentage'],
      [3, 0, 'compound'],
      [4, 0, 'inclusive'],
    ]);
  });
});
