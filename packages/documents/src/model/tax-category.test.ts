import { describe, expect, it } from 'vitest';
import { addPercentages, isZeroDecimal, taxCategoryOf } from './tax-category';

describe('tax categories', () => {
  it('derive from the tax status first, then from the rate', () => {
    expect(taxCategoryOf('reverse_charge', '19')).toBe('AE');
    expect(taxCategoryOf('exempt', '19')).toBe('E');
    expect(taxCategoryOf('taxable', '0')).toBe('Z');
    expect(taxCategoryOf('taxable', '0.000')).toBe('Z');
    expect(taxCategoryOf('taxable', '19')).toBe('S');
    expect(taxCategoryOf('taxable', '0.5')).toBe('S');
  });

  it('add percentages exactly', () => {
    expect(addPercentages(['5', '9.975'])).toBe('14.975');
    expect(addPercentages(['6.25', '2.25'])).toBe('8.5');
    expect(addPercentages(['19'])).toBe('19');
    expect(addPercentages([])).toBe('0');
    expect(addPercentages(['0.1', '0.2'])).toBe('0.3');
  });

  it('recognise zero in any spelling', () => {
    expect(['0', '0.00', '-0', '.0'].map(isZeroDecimal)).toEqual([true, true, true, true]);
    expect(['0.01', '10', '-1'].map(isZeroDecimal)).toEqual([false, false, false]);
  });
});
