import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import type { TaxRate } from '../tax/tax-rate';
import { calculateInvoice } from './calculate-invoice';
import { InvoiceInputSchema } from './invoice-input';

const vat: TaxRate = { id: 'vat', name: 'VAT', percentage: '19', inclusive: false };
const price = { model: 'per_unit', currency: 'EUR', unitAmount: '2.00' } as const;
const valid = {
  currency: 'EUR',
  lines: [
    { id: 'a', description: 'A', amount: '10.00' },
    { id: 'b', description: 'B', price, quantity: '3' },
  ],
};

/** The error code and path `calculateInvoice` throws for `input`, with `valid` merged under it. */
function failure(input: Record<string, unknown>): [string, readonly (string | number)[]] | 'no error' {
  try {
    calculateInvoice({ ...valid, ...input } as never);
  } catch (error) {
    if (isBillingError(error)) return [error.code, error.path];
    throw error;
  }
  return 'no error';
}

const withLine = (index: number, line: Record<string, unknown>) => {
  const lines: unknown[] = [...valid.lines];
  lines[index] = { description: 'X', ...line };
  return { lines };
};

describe('InvoiceInputSchema', () => {
  it('accepts the valid base input and fills in defaults', () => {
    expect(failure({})).toBe('no error');
    expect(InvoiceInputSchema.parse(valid)).toMatchObject({
      discounts: [],
      taxRounding: 'line',
      taxStatus: 'taxable',
      creditBalance: '0',
      roundingMode: 'half-up',
      lines: [{ discountable: true }, { discountable: true }],
    });
  });

  it('refuses float amounts, negative quantities and unknown currencies with the exact path', () => {
    expect(failure(withLine(1, { amount: 10.5 }))).toEqual(['invalid_input', ['input', 'lines', 1, 'amount']]);
    expect(failure(withLine(0, { price, quantity: '-1' }))).toEqual([
      'invalid_input',
      ['input', 'lines', 0, 'quantity'],
    ]);
    expect(failure({ currency: 'XYZ' })).toEqual(['invalid_input', ['input', 'currency']]);
    expect(failure(withLine(0, { price: { ...price, unitAmount: 0.5 }, quantity: '1' }))).toEqual([
      'invalid_input',
      ['input', 'lines', 0, 'price', 'unitAmount'],
    ]);
  });

  it('refuses a line with both price and amount, with neither, or half of a price line', () => {
    expect(failure(withLine(1, { price, quantity: '1', amount: '1.00' }))).toEqual([
      'invalid_input',
      ['input', 'lines', 1, 'amount'],
    ]);
    expect(failure(withLine(1, {}))).toEqual(['invalid_input', ['input', 'lines', 1, 'amount']]);
    expect(failure(withLine(0, { price }))).toEqual(['invalid_input', ['input', 'lines', 0, 'quantity']]);
    expect(failure(withLine(0, { amount: '1.00', quantity: '2' }))).toEqual([
      'invalid_input',
      ['input', 'lines', 0, 'quantity'],
    ]);
  });

  it('refuses bad discounts: unknown line ids, more than 100%, both or neither kind, sub-minor amounts', () => {
    expect(failure({ discounts: [{ percentOff: '10', appliesTo: ['a', 'zz'] }] })).toEqual([
      'invalid_input',
      ['input', 'discounts', 0, 'appliesTo', 1],
    ]);
    expect(failure({ discounts: [{ percentOff: '100' }] })).toBe('no error');
    expect(failure({ discounts: [{ percentOff: '100.01' }] })).toEqual([
      'invalid_input',
      ['input', 'discounts', 0, 'percentOff'],
    ]);
    expect(failure({ discounts: [{ percentOff: '1', amountOff: '1' }] })).toEqual([
      'invalid_input',
      ['input', 'discounts', 0, 'percentOff'],
    ]);
    expect(failure({ discounts: [{}] })).toEqual(['invalid_input', ['input', 'discounts', 0, 'percentOff']]);
    expect(failure({ discounts: [{ amountOff: '-5' }] })).toEqual([
      'invalid_input',
      ['input', 'discounts', 0, 'amountOff'],
    ]);
    expect(failure({ discounts: [{ amountOff: '0.001' }] })).toEqual([
      'invalid_input',
      ['input', 'discounts', 0, 'amountOff'],
    ]);
  });

  it('refuses duplicate line ids, mixed or conflicting tax rates and bad periods', () => {
    expect(failure(withLine(1, { id: 'a', amount: '1' }))).toEqual(['invalid_input', ['input', 'lines', 1, 'id']]);
    expect(failure(withLine(0, { amount: '1', taxRates: [vat, { ...vat, id: 'incl', inclusive: true }] }))).toEqual([
      'invalid_input',
      ['input', 'lines', 0, 'taxRates', 1, 'inclusive'],
    ]);
    expect(failure(withLine(0, { amount: '1', taxRates: [{ ...vat, percentage: 19 }] }))).toEqual([
      'invalid_input',
      ['input', 'lines', 0, 'taxRates', 0, 'percentage'],
    ]);
    expect(
      failure({
        lines: [
          { description: 'A', amount: '1', taxRates: [vat] },
          { description: 'B', amount: '1', taxRates: [{ ...vat, percentage: '7' }] },
        ],
      }),
    ).toEqual(['invalid_input', ['input', 'lines', 1, 'taxRates', 0, 'percentage']]);
    expect(failure(withLine(0, { amount: '1', period: { start: '2026-02-01', end: '2026-01-01' } }))).toEqual([
      'invalid_input',
      ['input', 'lines', 0, 'period', 'end'],
    ]);
  });

  it('refuses compound rates in conflicting orders when rounding per invoice', () => {
    const p: TaxRate = { id: 'p', name: 'P', percentage: '5', inclusive: false, compound: true };
    const q: TaxRate = { id: 'q', name: 'Q', percentage: '7', inclusive: false, compound: true };
    const lines = [
      { description: 'A', amount: '1', taxRates: [p, q] },
      { description: 'B', amount: '1', taxRates: [q, p] },
    ];
    expect(failure({ lines })).toBe('no error');
    expect(failure({ lines, taxRounding: 'invoice' })).toEqual(['invalid_input', ['input', 'lines', 1, 'taxRates']]);
  });

  it('refuses bad options: credit, cash rounding, status, unknown fields, a non-object', () => {
    expect(failure({ creditBalance: '-1' })).toEqual(['invalid_input', ['input', 'creditBalance']]);
    expect(failure({ creditBalance: 5 })).toEqual(['invalid_input', ['input', 'creditBalance']]);
    expect(failure({ cashRounding: '0' })).toEqual(['invalid_input', ['input', 'cashRounding']]);
    expect(failure({ cashRounding: '0.001' })).toEqual(['invalid_input', ['input', 'cashRounding']]);
    expect(failure({ taxStatus: 'exampt' })).toEqual(['invalid_input', ['input', 'taxStatus']]);
    expect(failure({ roundingMode: 'nearest' })).toEqual(['invalid_input', ['input', 'roundingMode']]);
    expect(failure({ taxrounding: 'invoice' })).toEqual(['invalid_input', ['input', 'taxrounding']]);
    expect(() => calculateInvoice(null as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input'] }),
    );
  });

  it('refuses a price in another currency than the invoice', () => {
    expect(failure(withLine(1, { price: { ...price, currency: 'USD' }, quantity: '1' }))).toEqual([
      'currency_mismatch',
      ['input', 'lines', 1, 'price', 'currency'],
    ]);
  });
});
