import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Invoice, InvoiceSchema, isBillingError } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { renderCreditNote, renderInvoice } from '../src/index';
import { checkTotalsRules, parseUbl } from './en16931-rules';
import {
  TWO_RATE_TOTALS,
  manyLinesInvoice,
  reverseChargeInvoice,
  salesTaxInvoice,
  seller,
  sslCreditNote,
  twoRateInvoice,
} from './fixtures';
import { HOSTILE, hostileInvoice, unicodeInvoice } from './hostile-fixtures';
import { findTool, findValidationData, hasControlCharacters, suiteTitle, VALIDATION_DIR } from './tools';
import { UBL_XSD, validateWithXsd } from './xml-schema';

const ubl = async (invoice: Invoice) => (await renderInvoice(invoice, { format: 'ubl', seller })).body;

/** Text of the first element found along a path of local names (`a/b/c`) below `element`. */
function at(xml: string, path: string): string | undefined {
  const { root, kid, text } = parseUbl(xml);
  let element: ReturnType<typeof kid> = root;
  for (const name of path.split('/')) element = kid(element, name);
  return text(element);
}

function subtotals(xml: string) {
  const { root, kid, kids, text } = parseUbl(xml);
  return kids(kid(root, 'TaxTotal'), 'TaxSubtotal').map((s) => ({
    category: text(kid(kid(s, 'TaxCategory'), 'ID')),
    percent: text(kid(kid(s, 'TaxCategory'), 'Percent')),
    taxable: text(kid(s, 'TaxableAmount')),
    tax: text(kid(s, 'TaxAmount')),
    reasonCode: text(kid(kid(s, 'TaxCategory'), 'TaxExemptionReasonCode')),
  }));
}

describe('UBL 2.1 invoice (EN 16931)', () => {
  it('carries the two VAT rates of the official example with its totals', async () => {
    const xml = await ubl(twoRateInvoice());
    expect(at(xml, 'CustomizationID')).toBe('urn:cen.eu:en16931:2017');
    expect(at(xml, 'ID')).toBe('INV-2026-000123');
    expect(at(xml, 'IssueDate')).toBe('2026-02-01');
    expect(at(xml, 'DueDate')).toBe('2026-02-15');
    expect(at(xml, 'InvoiceTypeCode')).toBe('380');
    expect(at(xml, 'InvoicePeriod/EndDate')).toBe('2026-01-31'); // the period [Jan 1, Feb 1) ends on Jan 31
    expect(subtotals(xml)).toEqual([
      {
        category: 'S',
        percent: '6',
        taxable: TWO_RATE_TOTALS.tax6.base,
        tax: TWO_RATE_TOTALS.tax6.tax,
        reasonCode: undefined,
      },
      {
        category: 'S',
        percent: '21',
        taxable: TWO_RATE_TOTALS.tax21.base,
        tax: TWO_RATE_TOTALS.tax21.tax,
        reasonCode: undefined,
      },
    ]);
    expect(at(xml, 'TaxTotal/TaxAmount')).toBe(TWO_RATE_TOTALS.taxTotal);
    expect(at(xml, 'LegalMonetaryTotal/LineExtensionAmount')).toBe(TWO_RATE_TOTALS.lineNet);
    expect(at(xml, 'LegalMonetaryTotal/TaxInclusiveAmount')).toBe(TWO_RATE_TOTALS.payable);
    expect(at(xml, 'LegalMonetaryTotal/PayableAmount')).toBe(TWO_RATE_TOTALS.payable);
    expect(at(xml, 'AccountingSupplierParty/Party/PartyTaxScheme/CompanyID')).toBe('NL123456789B01');
    expect(at(xml, 'PaymentMeans/PaymentMeansCode')).toBe('58');
    expect(at(xml, 'PaymentMeans/PayeeFinancialAccount/ID')).toBe('NL91ABNA0417164300');
    // The ISO 11649 reference of INV-2026-000123 (mod 97 check digits 98), as reconciliation recognises it.
    expect(at(xml, 'PaymentMeans/PaymentID')).toBe('RF98INV2026000123');
    expect(at(xml, 'PaymentTerms/Note')).toBe('Net 14 days');
  });

  it('satisfies the totals rules BR-CO-10..16 and BR-S-08/09', async () => {
    expect(checkTotalsRules(await ubl(twoRateInvoice()))).toEqual([]);
    expect(checkTotalsRules(await ubl(manyLinesInvoice(200)))).toEqual([]);
    expect(checkTotalsRules(await ubl(hostileInvoice()))).toEqual([]);
  });

  it('prices lines so that quantity × price − allowance = net, with the discount as a line allowance', async () => {
    const { lines, kid, kids, text } = parseUbl(await ubl(twoRateInvoice()));
    const line = (i: number) => lines[i];
    // 1234 × 0.05 = 61.70: the unit price multiplies out
    expect(text(kid(line(1), 'InvoicedQuantity'))).toBe('1234');
    expect(text(kid(kid(line(1), 'Price'), 'PriceAmount'))).toBe('0.05');
    // SSL: 1 × 40.00 − 6.00 discount = 34.00
    const allowance = kids(line(4), 'AllowanceCharge')[0];
    expect(text(kid(allowance, 'ChargeIndicator'))).toBe('false');
    expect(text(kid(allowance, 'Amount'))).toBe('6.00');
    expect(text(kid(kid(line(4), 'Price'), 'PriceAmount'))).toBe('40.00');
    expect(text(kid(line(4), 'LineExtensionAmount'))).toBe('34.00');
    expect(text(kid(kid(line(4), 'Item'), 'Name'))).toBe('SSL certificate');
    expect(text(kid(kid(line(4), 'Item'), 'Description'))).toBe('SSL certificate\nwildcard, one year');
    expect(text(kid(kid(kid(line(0), 'Item'), 'ClassifiedTaxCategory'), 'Percent'))).toBe('6');
  });

  it('marks a reverse-charge invoice AE: 0 % on every line, no tax, an exemption reason, both VAT ids', async () => {
    const xml = await ubl(reverseChargeInvoice());
    expect(subtotals(xml)).toEqual([
      { category: 'AE', percent: '0', taxable: '620.50', tax: '0.00', reasonCode: 'VATEX-EU-AE' },
    ]);
    const { lines, kid, text } = parseUbl(xml);
    expect(lines.map((l) => text(kid(kid(kid(l, 'Item'), 'ClassifiedTaxCategory'), 'ID')))).toEqual(['AE', 'AE']);
    expect(at(xml, 'AccountingCustomerParty/Party/PartyTaxScheme/CompanyID')).toBe('PL5260250274');
    expect(at(xml, 'AccountingSupplierParty/Party/PartyTaxScheme/CompanyID')).toBe('NL123456789B01');
    expect(at(xml, 'Note')).toBe('Reverse charge: VAT to be accounted for by the recipient');
    expect(checkTotalsRules(xml)).toEqual([]);
  });

  it('combines state and city sales tax into one S rate and credits proration with a negative quantity', async () => {
    const xml = await ubl(salesTaxInvoice());
    expect(subtotals(xml)).toEqual([
      { category: 'S', percent: '8.5', taxable: '70.00', tax: '5.95', reasonCode: undefined },
    ]);
    const { lines, kid, text } = parseUbl(xml);
    expect(text(kid(lines[1], 'InvoicedQuantity'))).toBe('-1');
    expect(text(kid(kid(lines[1], 'Price'), 'PriceAmount'))).toBe('30.00');
    expect(text(kid(lines[1], 'LineExtensionAmount'))).toBe('-30.00');
    expect(at(xml, 'LegalMonetaryTotal/PayableAmount')).toBe('75.95');
    expect(checkTotalsRules(xml)).toEqual([]);
  });

  it('writes amounts with the currency’s decimals (JPY 0) and refuses 3-decimal currencies (BR-DEC)', async () => {
    const yen = await ubl(unicodeInvoice('JPY', '1500'));
    expect(at(yen, 'LegalMonetaryTotal/PayableAmount')).toBe('1500');
    expect(at(yen, 'TaxTotal/TaxAmount')).toBe('0');
    expect(subtotals(yen)[0]).toMatchObject({ category: 'E', taxable: '1500', tax: '0' });
    // EN 16931 allows 2 decimals; 12.345 KWD cannot be written without changing what is owed.
    const dinar = await ubl(unicodeInvoice('KWD', '12.345')).catch((e: unknown) => e);
    expect(dinar).toMatchObject({ code: 'unsupported', path: ['invoice', 'currency'] });
    expect(String((dinar as Error).message)).toMatch(/^BR-DEC-09: .*KWD has 3/);
    // The other formats keep all three decimals.
    const pdf = await renderInvoice(unicodeInvoice('KWD', '12.345'), { format: 'csv', seller });
    expect(pdf.body).toContain('12.345');
  });

  it('escapes hostile text and keeps it exactly, minus control characters', async () => {
    const xml = await ubl(hostileInvoice());
    const { lines, kid, text } = parseUbl(xml);
    expect(at(xml, 'AccountingCustomerParty/Party/PartyName/Name')).toBe(HOSTILE.markup);
    expect(text(kid(kid(lines[1], 'Item'), 'Name'))).toBe(HOSTILE.script);
    expect(text(kid(kid(lines[10], 'Item'), 'Name'))).toBe(HOSTILE.cdata);
    expect(text(kid(kid(lines[8], 'Item'), 'Name'))).toBe('bell escape[31m nul end');
    expect(xml).not.toContain('<img');
    expect(hasControlCharacters(xml)).toBe(false);
  });

  it('refuses what EN 16931 cannot express, naming the field', async () => {
    const base = twoRateInvoice();
    const compound = InvoiceSchema.parse({
      ...base,
      taxRates: [...base.taxRates, { id: 'qst', name: 'QST', percentage: '9.975', inclusive: false, compound: true }],
      lines: base.lines.map((l, i) => (i === 0 ? { ...l, taxes: [...l.taxes, { rateId: 'qst', amount: '0.00' }] } : l)),
    });
    await expect(ubl(compound)).rejects.toMatchObject({
      code: 'unsupported',
      path: ['invoice', 'lines', 0, 'taxes'],
    });
    const wrongDue = { ...base, amountDue: '250.34', amountRemaining: '250.34' };
    await expect(ubl(wrongDue)).rejects.toMatchObject({ code: 'invalid_input', path: ['invoice', 'amountDue'] });
    const wrongTax = { ...base, taxTotal: '20.74', total: '250.34', amountDue: '250.34', amountRemaining: '250.34' };
    const error = await ubl(wrongTax).catch((e: unknown) => e);
    expect(isBillingError(error) && error.path).toEqual(['invoice', 'taxTotal']);
  });
});

describe('UBL 2.1 credit note', () => {
  it('is a CreditNote (381) referring to the invoice it corrects, with its totals', async () => {
    const xml = (await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format: 'ubl', seller })).body;
    const { root, lines } = parseUbl(xml);
    expect(root.localName).toBe('CreditNote');
    expect(at(xml, 'CreditNoteTypeCode')).toBe('381');
    expect(at(xml, 'BillingReference/InvoiceDocumentReference/ID')).toBe('INV-2026-000123');
    expect(at(xml, 'BillingReference/InvoiceDocumentReference/IssueDate')).toBe('2026-02-01');
    expect(lines).toHaveLength(1);
    expect(subtotals(xml)).toEqual([
      { category: 'S', percent: '21', taxable: '34.00', tax: '7.14', reasonCode: undefined },
    ]);
    expect(at(xml, 'LegalMonetaryTotal/PayableAmount')).toBe('41.14');
    expect(checkTotalsRules(xml)).toEqual([]);
  });
});

describe('the EN 16931 totals checker itself', () => {
  const example = () => readFileSync(join(VALIDATION_DIR, 'en16931-examples/ubl-tc434-example1.xml'), 'utf8');
  const data = findValidationData();

  it.skipIf(!data.available)('passes the official example and catches each kind of broken total', () => {
    const xml = example();
    expect(checkTotalsRules(xml)).toEqual([]);
    const broken = (from: string, to: string) => checkTotalsRules(xml.replace(from, to)).map((v) => v.split(':')[0]);
    expect(broken('<cbc:PayableAmount currencyID="EUR">250.33', '<cbc:PayableAmount currencyID="EUR">250.34')).toEqual([
      'BR-CO-16',
    ]);
    expect(broken('<cbc:TaxAmount currencyID="EUR">20.73', '<cbc:TaxAmount currencyID="EUR">20.74')).toEqual([
      'BR-CO-14',
      'BR-CO-15',
    ]);
    expect(broken('<cbc:TaxableAmount currencyID="EUR">183.23', '<cbc:TaxableAmount currencyID="EUR">193.23')).toEqual([
      'BR-S-08',
    ]);
    expect(broken('<cbc:TaxAmount currencyID="EUR">10.99', '<cbc:TaxAmount currencyID="EUR">12.99')).toContain(
      'BR-S-09',
    );
    expect(
      broken('<cbc:LineExtensionAmount currencyID="EUR">19.90', '<cbc:LineExtensionAmount currencyID="EUR">19.91'),
    ).toContain('BR-CO-10');
  });

  it('catches AE breakdowns with tax or without a reason', async () => {
    const xml = await ubl(reverseChargeInvoice());
    const taxed = xml.replace(
      '<cbc:TaxAmount currencyID="EUR">0.00</cbc:TaxAmount>\n      <cac:TaxCategory>',
      '<cbc:TaxAmount currencyID="EUR">1.00</cbc:TaxAmount>\n      <cac:TaxCategory>',
    );
    expect(checkTotalsRules(taxed).map((v) => v.split(':')[0])).toContain('BR-AE-09');
    const reasonless = xml.replace(/<cbc:TaxExemptionReason(Code)?>[^<]*<\/cbc:TaxExemptionReason(Code)?>/g, '');
    expect(checkTotalsRules(reasonless).map((v) => v.split(':')[0])).toEqual(['BR-AE-10']);
    const base = xml.replace(
      '<cbc:TaxableAmount currencyID="EUR">620.50',
      '<cbc:TaxableAmount currencyID="EUR">600.00',
    );
    expect(checkTotalsRules(base).map((v) => v.split(':')[0])).toEqual(['BR-AE-08']);
  });
});

const xmllint = findTool('xmllint', 'libxml2-utils');
const validationData = findValidationData();

describe.skipIf(!xmllint.available || !validationData.available)(
  suiteTitle('UBL XSD validation (xmllint --schema)', xmllint, validationData),
  () => {
    it('validates invoices against UBL-Invoice-2.1.xsd', async () => {
      const documents = {
        twoRates: await ubl(twoRateInvoice()),
        reverseCharge: await ubl(reverseChargeInvoice()),
        manyLines: await ubl(manyLinesInvoice(200)),
        hostile: await ubl(hostileInvoice()),
        yen: await ubl(unicodeInvoice('JPY', '1500')),
        salesTax: await ubl(salesTaxInvoice()),
        officialExample: readFileSync(join(VALIDATION_DIR, 'en16931-examples/ubl-tc434-example1.xml'), 'utf8'),
      };
      const results = validateWithXsd(UBL_XSD.invoice, documents);
      for (const [name, result] of Object.entries(results))
        expect(result, `${name}: ${result.output}`).toMatchObject({ valid: true });
    });

    it('validates credit notes against UBL-CreditNote-2.1.xsd', async () => {
      const note = (await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format: 'ubl', seller })).body;
      const results = validateWithXsd(UBL_XSD.creditNote, { note });
      expect(results.note?.valid, results.note?.output).toBe(true);
    });

    it('rejects a document with elements out of order (the validation can fail)', async () => {
      const xml = await ubl(twoRateInvoice());
      const swapped = xml.replace(
        /(<cbc:ID>INV-2026-000123<\/cbc:ID>\n)(\s*<cbc:IssueDate>[^<]*<\/cbc:IssueDate>\n)/,
        '$2$1',
      );
      expect(swapped).not.toBe(xml);
      expect(validateWithXsd(UBL_XSD.invoice, { swapped }).swapped?.valid).toBe(false);
    });
  },
);

if (xmllint.mustFail || validationData.mustFail) {
  it('has xmllint and the UBL schemas in CI', () => {
    throw new Error([xmllint.reason, validationData.reason].filter(Boolean).join('; '));
  });
}
