import { type Invoice, InvoiceSchema, money } from '@billfold/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_CSV_COLUMNS,
  INVOICE_LIST_CSV_COLUMNS,
  invoicesToCsv,
  renderCreditNote,
  renderInvoice,
} from '../src/index';
import { manyLinesInvoice, reverseChargeInvoice, seller, sslCreditNote, twoRateInvoice } from './fixtures';
import { HOSTILE, hostileInvoice, unicodeInvoice } from './hostile-fixtures';

type Row = Record<(typeof DOCUMENT_CSV_COLUMNS)[number], string>;

const csv = async (invoice: Invoice) => (await renderInvoice(invoice, { format: 'csv', seller })).body;
const rows = (body: string): Row[] => parse(body, { columns: true, bom: true, relax_column_count: false });
const sum = (values: string[]) =>
  values.reduce((total, value) => total.add(money(value, 'EUR')), money('0', 'EUR')).toString();
const summary = (records: Row[], key: string) =>
  records.filter((r) => r.record_type === 'summary' && r.summary === key);

describe('CSV of one invoice', () => {
  it('is RFC 4180: a header row, CRLF records, and parses back with the same columns', async () => {
    const body = await csv(twoRateInvoice());
    expect(body.split('\r\n')[0]).toBe(DOCUMENT_CSV_COLUMNS.join(','));
    expect(body.endsWith('\r\n')).toBe(true);
    const records = rows(body);
    expect(records.filter((r) => r.record_type === 'line')).toHaveLength(5);
    expect(records[4]?.description).toBe('SSL certificate\nwildcard, one year');
    expect(records[0]).toMatchObject({
      document_number: 'INV-2026-000123',
      issue_date: '2026-02-01',
      period_start: '2026-01-01',
      period_end: '2026-01-31',
    });
  });

  it('has line amounts that sum to the invoice totals', async () => {
    const invoice = twoRateInvoice();
    const records = rows(await csv(invoice));
    const lines = records.filter((r) => r.record_type === 'line');
    const one = (key: string) => summary(records, key)[0]?.amount;
    expect(sum(lines.map((l) => l.amount))).toBe(invoice.subtotal);
    expect(one('subtotal')).toBe('235.60');
    expect(sum(lines.map((l) => l.discount_amount))).toBe(one('discount_total'));
    expect(sum(lines.map((l) => l.net_amount))).toBe(one('net_total'));
    expect(one('net_total')).toBe('229.60');
    expect(sum(lines.map((l) => l.tax_amount))).toBe(one('tax_total'));
    expect(one('tax_total')).toBe('20.73');
    const taxRows = summary(records, 'tax');
    expect(taxRows.map((r) => [r.tax_percent, r.net_amount, r.tax_amount])).toEqual([
      ['6', '183.23', '10.99'],
      ['21', '46.37', '9.74'],
    ]);
    for (const row of taxRows) {
      const ofRate = lines.filter((l) => l.tax_percent === row.tax_percent);
      expect(sum(ofRate.map((l) => l.net_amount))).toBe(row.net_amount);
      expect(sum(ofRate.map((l) => l.tax_amount))).toBe(row.tax_amount);
    }
    const total = money(one('net_total') as string, 'EUR')
      .add(money(one('tax_total') as string, 'EUR'))
      .add(money(one('rounding') as string, 'EUR'));
    expect(total.toString()).toBe(one('total'));
    expect(one('total')).toBe(invoice.total);
    expect(one('amount_due')).toBe(invoice.amountDue);
  });

  it('sums to the totals of a 200-line invoice too', async () => {
    const invoice = manyLinesInvoice(200);
    const records = rows(await csv(invoice));
    const lines = records.filter((r) => r.record_type === 'line');
    expect(lines).toHaveLength(200);
    expect(sum(lines.map((l) => l.net_amount))).toBe(invoice.subtotal);
    expect(sum(lines.map((l) => l.tax_amount))).toBe(invoice.taxTotal);
    expect(summary(records, 'total')[0]?.amount).toBe(invoice.total);
  });

  it('neutralises formula prefixes, drops control characters, keeps amounts numeric', async () => {
    const records = rows(await csv(hostileInvoice()));
    const texts = records.flatMap((r) => [r.description, r.billing_code]);
    for (const text of texts) expect(text.trimStart()).not.toMatch(/^[=+\-@\t\r]/);
    const descriptions = records.filter((r) => r.record_type === 'line').map((r) => r.description);
    expect(descriptions).toContain(`'${HOSTILE.formula}`);
    expect(descriptions).toContain("'+1+1");
    expect(descriptions).toContain("'-2+3");
    expect(descriptions).toContain("'@SUM(A1:A2)");
    expect(descriptions).toContain("'=1+1");
    expect(descriptions).toContain(HOSTILE.markup);
    expect(descriptions).toContain(']]> & "quotes", commas');
    expect(descriptions).toContain('bell escape[31m nul end');
    for (const r of records)
      for (const value of [r.amount, r.net_amount, r.tax_amount]) if (value) expect(value).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('is UTF-8 and keeps any script', async () => {
    const body = await csv(unicodeInvoice('INR', '1234.50'));
    expect(rows(body).map((r) => r.description)).toContain('Beratung für Zoë Øster in Łódź');
    expect(Buffer.from(body, 'utf8').toString('utf8')).toContain('東京 オフィス サポート');
  });

  it('marks reverse-charge lines AE and credit notes as such', async () => {
    expect(
      rows(await csv(reverseChargeInvoice()))
        .filter((r) => r.record_type === 'line')
        .map((r) => r.tax_category),
    ).toEqual(['AE', 'AE']);
    const note = rows((await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format: 'csv', seller })).body);
    expect(note[0]).toMatchObject({
      document_type: 'credit_note',
      document_number: 'CN-2026-000007',
      net_amount: '34.00',
      tax_amount: '7.14',
    });
    expect(summary(note, 'total')[0]?.amount).toBe('41.14');
  });
});

describe('invoicesToCsv', () => {
  it('exports one record per invoice with its totals, for accounting', () => {
    const invoices = [twoRateInvoice(), reverseChargeInvoice(), manyLinesInvoice(20)];
    const body = invoicesToCsv(invoices, { timeZone: 'Europe/Amsterdam' });
    expect(body.split('\r\n')[0]).toBe(INVOICE_LIST_CSV_COLUMNS.join(','));
    const records: Record<string, string>[] = parse(body, { columns: true });
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      invoice_number: 'INV-2026-000123',
      issue_date: '2026-02-01',
      customer_name: 'Zoë Øster',
      subtotal: '235.60',
      discount_total: '6.00',
      net_total: '229.60',
      tax_total: '20.73',
      total: '250.33',
      amount_due: '250.33',
      amount_remaining: '250.33',
    });
    expect(records[1]).toMatchObject({
      customer_vat_id: 'PL5260250274',
      tax_status: 'reverse_charge',
      customer_country: 'PL',
      total: '620.50',
    });
    records.forEach((record, i) => {
      const invoice = invoices[i] as Invoice;
      expect(record.total).toBe(invoice.total);
      expect(
        money(record.net_total as string, 'EUR')
          .add(money(record.tax_total as string, 'EUR'))
          .toString(),
      ).toBe(invoice.total);
    });
  });

  it('neutralises hostile customer names', () => {
    const invoice = InvoiceSchema.parse({
      ...twoRateInvoice(),
      customerSnapshot: { ...twoRateInvoice().customerSnapshot, name: HOSTILE.formula },
    });
    const records: Record<string, string>[] = parse(invoicesToCsv([invoice]), { columns: true });
    expect(records[0]?.customer_name).toBe(`'${HOSTILE.formula}`);
  });

  it('refuses drafts and malformed invoices with the path of the bad one', () => {
    const draft = { ...twoRateInvoice(), status: 'draft' as const, number: undefined };
    expect(() => invoicesToCsv([twoRateInvoice(), draft])).toThrow(
      expect.objectContaining({ code: 'invalid_state', path: ['invoices', 1, 'number'] }),
    );
    const malformed = { ...twoRateInvoice(), total: 250.33 } as unknown as Invoice;
    expect(() => invoicesToCsv([malformed])).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['invoices', 0, 'total'] }),
    );
    expect(() => invoicesToCsv([], { timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ path: ['options', 'timeZone'] }),
    );
    expect(invoicesToCsv([])).toBe(`${INVOICE_LIST_CSV_COLUMNS.join(',')}\r\n`);
  });
});
