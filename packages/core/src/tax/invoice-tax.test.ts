import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { money } from '../money/money';
import { calculateInvoiceTax, type TaxableLine, type TaxRounding } from './invoice-tax';
import type { TaxRate } from './tax-rate';

const vat19: TaxRate = { id: 'vat', name: 'VAT', percentage: '19', inclusive: false };
const vat19incl: TaxRate = { ...vat19, inclusive: true };
const gst: TaxRate = { id: 'gst', name: 'GST', percentage: '5', inclusive: false };
const qst: TaxRate = { id: 'qst', name: 'QST', percentage: '9.975', inclusive: false, compound: true };

function run(lines: TaxableLine[], taxRounding: TaxRounding) {
  const result = calculateInvoiceTax(lines, { taxRounding });
  return {
    lines: result.lines.map((l) => [l.taxableAmount.toString(), ...l.taxes.map((t) => t.amount.toString())]),
    taxes: result.taxes.map((t) => `${t.rateId}:${t.amount.toString()}@${t.taxableAmount.toString()}`),
  };
}

const eur = (amount: string, taxRates: TaxRate[]): TaxableLine => ({ amount: money(amount, 'EUR'), taxRates });

describe('calculateInvoiceTax', () => {
  it('rounds 19% VAT per line or once per invoice, which differ by a cent', () => {
    const lines = [eur('0.50', [vat19]), eur('0.50', [vat19])];
    // per line: 0.50 × 0.19 = 0.095 → 0.10, twice = 0.20
    expect(run(lines, 'line')).toEqual({
      lines: [
        ['0.50', '0.10'],
        ['0.50', '0.10'],
      ],
      taxes: ['vat:0.20@1.00'],
    });
    // per invoice: 1.00 × 0.19 = 0.19, spread 19 cents 1:1 → 10 + 9 (tie goes to the earlier line)
    expect(run(lines, 'invoice')).toEqual({
      lines: [
        ['0.50', '0.10'],
        ['0.50', '0.09'],
      ],
      taxes: ['vat:0.19@1.00'],
    });
  });

  it('rounds inclusive tax once per invoice and spreads it back, moving the nets', () => {
    const lines = [eur('0.10', [vat19incl]), eur('0.10', [vat19incl]), eur('0.10', [vat19incl])];
    // per line: 0.10 × 19 / 119 = 0.01597 → 0.02 each (0.06), net 0.08 each
    expect(run(lines, 'line').taxes).toEqual(['vat:0.06@0.24']);
    // per invoice: 0.30 × 19 / 119 = 0.0479 → 0.05, spread 2 + 2 + 1; nets 0.08 + 0.08 + 0.09 = 0.25
    expect(run(lines, 'invoice')).toEqual({
      lines: [
        ['0.08', '0.02'],
        ['0.08', '0.02'],
        ['0.09', '0.01'],
      ],
      taxes: ['vat:0.05@0.25'],
    });
  });

  it('sums inclusive shares exactly across lines with different rate sets', () => {
    const other: TaxRate = { id: 'x', name: 'X', percentage: '5', inclusive: true };
    const lines = [eur('0.01', [vat19incl]), eur('0.03', [vat19incl, other])];
    // VAT shares: 0.01 × 0.19 / 1.19 = 0.0015966 and 0.03 × 0.19 / 1.24 = 0.0045968
    // per line each rounds to 0.00; per invoice their exact sum 0.0061934 → 0.01, to the larger share (line 2)
    expect(run(lines, 'line').taxes[0]).toBe('vat:0.00@0.04');
    const invoice = run(lines, 'invoice');
    expect(invoice.taxes[0]).toBe('vat:0.01@0.03');
    expect(invoice.lines[1]?.[1]).toBe('0.01');
  });

  it('rounds a compound rate per invoice on the lines plus their spread earlier taxes', () => {
    const lines = [eur('0.50', [gst, qst]), eur('0.50', [gst, qst])];
    // per line: GST 0.025 → 0.03; QST (0.50 + 0.03) × 0.09975 = 0.052868 → 0.05; twice
    expect(run(lines, 'line').taxes).toEqual(['gst:0.06@1.00', 'qst:0.10@1.06']);
    // per invoice: GST 1.00 × 0.05 = 0.05 → lines 0.03 + 0.02; QST bases 0.53 + 0.52 = 1.05,
    // 1.05 × 0.09975 = 0.1047375 → 0.10, spread 10 × 53/105 = 5.05, 10 × 52/105 = 4.95 → 5 + 5
    expect(run(lines, 'invoice')).toEqual({
      lines: [
        ['0.50', '0.03', '0.05'],
        ['0.50', '0.02', '0.05'],
      ],
      taxes: ['gst:0.05@1.00', 'qst:0.10@1.05'],
    });
  });

  it('lists the rates in order of first appearance and leaves untaxed lines alone', () => {
    const result = run(
      [eur('10.00', []), { amount: money('5.00', 'EUR') }, eur('1.00', [gst]), eur('1.00', [vat19, gst])],
      'line',
    );
    // GST 0.05 + 0.05 on 2.00; VAT 1.00 × 0.19 = 0.19
    expect(result.taxes).toEqual(['gst:0.10@2.00', 'vat:0.19@1.00']);
    expect(result.lines[0]).toEqual(['10.00']);
  });

  it('refuses compound rates listed in conflicting orders when rounding per invoice', () => {
    const other: TaxRate = { ...qst, id: 'pst', percentage: '7' };
    const lines = [eur('1.00', [other, qst]), eur('1.00', [qst, other])];
    expect(() => run(lines, 'line')).not.toThrow();
    try {
      run(lines, 'invoice');
      expect.unreachable();
    } catch (error) {
      expect(isBillingError(error) && [error.code, error.path]).toEqual(['invalid_input', ['lines', 1, 'taxRates']]);
    }
  });

  it('refuses one rate id with two definitions and mixed currencies', () => {
    const clash = () => run([eur('1.00', [vat19]), eur('1.00', [{ ...vat19, percentage: '7' }])], 'line');
    expect(clash).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['lines', 1, 'taxRates', 0, 'percentage'] }),
    );
    const mixed = () =>
      calculateInvoiceTax([eur('1.00', [vat19]), { amount: money('1.00', 'USD'), taxRates: [vat19] }]);
    expect(mixed).toThrow(expect.objectContaining({ code: 'currency_mismatch', path: ['lines', 1, 'amount'] }));
  });
});
