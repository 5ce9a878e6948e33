import { describe, expect, it } from 'vitest';
import { lineTaxCategory, taxCategoryProblem } from './tax-category';

describe('lineTaxCategory', () => {
  it('keeps what records without categories meant: S above 0 %, Z at 0 % and without rates', () => {
    expect(lineTaxCategory('taxable', [{ percentage: '19' }])).toEqual({ category: 'S', percent: '19' });
    expect(lineTaxCategory('taxable', [{ percentage: '0' }])).toEqual({ category: 'Z', percent: '0' });
    expect(lineTaxCategory('taxable', [])).toEqual({ category: 'Z', percent: '0' });
    // Two VAT rates on one line carry their sum (5 + 9.975 = 14.975), exactly.
    expect(lineTaxCategory('taxable', [{ percentage: '5' }, { percentage: '9.975' }])).toEqual({
      category: 'S',
      percent: '14.975',
    });
  });

  it('takes reverse charge and exemption from the customer, with a default reason or the rate’s own', () => {
    expect(lineTaxCategory('reverse_charge', [{ percentage: '19' }])).toEqual({
      category: 'AE',
      percent: '0',
      exemption: { code: 'VATEX-EU-AE', reason: 'Reverse charge' },
    });
    expect(lineTaxCategory('exempt', [{ percentage: '19' }])).toEqual({
      category: 'E',
      percent: '0',
      exemption: { reason: 'Exempt from VAT' },
    });
    const medical = { percentage: '0', category: 'E' as const, exemption: { code: 'VATEX-EU-132-1C' } };
    expect(lineTaxCategory('exempt', [medical])).toMatchObject({ exemption: { code: 'VATEX-EU-132-1C' } });
    expect(lineTaxCategory('taxable', [medical])).toEqual({
      category: 'E',
      percent: '0',
      exemption: { code: 'VATEX-EU-132-1C' },
    });
  });

  it('names the categories a rate declares, with the defaults of K, G and O', () => {
    expect(lineTaxCategory('taxable', [{ percentage: '0', category: 'K' }])).toEqual({
      category: 'K',
      percent: '0',
      exemption: { code: 'VATEX-EU-IC', reason: 'Intra-community supply' },
    });
    expect(lineTaxCategory('taxable', [{ percentage: '7', category: 'L' }])).toEqual({ category: 'L', percent: '7' });
    expect(lineTaxCategory('taxable', [{ percentage: '0', category: 'G' }])).toMatchObject({ category: 'G' });
  });

  it('finds no single category for a sales tax or for rates of two categories on one line', () => {
    expect(lineTaxCategory('taxable', [{ percentage: '4', taxType: 'sales_tax' }])).toEqual({ problem: 'sales_tax' });
    expect(lineTaxCategory('exempt', [{ percentage: '4', taxType: 'sales_tax' }])).toEqual({ problem: 'sales_tax' });
    expect(lineTaxCategory('taxable', [{ percentage: '19' }, { percentage: '0', category: 'E' }])).toEqual({
      problem: 'mixed_categories',
      categories: ['S', 'E'],
    });
  });
});

describe('taxCategoryProblem', () => {
  it('accepts consistent rates and names the field of an inconsistent one', () => {
    expect(taxCategoryProblem({ percentage: '19' })).toBeUndefined();
    expect(taxCategoryProblem({ percentage: '19', category: 'S' })).toBeUndefined();
    expect(
      taxCategoryProblem({ percentage: '0', category: 'E', exemption: { reason: 'Medical care' } }),
    ).toBeUndefined();
    expect(taxCategoryProblem({ percentage: '6.25', taxType: 'sales_tax' })).toBeUndefined();
    expect(taxCategoryProblem({ percentage: '0', category: 'S' })?.[0]).toBe('percentage');
    expect(taxCategoryProblem({ percentage: '19', category: 'E' })?.[0]).toBe('percentage');
    expect(taxCategoryProblem({ percentage: '19', category: 'S', exemption: { reason: 'x' } })?.[0]).toBe('exemption');
    expect(taxCategoryProblem({ percentage: '19', exemption: { reason: 'x' } })?.[0]).toBe('exemption');
    expect(taxCategoryProblem({ percentage: '4', taxType: 'sales_tax', category: 'S' })?.[0]).toBe('category');
  });
});
