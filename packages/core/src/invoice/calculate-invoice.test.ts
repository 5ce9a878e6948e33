import { describe, expect, it } from 'vitest';
import type { TaxRate } from '../tax/tax-rate';
import { REVERSE_CHARGE_NOTE } from '../tax/tax-status';
import { calculateInvoice } from './calculate-invoice';
import type { InvoiceInput } from './invoice-input';

const vat19: TaxRate = { id: 'vat', name: 'VAT 19%', percentage: '19', inclusive: false };
const vat4incl: TaxRate = { id: 'vat4', name: 'VAT 4%', percentage: '4', inclusive: true };
const state: TaxRate = { id: 'state', name: 'State', percentage: '6', inclusive: false, jurisdiction: 'US-NY' };
const city: TaxRate = { id: 'city', name: 'City', percentage: '2.5', inclusive: false };
const gst: TaxRate = { id: 'gst', name: 'GST', percentage: '5', inclusive: false };
const qst: TaxRate = { id: 'qst', name: 'QST', percentage: '9.975', inclusive: false, compound: true };

type Line = InvoiceInput['lines'][number];
const line = (id: string, amount: string, extra: Partial<Line> = {}): Line => ({
  id,
  description: id,
  amount,
  ...extra,
});

/** The totals of an invoice, for compact assertions. */
function totals(input: InvoiceInput) {
  const r = calculateInvoice(input);
  return {
    subtotal: r.subtotal,
    discountTotal: r.discountTotal,
    taxTotal: r.taxTotal,
    roundingAmount: r.roundingAmount,
    total: r.total,
    creditApplied: r.creditApplied,
    amountDue: r.amountDue,
  };
}

describe('calculateInvoice', () => {
  it('computes the documented example: price and amount lines, a discount, VAT and credit', () => {
    const result = calculateInvoice({
      currency: 'EUR',
      lines: [
        {
          id: 'seats',
          description: 'Seats',
          price: { model: 'per_unit', currency: 'EUR', unitAmount: '12.50' },
          quantity: '4',
          taxRates: [vat19],
          billingCode: 'SEAT',
          period: { start: '2026-01-01', end: '2026-02-01' },
        },
        { id: 'setup', description: 'Setup', amount: '100.00', taxRates: [vat19], discountable: false },
      ],
      discounts: [{ id: 'welcome', percentOff: '10' }],
      creditBalance: '20.00',
    });
    // seats 4 × 12.50 = 50.00, 10% off = 5.00 → 45.00 × 19% = 8.55; setup 100.00 × 19% = 19.00
    // total 150.00 − 5.00 + 27.55 = 172.55; credit 20.00 → due 152.55
    expect(result).toMatchObject({
      currency: 'EUR',
      subtotal: '150.00',
      discountTotal: '5.00',
      discounts: [{ id: 'welcome', amount: '5.00' }],
      taxes: [{ rateId: 'vat', taxableAmount: '145.00', amount: '27.55', inclusive: false, compound: false }],
      taxTotal: '27.55',
      roundingAmount: '0.00',
      total: '172.55',
      creditApplied: '20.00',
      amountDue: '152.55',
      reverseCharge: false,
      notes: [],
    });
    expect(result.lines[0]).toMatchObject({
      id: 'seats',
      billingCode: 'SEAT',
      period: { start: '2026-01-01', end: '2026-02-01' },
      quantity: '4',
      amount: '50.00',
      discountAmount: '5.00',
      taxableAmount: '45.00',
      taxes: [{ rateId: 'vat', amount: '8.55' }],
    });
    expect(result.lines[0]?.tiers?.[0]).toMatchObject({ quantity: '4', unitAmount: '12.50' });
    expect(result.lines[1]).toEqual({
      id: 'setup',
      description: 'Setup',
      amount: '100.00',
      discountAmount: '0.00',
      taxableAmount: '100.00',
      taxes: [{ rateId: 'vat', amount: '19.00' }],
    });
  });

  it('keeps an inclusive line gross: 2.99 at 4% has 0.12 tax and 2.87 net, total 2.99', () => {
    // 2.99 × 0.04 / 1.04 = 0.115 → half-up 0.12; net 2.87; inclusive tax is not added to the total
    const result = calculateInvoice({ currency: 'EUR', lines: [line('tea', '2.99', { taxRates: [vat4incl] })] });
    expect(result.lines[0]).toMatchObject({ amount: '2.99', taxableAmount: '2.87', taxes: [{ amount: '0.12' }] });
    expect(result.taxes).toMatchObject([{ rateId: 'vat4', inclusive: true, taxableAmount: '2.87', amount: '0.12' }]);
    expect(totals({ currency: 'EUR', lines: [line('tea', '2.99', { taxRates: [vat4incl] })] })).toMatchObject({
      subtotal: '2.99',
      taxTotal: '0.12',
      total: '2.99',
    });
  });

  it('rounds 19% VAT per line or per invoice, a cent apart', () => {
    const lines = [line('a', '0.50', { taxRates: [vat19] }), line('b', '0.50', { taxRates: [vat19] })];
    // per line: 0.50 × 19% = 0.095 → 0.10 twice = 0.20, total 1.20
    expect(totals({ currency: 'EUR', lines })).toMatchObject({ taxTotal: '0.20', total: '1.20' });
    // per invoice: 1.00 × 19% = 0.19, spread back 0.10 + 0.09; total 1.19
    const perInvoice = calculateInvoice({ currency: 'EUR', lines, taxRounding: 'invoice' });
    expect([perInvoice.taxTotal, perInvoice.total, perInvoice.taxRounding]).toEqual(['0.19', '1.19', 'invoice']);
    expect(perInvoice.lines.map((l) => l.taxes[0]?.amount)).toEqual(['0.10', '0.09']);
  });

  it('charges US state 6% and city 2.5% on one line', () => {
    const result = calculateInvoice({ currency: 'USD', lines: [line('a', '19.99', { taxRates: [state, city] })] });
    // 19.99 × 6% = 1.1994 → 1.20; 19.99 × 2.5% = 0.49975 → 0.50; total 19.99 + 1.70 = 21.69
    expect(result.lines[0]?.taxes).toEqual([
      { rateId: 'state', amount: '1.20' },
      { rateId: 'city', amount: '0.50' },
    ]);
    expect(result.taxes.map((t) => [t.rateId, t.amount, t.jurisdiction])).toEqual([
      ['state', '1.20', 'US-NY'],
      ['city', '0.50', undefined],
    ]);
    expect([result.taxTotal, result.total]).toEqual(['1.70', '21.69']);
  });

  it('charges a compound QST on the amount plus GST', () => {
    const result = calculateInvoice({ currency: 'CAD', lines: [line('a', '100.00', { taxRates: [gst, qst] })] });
    // GST 100.00 × 5% = 5.00; QST 105.00 × 9.975% = 10.47375 → 10.47; total 115.47
    expect(result.taxes.map((t) => [t.rateId, t.taxableAmount, t.amount, t.compound])).toEqual([
      ['gst', '100.00', '5.00', false],
      ['qst', '105.00', '10.47', true],
    ]);
    expect(result.total).toBe('115.47');
  });

  it('charges no tax to exempt customers and notes reverse charge', () => {
    const lines = [line('a', '100.00', { taxRates: [vat19] }), line('b', '2.99', { taxRates: [vat4incl] })];
    const exempt = calculateInvoice({ currency: 'EUR', lines, taxStatus: 'exempt' });
    // no tax: amounts as entered, the inclusive line's 2.99 is all taxable; total 102.99
    expect(exempt).toMatchObject({ taxes: [], taxTotal: '0.00', total: '102.99', reverseCharge: false, notes: [] });
    expect(exempt.lines.map((l) => [l.taxableAmount, l.taxes])).toEqual([
      ['100.00', []],
      ['2.99', []],
    ]);
    const reverse = calculateInvoice({ currency: 'EUR', lines, taxStatus: 'reverse_charge' });
    expect(reverse).toMatchObject({
      taxTotal: '0.00',
      total: '102.99',
      reverseCharge: true,
      taxStatus: 'reverse_charge',
    });
    expect(reverse.notes).toEqual([REVERSE_CHARGE_NOTE]);
  });

  it('rounds CHF totals to 0.05 as a separate rounding amount', () => {
    const chf = (amount: string, taxRates: TaxRate[] = []) =>
      totals({ currency: 'CHF', lines: [line('a', amount, { taxRates })], cashRounding: '0.05' });
    expect(chf('10.01')).toMatchObject({ roundingAmount: '-0.01', total: '10.00', amountDue: '10.00' });
    expect(chf('10.09')).toMatchObject({ roundingAmount: '0.01', total: '10.10' });
    // 9.30 + 7.7% VAT (0.7161 → 0.72) = 10.02 → 10.00
    const swissVat: TaxRate = { id: 'ch', name: 'MWST', percentage: '7.7', inclusive: false };
    expect(chf('9.30', [swissVat])).toMatchObject({ taxTotal: '0.72', roundingAmount: '-0.02', total: '10.00' });
    // without cash rounding the total stays 10.01
    expect(totals({ currency: 'CHF', lines: [line('a', '10.01')] })).toMatchObject({
      roundingAmount: '0.00',
      total: '10.01',
    });
  });

  it('applies discounts in order, each on what the earlier ones left', () => {
    const lines = [line('a', '60.00'), line('b', '40.00')];
    // 10% of 100.00 = 10.00 (6.00 + 4.00); then 5.00 off the 90.00 left, by 54:36 → 3.00 + 2.00
    const first = calculateInvoice({
      currency: 'EUR',
      lines,
      discounts: [{ percentOff: '10' }, { amountOff: '5.00' }],
    });
    expect(first.lines.map((l) => l.discountAmount)).toEqual(['9.00', '6.00']);
    expect(first.discounts.map((d) => d.amount)).toEqual(['10.00', '5.00']);
    expect(first.total).toBe('85.00');
    // the other order: 5.00 off 100.00 (3.00 + 2.00), then 10% of 95.00 = 9.50 (5.70 + 3.80)
    const second = calculateInvoice({
      currency: 'EUR',
      lines,
      discounts: [{ amountOff: '5.00' }, { percentOff: '10' }],
    });
    expect(second.lines.map((l) => l.discountAmount)).toEqual(['8.70', '5.80']);
    expect([second.discountTotal, second.total]).toEqual(['14.50', '85.50']);
  });

  it('applies a discount to the listed lines only, an amount never beyond what they have left', () => {
    const lines = [line('a', '50.00'), line('b', '30.00', { taxRates: [vat19] })];
    // 20% of b's 30.00 = 6.00; b is taxed on 24.00 → 4.56
    const pct = calculateInvoice({ currency: 'EUR', lines, discounts: [{ percentOff: '20', appliesTo: ['b'] }] });
    expect(pct.lines.map((l) => [l.discountAmount, l.taxableAmount])).toEqual([
      ['0.00', '50.00'],
      ['6.00', '24.00'],
    ]);
    expect(pct.taxTotal).toBe('4.56');
    // 100.00 off b is capped at its 30.00
    const off = calculateInvoice({ currency: 'EUR', lines, discounts: [{ amountOff: '100', appliesTo: ['b'] }] });
    expect([off.lines[0]?.discountAmount, off.lines[1]?.discountAmount, off.taxTotal, off.total]).toEqual([
      '0.00',
      '30.00',
      '0.00',
      '50.00',
    ]);
  });

  it('keeps discounts off a non-discountable line', () => {
    const lines = [line('a', '80.00'), line('fee', '20.00', { discountable: false, taxRates: [vat19] })];
    // 10% of a's 80.00 = 8.00; then 100.00 off is capped at a's 72.00 left; fee keeps 20.00 + 3.80 VAT
    const result = calculateInvoice({
      currency: 'EUR',
      lines,
      discounts: [{ percentOff: '10' }, { amountOff: '100.00' }],
    });
    expect(result.lines.map((l) => l.discountAmount)).toEqual(['80.00', '0.00']);
    expect(result.discounts.map((d) => d.amount)).toEqual(['8.00', '72.00']);
    expect([result.taxTotal, result.total]).toEqual(['3.80', '23.80']);
  });

  it('applies credit after tax and never beyond the total', () => {
    // 50.00 + 19% = 59.50; the credit of 100.00 covers it all
    expect(
      totals({ currency: 'EUR', lines: [line('a', '50.00', { taxRates: [vat19] })], creditBalance: '100.00' }),
    ).toMatchObject({ taxTotal: '9.50', total: '59.50', creditApplied: '59.50', amountDue: '0.00' });
  });

  it('works in JPY (no decimals) and KWD (three decimals)', () => {
    const ct: TaxRate = { id: 'ct', name: 'Consumption tax', percentage: '8', inclusive: false };
    const jpy = calculateInvoice({
      currency: 'JPY',
      lines: [line('a', '1000', { taxRates: [ct] }), line('b', '234', { taxRates: [ct] })],
      discounts: [{ percentOff: '10' }],
    });
    // 10% of 1234 = 123.4 → 123, spread 1000:234 → 99.68 + 23.32 → 100 + 23 (largest remainder to a)
    // tax 900 × 8% = 72, 211 × 8% = 16.88 → 17; total 1234 − 123 + 89 = 1200
    expect(jpy.lines.map((l) => [l.discountAmount, l.taxes[0]?.amount])).toEqual([
      ['100', '72'],
      ['23', '17'],
    ]);
    expect([jpy.subtotal, jpy.discountTotal, jpy.taxTotal, jpy.total]).toEqual(['1234', '123', '89', '1200']);
    const vat: TaxRate = { id: 'vat', name: 'VAT', percentage: '5', inclusive: false };
    const kwd = calculateInvoice({
      currency: 'KWD',
      lines: [line('a', '12.345', { taxRates: [vat] }), line('b', '1', { taxRates: [vat] })],
    });
    // 12.345 × 5% = 0.61725 → 0.617; 1.000 × 5% = 0.050; total 13.345 + 0.667 = 14.012
    expect(kwd.lines.map((l) => [l.amount, l.taxes[0]?.amount])).toEqual([
      ['12.345', '0.617'],
      ['1.000', '0.050'],
    ]);
    expect(kwd.total).toBe('14.012');
  });

  it('rounds ties half-up by default and half-even on request', () => {
    const ten: TaxRate = { id: 't', name: 'T', percentage: '10', inclusive: false };
    const input = {
      currency: 'EUR',
      lines: [line('a', '0.85', { taxRates: [ten], discountable: false }), line('b', '0.05')],
      discounts: [{ percentOff: '50' }],
    };
    // tax 0.85 × 10% = 0.085: half-up 0.09, half-even 0.08; discount 50% of 0.05 = 0.025: 0.03 vs 0.02
    expect(totals(input)).toMatchObject({ discountTotal: '0.03', taxTotal: '0.09', total: '0.96' });
    expect(totals({ ...input, roundingMode: 'half-even' })).toMatchObject({
      discountTotal: '0.02',
      taxTotal: '0.08',
      total: '0.96',
    });
  });

  it('rounds an explicit amount finer than the currency at the line', () => {
    // 0.005 → 0.01 half-up, 0.00 half-even
    expect(totals({ currency: 'USD', lines: [line('a', '0.005')] }).subtotal).toBe('0.01');
    expect(totals({ currency: 'USD', lines: [line('a', '0.005')], roundingMode: 'half-even' }).subtotal).toBe('0.00');
  });

  it('takes credit lines: never discounted, negative tax, a negative total goes back to the credit balance', () => {
    const lines = [line('new', '100.00', { taxRates: [vat19] }), line('unused', '-30.00', { taxRates: [vat19] })];
    // 10% of 100.00 only = 10.00; tax 90.00 × 19% = 17.10 and −30.00 × 19% = −5.70; total 60.00 + 11.40 = 71.40
    const result = calculateInvoice({ currency: 'EUR', lines, discounts: [{ percentOff: '10' }] });
    expect(result.lines.map((l) => [l.discountAmount, l.taxes[0]?.amount])).toEqual([
      ['10.00', '17.10'],
      ['0.00', '-5.70'],
    ]);
    expect([result.taxTotal, result.total]).toEqual(['11.40', '71.40']);
    // 10.00 − 50.00 = −40.00: no credit used, 40.00 goes back (creditApplied −40.00), nothing due
    expect(
      totals({ currency: 'EUR', lines: [line('a', '10.00'), line('b', '-50.00')], creditBalance: '5.00' }),
    ).toMatchObject({ total: '-40.00', creditApplied: '-40.00', amountDue: '0.00' });
  });

  it('spreads a per-invoice tax over a charge and a credit of the same size', () => {
    const lines = [line('a', '0.50', { taxRates: [vat19] }), line('b', '-0.50', { taxRates: [vat19] })];
    // exact shares 0.095 and −0.095 sum to 0.00; floors 0.09 and −0.10 leave one cent, to the earlier tie
    const result = calculateInvoice({ currency: 'EUR', lines, taxRounding: 'invoice' });
    expect(result.lines.map((l) => l.taxes[0]?.amount)).toEqual(['0.10', '-0.10']);
    expect(result.taxTotal).toBe('0.00');
  });

  it('rates graduated price lines and passes their tiers through', () => {
    const result = calculateInvoice({
      currency: 'EUR',
      lines: [
        {
          description: 'API calls',
          price: {
            model: 'graduated',
            currency: 'EUR',
            tiers: [
              { upTo: '1000', unitAmount: '0' },
              { upTo: null, unitAmount: '0.002' },
            ],
          },
          quantity: '2500',
        },
      ],
    });
    // 1000 free, 1500 × 0.002 = 3.00
    expect(result.lines[0]?.amount).toBe('3.00');
    expect(result.lines[0]?.tiers?.map((t) => t.quantity)).toEqual(['1000', '1500']);
  });
});
