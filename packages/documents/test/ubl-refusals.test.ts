import { type Invoice, InvoiceSchema, isBillingError } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { renderInvoice, type SellerProfile } from '../src/index';
import { reverseChargeInvoice, salesTaxInvoice, seller, twoRateInvoice } from './fixtures';

/** The code, path and rule (the message's first word) of the error rendering `invoice` as UBL throws. */
async function refusal(invoice: Invoice, by: SellerProfile = seller) {
  const error = await renderInvoice(invoice, { format: 'ubl', seller: by }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isBillingError(error)) throw new Error(`expected a BillingError, got ${String(error)}`);
  return { code: error.code, path: error.path, rule: error.message.split(':')[0] };
}

const withSnapshot = (changes: Partial<NonNullable<Invoice['customerSnapshot']>>, base = twoRateInvoice()) =>
  InvoiceSchema.parse({ ...base, customerSnapshot: { ...base.customerSnapshot, ...changes } });

describe('UBL refuses what EN 16931 cannot carry, naming the rule and the field', () => {
  it('BR-S-02 / BR-CO-26: a seller with no VAT id, tax registration or company number', async () => {
    const anonymous: SellerProfile = { name: 'Acme Inc.', address: seller.address };
    expect(await refusal(twoRateInvoice(), anonymous)).toEqual({
      code: 'unsupported',
      path: ['options', 'seller'],
      rule: 'BR-CO-26',
    });
    expect(await refusal(twoRateInvoice(), { ...anonymous, companyId: 'KvK 12345678' })).toEqual({
      code: 'unsupported',
      path: ['options', 'seller', 'vatId'],
      rule: 'BR-S-02',
    });
    // A tax registration (BT-32) is enough for standard-rated lines, and is written with scheme FC.
    const registered = await renderInvoice(twoRateInvoice(), {
      format: 'ubl',
      seller: { ...anonymous, companyId: 'KvK 12345678', taxIds: [{ type: 'nl_tin', value: '123456789' }] },
    });
    expect(registered.body).toMatch(
      /<cbc:CompanyID>123456789<\/cbc:CompanyID>\s*<cac:TaxScheme>\s*<cbc:ID>FC<\/cbc:ID>/,
    );
    expect(registered.body).not.toContain(
      '<cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:PartyTaxScheme>',
    );
  });

  it('BR-CO-09: a VAT id without its country prefix', async () => {
    expect(await refusal(twoRateInvoice(), { ...seller, vatId: '123456789B01' })).toEqual({
      code: 'unsupported',
      path: ['options', 'seller', 'vatId'],
      rule: 'BR-CO-09',
    });
  });

  it('BR-CO-04: a US sales tax is not VAT and has no VAT category', async () => {
    const invoice = salesTaxInvoice();
    const sales = InvoiceSchema.parse({
      ...invoice,
      taxRates: invoice.taxRates.map((rate) => ({ ...rate, taxType: 'sales_tax' })),
    });
    expect(await refusal(sales)).toEqual({
      code: 'unsupported',
      path: ['invoice', 'lines', 0, 'taxes'],
      rule: 'BR-CO-04',
    });
    const csv = await renderInvoice(sales, { format: 'csv', seller });
    expect(csv.body).toContain('8.5');
  });

  it('BR-AE-02: a reverse-charge invoice whose customer had no VAT id', async () => {
    const invoice = withSnapshot({ taxIds: [] }, reverseChargeInvoice());
    expect(await refusal(invoice)).toEqual({
      code: 'unsupported',
      path: ['invoice', 'customerSnapshot', 'taxIds'],
      rule: 'BR-AE-02',
    });
  });

  it('BR-10: a customer without a postal address', async () => {
    const { address: _address, ...snapshot } = twoRateInvoice().customerSnapshot as NonNullable<
      Invoice['customerSnapshot']
    >;
    const invoice = InvoiceSchema.parse({ ...twoRateInvoice(), customerSnapshot: snapshot });
    expect(await refusal(invoice)).toEqual({
      code: 'unsupported',
      path: ['invoice', 'customerSnapshot', 'address'],
      rule: 'BR-10',
    });
  });

  it('BR-07 / BR-25: a buyer name or an item name that prints as nothing', async () => {
    expect(await refusal(withSnapshot({ name: ' \u200B\u2066 ' }))).toEqual({
      code: 'unsupported',
      path: ['invoice', 'customerSnapshot', 'name'],
      rule: 'BR-07',
    });
    const base = twoRateInvoice();
    const blank = InvoiceSchema.parse({
      ...base,
      lines: base.lines.map((line, i) => (i === 2 ? { ...line, description: '\u0007\u00a0\t' } : line)),
    });
    expect(await refusal(blank)).toEqual({
      code: 'unsupported',
      path: ['invoice', 'lines', 2, 'description'],
      rule: 'BR-25',
    });
  });

  it('BR-E-01: exempt lines with two different exemption reasons', async () => {
    const base = twoRateInvoice();
    const exempt = (id: string, code: string) => ({
      id,
      name: 'exempt',
      percentage: '0',
      inclusive: false,
      category: 'E' as const,
      exemption: { code },
    });
    const lines = base.lines.map((line, i) => ({
      ...line,
      taxes: i < 3 ? [{ rateId: i === 0 ? 'ex-a' : 'ex-b', amount: '0.00' }] : line.taxes,
    }));
    const invoice = InvoiceSchema.parse({
      ...base,
      lines,
      taxRates: [...base.taxRates, exempt('ex-a', 'VATEX-EU-132-1C'), exempt('ex-b', 'VATEX-EU-132-1I')],
      taxes: [base.taxes[1], { rateId: 'ex-a', taxableAmount: '99.00', amount: '0.00' }],
      taxTotal: '9.74',
      total: '239.34',
      amountDue: '239.34',
      amountRemaining: '239.34',
    });
    expect(await refusal(invoice)).toEqual({
      code: 'unsupported',
      path: ['invoice', 'lines', 1, 'taxes'],
      rule: 'BR-E-01',
    });
  });

  it('BR-CO-25: something payable without a due date or payment terms', async () => {
    const { dueAt: _dueAt, ...undated } = twoRateInvoice();
    const { paymentTerms: _terms, ...termless } = seller;
    expect(await refusal(InvoiceSchema.parse(undated), termless)).toEqual({
      code: 'unsupported',
      path: ['invoice', 'dueAt'],
      rule: 'BR-CO-25',
    });
  });
});
