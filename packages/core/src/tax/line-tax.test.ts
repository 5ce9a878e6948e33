import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { money } from '../money/money';
import { calculateLineTax } from './line-tax';
import type { TaxRate } from './tax-rate';

const rate = (id: string, percentage: string, inclusive: boolean, compound?: boolean): TaxRate => ({
  id,
  name: id.toUpperCase(),
  percentage,
  inclusive,
  ...(compound === undefined ? {} : { compound }),
});

/** The line's taxes as strings, for compact assertions. */
function taxesOf(
  amount: string,
  currency: string,
  rates: TaxRate[],
  roundingMode?: 'half-up' | 'half-even' | 'down' | 'up',
) {
  const result = calculateLineTax(money(amount, currency), rates, roundingMode ? { roundingMode } : undefined);
  return {
    net: result.taxableAmount.toString(),
    taxes: result.taxes.map((t) => `${t.rateId}:${t.amount.toString()}@${t.taxableAmount.toString()}`),
  };
}

describe('calculateLineTax', () => {
  it('extracts inclusive tax from a gross amount: 2.99 at 4% has 0.12 tax and 2.87 net', () => {
    // 2.99 × 0.04 / 1.04 = 0.115 exactly → half-up 0.12; net = 2.99 − 0.12 = 2.87
    expect(taxesOf('2.99', 'EUR', [rate('vat', '4', true)])).toEqual({ net: '2.87', taxes: ['vat:0.12@2.87'] });
    // the same tie truncated: 0.11, net 2.88
    expect(taxesOf('2.99', 'EUR', [rate('vat', '4', true)], 'down')).toEqual({ net: '2.88', taxes: ['vat:0.11@2.88'] });
  });

  it('adds exclusive tax on top, one rounding per rate (US state 6% + city 2.5%)', () => {
    // 19.99 × 0.06 = 1.1994 → 1.20; 19.99 × 0.025 = 0.49975 → 0.50
    expect(taxesOf('19.99', 'USD', [rate('state', '6', false), rate('city', '2.5', false)])).toEqual({
      net: '19.99',
      taxes: ['state:1.20@19.99', 'city:0.50@19.99'],
    });
  });

  it('applies a compound rate on the amount plus the earlier taxes (GST 5% + QST 9.975% compound)', () => {
    // GST 100.00 × 0.05 = 5.00; QST (100.00 + 5.00) × 0.09975 = 10.47375 → 10.47
    expect(taxesOf('100.00', 'CAD', [rate('gst', '5', false), rate('qst', '9.975', false, true)])).toEqual({
      net: '100.00',
      taxes: ['gst:5.00@100.00', 'qst:10.47@105.00'],
    });
    // not compound, QST would be 100.00 × 0.09975 = 9.975 → 9.98
    expect(taxesOf('100.00', 'CAD', [rate('gst', '5', false), rate('qst', '9.975', false)]).taxes[1]).toBe(
      'qst:9.98@100.00',
    );
  });

  it('takes inclusive compound taxes as exact shares of the gross', () => {
    // c1 = 0.05, c2 = 0.09975 × 1.05 = 0.1047375, gross = net × 1.1547375
    // GST 115.47 × 0.05 / 1.1547375 = 4.99984 → 5.00; QST 115.47 × 0.1047375 / 1.1547375 = 10.47341 → 10.47
    // net = 115.47 − 5.00 − 10.47 = 100.00; QST base = 100.00 + 5.00
    expect(taxesOf('115.47', 'CAD', [rate('gst', '5', true), rate('qst', '9.975', true, true)])).toEqual({
      net: '100.00',
      taxes: ['gst:5.00@100.00', 'qst:10.47@105.00'],
    });
  });

  it('splits two inclusive rates by their share of the gross', () => {
    // 108.50 / 1.085 = 100 net; state 100 × 0.06 = 6.00, city 100 × 0.025 = 2.50
    expect(taxesOf('108.50', 'USD', [rate('state', '6', true), rate('city', '2.5', true)])).toEqual({
      net: '100.00',
      taxes: ['state:6.00@100.00', 'city:2.50@100.00'],
    });
  });

  it('rounds with the currency minor units (JPY 0, KWD 3) and the rounding mode', () => {
    // 1234 × 0.08 = 98.72 → 99
    expect(taxesOf('1234', 'JPY', [rate('ct', '8', false)]).taxes).toEqual(['ct:99@1234']);
    // 12.345 × 0.05 = 0.61725 → 0.617
    expect(taxesOf('12.345', 'KWD', [rate('vat', '5', false)]).taxes).toEqual(['vat:0.617@12.345']);
    // 0.85 × 0.10 = 0.085: half-up 0.09, half-even 0.08 (8 is even), up 0.09, down 0.08
    const ten = [rate('t', '10', false)];
    expect(taxesOf('0.85', 'EUR', ten, 'half-up').taxes).toEqual(['t:0.09@0.85']);
    expect(taxesOf('0.85', 'EUR', ten, 'half-even').taxes).toEqual(['t:0.08@0.85']);
  });

  it('charges nothing for no rates and zero for a zero rate', () => {
    expect(taxesOf('10.00', 'EUR', [])).toEqual({ net: '10.00', taxes: [] });
    expect(taxesOf('10.00', 'EUR', [rate('zero', '0', false)]).taxes).toEqual(['zero:0.00@10.00']);
  });

  it('refuses inclusive and exclusive rates mixed on one amount, a repeated rate and float percentages', () => {
    const pathOf = (rates: unknown) => {
      try {
        calculateLineTax(money('1.00', 'EUR'), rates as TaxRate[]);
      } catch (error) {
        if (isBillingError(error)) return [error.code, error.path];
      }
      return 'no error';
    };
    expect(pathOf([rate('a', '5', true), rate('b', '5', false)])).toEqual(['invalid_input', ['rates', 1, 'inclusive']]);
    expect(pathOf([rate('a', '5', false), rate('a', '5', false)])).toEqual(['invalid_input', ['rates', 1, 'id']]);
    expect(pathOf([{ ...rate('a', '5', false), percentage: 19.5 }])).toEqual([
      'invalid_input',
      ['rates', 0, 'percentage'],
    ]);
    expect(pathOf([rate('a', '-5', false)])).toEqual(['invalid_input', ['rates', 0, 'percentage']]);
  });
});
