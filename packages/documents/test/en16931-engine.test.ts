import { type Invoice, InvoiceSchema } from '@billfold/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCreditNote, renderInvoice } from '../src/index';
import { parseUbl } from './en16931-rules';
import { type EngineCase, engineCases, GERMAN_SELLER, manySmallLines } from './engine-invoices';
import { base, line } from './fixtures';
import { fatalRules, findSchematron, validateEn16931 } from './schematron';
import { findTool, suiteTitle } from './tools';
import { UBL_XSD, validateWithXsd } from './xml-schema';

const schematron = findSchematron();
const xmllint = findTool('xmllint', 'libxml2-utils');

async function ublOf(c: Pick<EngineCase, 'invoice' | 'creditNote' | 'seller'>): Promise<string> {
  const options = { format: 'ubl' as const, seller: c.seller };
  return c.creditNote
    ? (await renderCreditNote(c.creditNote, c.invoice, options)).body
    : (await renderInvoice(c.invoice, options)).body;
}

/** Text of the first element along a path of local names below the root. */
function at(xml: string, path: string): string | undefined {
  const { root, kid, text } = parseUbl(xml);
  let element: ReturnType<typeof kid> = root;
  for (const name of path.split('/')) element = kid(element, name);
  return text(element);
}

describe.skipIf(!schematron.available)(
  suiteTitle('engine-made invoices against the official EN 16931 schematron', schematron),
  () => {
    let cases: EngineCase[] = [];
    beforeAll(async () => {
      cases = await engineCases();
    });

    it('renders every kind of invoice the engine makes with zero fatal rules', async () => {
      expect(cases.map((c) => c.name)).toEqual([
        'one-off at 19 %',
        'exempt customer',
        'zero-rated',
        'reverse charge',
        'tax included in prices',
        'coupon on a one-off invoice',
        'subscription start with a coupon',
        'subscription cycle',
        'upgrade invoiced at once',
        'downgrade invoiced at once (negative total)',
        'credit note',
        'credit note not tied to a line',
        'credit applied from the balance',
        'paid',
        '250 lines of 0.50',
        'several rates from tax codes: 19 %, 7 % and exempt',
        'pending item and graduated usage at 19 % beside 7 % and exempt',
        'cash rounding to CHF 0.05',
        'JPY',
      ]);
      for (const c of cases) {
        const report = validateEn16931(await ublOf(c));
        expect(fatalRules(report), c.name).toEqual([]);
      }
    });

    it.skipIf(!xmllint.available)('are valid UBL 2.1 by the OASIS schemas too', async () => {
      for (const kind of ['invoice', 'creditNote'] as const) {
        const documents: Record<string, string> = {};
        for (const c of cases.filter((x) => (x.creditNote === undefined) === (kind === 'invoice'))) {
          documents[c.name] = await ublOf(c);
        }
        for (const [name, result] of Object.entries(validateWithXsd(UBL_XSD[kind], documents))) {
          expect(result, `${name}: ${result.output}`).toMatchObject({ valid: true });
        }
      }
    });

    it('writes one VAT breakdown row per rate and category of the products’ tax codes', async () => {
      const rows = async (name: string) => {
        const xml = await ublOf(cases.find((c) => c.name === name) as EngineCase);
        const { root, kid, kids, text } = parseUbl(xml);
        return {
          rows: kids(kid(root, 'TaxTotal'), 'TaxSubtotal').map((s) =>
            [
              text(kid(kid(s, 'TaxCategory'), 'ID')),
              text(kid(kid(s, 'TaxCategory'), 'Percent')),
              text(kid(s, 'TaxableAmount')),
              text(kid(s, 'TaxAmount')),
              text(kid(kid(s, 'TaxCategory'), 'TaxExemptionReasonCode')),
            ].join(' '),
          ),
          lines: kids(root, 'InvoiceLine').map((l) =>
            [
              text(kid(kid(l, 'Item'), 'Name')),
              text(kid(kid(kid(l, 'Item'), 'ClassifiedTaxCategory'), 'Percent')),
            ].join(' @ '),
          ),
          payable: at(xml, 'LegalMonetaryTotal/PayableAmount'),
        };
      };
      // Glasfaser 39.00 and the router 99.00 at 19 %: 26.22; the magazine 4.90 at 7 %: 0.34; care 10.00 exempt.
      expect(await rows('several rates from tax codes: 19 %, 7 % and exempt')).toEqual({
        rows: ['S 19 138.00 26.22 ', 'S 7 4.90 0.34 ', 'E 0 10.00 0.00 VATEX-EU-132-1C'],
        lines: ['Glasfaser 100 @ 19', 'Magazin @ 7', 'Hausnotruf @ 0', 'WLAN-Router @ 19'],
        payable: '179.46',
      });
      // 39.00 + 7.50 data at 19 %: 8.835 → 8.84; 4.90 + 8.00 at 7 %: 0.903 → 0.90; care exempt.
      expect(await rows('pending item and graduated usage at 19 % beside 7 % and exempt')).toEqual({
        rows: ['S 19 46.50 8.84 ', 'S 7 12.90 0.90 ', 'E 0 10.00 0.00 VATEX-EU-132-1C'],
        lines: [
          'Glasfaser 100 @ 19',
          'Magazin @ 7',
          'Hausnotruf @ 0',
          'Datenvolumen (Daten) @ 19',
          'Sonderheft Heimnetz @ 7',
        ],
        payable: '79.14',
      });
    });

    it('rounds the VAT of 250 lines of 0.50 at 19 % once: 23.75 on 125.00', async () => {
      const xml = await ublOf(cases.find((c) => c.name === '250 lines of 0.50') as EngineCase);
      expect(at(xml, 'TaxTotal/TaxSubtotal/TaxableAmount')).toBe('125.00');
      expect(at(xml, 'TaxTotal/TaxSubtotal/TaxAmount')).toBe('23.75');
      expect(at(xml, 'LegalMonetaryTotal/PayableAmount')).toBe('148.75');
    });

    it('states a negative total as owed to the buyer, never as a negative prepaid amount', async () => {
      const c = cases.find((x) => x.name.startsWith('downgrade')) as EngineCase;
      expect(c.invoice.total.startsWith('-')).toBe(true);
      const xml = await ublOf(c);
      expect(at(xml, 'LegalMonetaryTotal/PrepaidAmount')).toBeUndefined();
      expect(at(xml, 'LegalMonetaryTotal/PayableAmount')).toBe(c.invoice.total);
      expect(at(xml, 'PaymentMeans/PaymentMeansCode')).toBeUndefined();
    });

    it('writes SEPA credit transfer (58) only for euros, credit transfer (30) for CHF and JPY', async () => {
      const code = async (name: string) =>
        at(await ublOf(cases.find((c) => c.name === name) as EngineCase), 'PaymentMeans/PaymentMeansCode');
      expect(await code('one-off at 19 %')).toBe('58');
      expect(await code('cash rounding to CHF 0.05')).toBe('30');
      expect(await code('JPY')).toBe('30');
    });

    it('states paid amounts: credit from the balance and payments are prepaid, the rest payable', async () => {
      const credit = await ublOf(cases.find((c) => c.name === 'credit applied from the balance') as EngineCase);
      // 100.00 + 19 % = 119.00, 30.00 of it from the balance: 89.00 to pay.
      expect(at(credit, 'LegalMonetaryTotal/PrepaidAmount')).toBe('30.00');
      expect(at(credit, 'LegalMonetaryTotal/PayableAmount')).toBe('89.00');
      const paid = await ublOf(cases.find((c) => c.name === 'paid') as EngineCase);
      expect(at(paid, 'LegalMonetaryTotal/PrepaidAmount')).toBe('119.00');
      expect(at(paid, 'LegalMonetaryTotal/PayableAmount')).toBe('0.00');
      expect(at(paid, 'PaymentMeans/PaymentMeansCode')).toBeUndefined();
    });

    it('rounds CHF totals to 0.05 with a rounding amount the rules accept', async () => {
      const c = cases.find((x) => x.name === 'cash rounding to CHF 0.05') as EngineCase;
      // 10.01 + 3.33 = 13.34; MWST 8.1 % = 1.08054 → 1.08; 14.42 → 14.40 (rounding −0.02).
      const xml = await ublOf(c);
      expect(at(xml, 'TaxTotal/TaxAmount')).toBe('1.08');
      expect(at(xml, 'LegalMonetaryTotal/PayableRoundingAmount')).toBe('-0.02');
      expect(at(xml, 'LegalMonetaryTotal/PayableAmount')).toBe('14.40');
    });
  },
);

describe.skipIf(!schematron.available)(
  suiteTitle('hand-built invoices of several rates and categories against the schematron', schematron),
  () => {
    it('renders 7 % and 19 % lines, and an exempt line with its VATEX code beside taxed ones', async () => {
      const invoice = mixedInvoice();
      const xml = (await renderInvoice(invoice, { format: 'ubl', seller: GERMAN_SELLER })).body;
      expect(fatalRules(validateEn16931(xml))).toEqual([]);
      const { root, kid, kids, text } = parseUbl(xml);
      const rows = kids(kid(root, 'TaxTotal'), 'TaxSubtotal').map((s) => ({
        category: text(kid(kid(s, 'TaxCategory'), 'ID')),
        percent: text(kid(kid(s, 'TaxCategory'), 'Percent')),
        taxable: text(kid(s, 'TaxableAmount')),
        tax: text(kid(s, 'TaxAmount')),
        code: text(kid(kid(s, 'TaxCategory'), 'TaxExemptionReasonCode')),
      }));
      expect(rows).toEqual([
        { category: 'S', percent: '19', taxable: '100.00', tax: '19.00', code: undefined },
        { category: 'S', percent: '7', taxable: '30.00', tax: '2.10', code: undefined },
        { category: 'E', percent: '0', taxable: '50.00', tax: '0.00', code: 'VATEX-EU-132-1C' },
      ]);
      expect(at(xml, 'Note')).toBe('Medical care (VATEX-EU-132-1C)');
    });

    it('renders intra-community (K), export (G), not subject (O) and IGIC (L) supplies from the rate’s category', async () => {
      const single = (category: 'K' | 'O' | 'G', taxIds: { type: string; value: string }[]) => {
        const invoice = mixedInvoice();
        const rate = { id: 'r', name: 'no VAT', percentage: '0', inclusive: false, category };
        return InvoiceSchema.parse({
          ...invoice,
          lines: invoice.lines.map((l) => ({ ...l, taxes: [{ rateId: 'r', amount: '0.00' }] })),
          taxRates: [rate],
          taxes: [{ rateId: 'r', taxableAmount: '180.00', amount: '0.00' }],
          taxTotal: '0.00',
          total: '180.00',
          amountDue: '180.00',
          amountRemaining: '180.00',
          customerSnapshot: { ...invoice.customerSnapshot, taxIds },
          periodStart: '2026-01-01T00:00:00.000Z',
          periodEnd: '2026-02-01T00:00:00.000Z',
        });
      };
      const frenchBuyer = [{ type: 'eu_vat', value: 'FR40303265045' }];
      for (const [category, taxIds, code] of [
        ['K', frenchBuyer, 'VATEX-EU-IC'],
        ['G', [], 'VATEX-EU-G'],
        ['O', frenchBuyer, 'VATEX-EU-O'],
      ] as const) {
        const xml = (await renderInvoice(single(category, [...taxIds]), { format: 'ubl', seller: GERMAN_SELLER })).body;
        expect(fatalRules(validateEn16931(xml)), category).toEqual([]);
        expect(at(xml, 'TaxTotal/TaxSubtotal/TaxCategory/TaxExemptionReasonCode')).toBe(code);
        // Not subject to VAT: neither party's VAT id is written (BR-O-02).
        expect(xml.includes('DE811907980'), category).toBe(category !== 'O');
      }
      // An intra-community supply is delivered to the buyer's country (BR-IC-12) and dated by its period (BR-IC-11).
      const k = (await renderInvoice(single('K', frenchBuyer), { format: 'ubl', seller: GERMAN_SELLER })).body;
      expect(at(k, 'Delivery/DeliveryLocation/Address/Country/IdentificationCode')).toBe('DE');
      const { periodStart: _start, periodEnd: _end, ...undated } = single('K', frenchBuyer);
      await expect(renderInvoice(undated, { format: 'ubl', seller: GERMAN_SELLER })).rejects.toMatchObject({
        code: 'unsupported',
        path: ['invoice', 'periodStart'],
      });
      // The Canary Islands' IGIC (L) is charged like VAT at its own rate: 180.00 × 7 % = 12.60.
      const invoice = mixedInvoice();
      const igic = InvoiceSchema.parse({
        ...invoice,
        lines: invoice.lines.map((l, i) => ({
          ...l,
          taxes: [{ rateId: 'igic', amount: ['7.00', '2.10', '3.50'][i] }],
        })),
        taxRates: [{ id: 'igic', name: 'IGIC', percentage: '7', inclusive: false, category: 'L' }],
        taxes: [{ rateId: 'igic', taxableAmount: '180.00', amount: '12.60' }],
        taxTotal: '12.60',
        total: '192.60',
        amountDue: '192.60',
        amountRemaining: '192.60',
      });
      const l = (await renderInvoice(igic, { format: 'ubl', seller: GERMAN_SELLER })).body;
      expect(fatalRules(validateEn16931(l))).toEqual([]);
      expect(at(l, 'TaxTotal/TaxSubtotal/TaxCategory/ID')).toBe('L');
      // K needs the buyer's VAT id (BR-IC-02).
      await expect(renderInvoice(single('K', []), { format: 'ubl', seller: GERMAN_SELLER })).rejects.toMatchObject({
        code: 'unsupported',
        path: ['invoice', 'customerSnapshot', 'taxIds'],
      });
    });

    it('refuses per-line rounding that drifts past the rule (BR-S-09), naming the rule and the fix', async () => {
      const invoice = await manySmallLines({ taxRounding: 'line' });
      expect(invoice.taxTotal).toBe('25.00'); // 250 × round(0.095) = 250 × 0.10
      const error = await renderInvoice(invoice, { format: 'ubl', seller: GERMAN_SELLER }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'unsupported', path: ['invoice', 'taxes'] });
      expect(String((error as Error).message)).toMatch(/^BR-S-09: .*25\.00 on 125\.00.*taxRounding 'invoice'/);
      // The printed formats still show the invoice as it was charged.
      const html = (await renderInvoice(invoice, { format: 'html', seller: GERMAN_SELLER })).body;
      expect(html).toContain('25,00\u00a0€');
    });
  },
);

/** 100.00 at 19 %, 30.00 at 7 %, 50.00 exempt (medical care, VATEX-EU-132-1C): 180.00 + 21.10 VAT = 201.10. */
function mixedInvoice(): Invoice {
  const item = (id: string, amount: string, rateId: string, tax: string) =>
    line(id, { description: `Item ${id}`, amount, taxableAmount: amount, taxes: [{ rateId, amount: tax }] });
  return InvoiceSchema.parse(
    base({
      id: 'in_mixed',
      number: 'INV-2026-000900',
      billingReason: 'manual',
      lines: [
        item('il_1', '100.00', 'de-19', '19.00'),
        item('il_2', '30.00', 'de-7', '2.10'),
        item('il_3', '50.00', 'de-med', '0.00'),
      ],
      taxRates: [
        { id: 'de-19', name: 'USt.', percentage: '19', inclusive: false },
        { id: 'de-7', name: 'USt. ermäßigt', percentage: '7', inclusive: false },
        {
          id: 'de-med',
          name: 'steuerfrei',
          percentage: '0',
          inclusive: false,
          category: 'E',
          exemption: { code: 'VATEX-EU-132-1C', reason: 'Medical care' },
        },
      ],
      subtotal: '180.00',
      taxes: [
        { rateId: 'de-19', taxableAmount: '100.00', amount: '19.00' },
        { rateId: 'de-7', taxableAmount: '30.00', amount: '2.10' },
        { rateId: 'de-med', taxableAmount: '50.00', amount: '0.00' },
      ],
      taxTotal: '21.10',
      total: '201.10',
      amountDue: '201.10',
      amountRemaining: '201.10',
      customerSnapshot: {
        name: 'Praxis Dr. Muster',
        email: 'praxis@example.de',
        address: { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' },
        taxIds: [],
        taxStatus: 'taxable',
        locale: 'de-DE',
        timeZone: 'Europe/Berlin',
      },
    }),
  );
}

if (schematron.mustFail) {
  it('has the EN 16931 schematron in CI', () => {
    throw new Error(schematron.reason);
  });
}
