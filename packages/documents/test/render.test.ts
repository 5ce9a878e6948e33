import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Invoice, InvoiceSchema, isBillingError } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { defaultFontSources as browserFonts } from '../src/pdf/platform.browser';
import { renderCreditNote, renderInvoice, type RenderOptions, SellerProfileSchema } from '../src/index';
import { seller, sslCreditNote, twoRateInvoice } from './fixtures';

async function pathOf(promise: Promise<unknown>): Promise<readonly (string | number)[] | string> {
  try {
    await promise;
  } catch (error) {
    return isBillingError(error) ? [error.code, ...error.path] : `not a BillingError: ${String(error)}`;
  }
  return 'no error';
}

describe('renderInvoice', () => {
  it('returns body, MIME type and a file name per format', async () => {
    const invoice = twoRateInvoice();
    const expected = {
      html: ['text/html; charset=utf-8', 'INV-2026-000123.html'],
      pdf: ['application/pdf', 'INV-2026-000123.pdf'],
      csv: ['text/csv; charset=utf-8; header=present', 'INV-2026-000123.csv'],
      ubl: ['application/xml; charset=utf-8', 'INV-2026-000123.xml'],
    } as const;
    for (const format of ['html', 'pdf', 'csv', 'ubl'] as const) {
      const doc = await renderInvoice(invoice, { format, locale: 'en', seller });
      expect([doc.mimeType, doc.fileName]).toEqual(expected[format]);
      if (format === 'pdf') expect(new TextDecoder().decode((doc.body as Uint8Array).subarray(0, 5))).toBe('%PDF-');
      else expect(typeof doc.body).toBe('string');
    }
  });

  it('is deterministic in every format', async () => {
    for (const format of ['html', 'csv', 'ubl'] as const) {
      const a = await renderInvoice(twoRateInvoice(), { format, seller, timeZone: 'Europe/Amsterdam' });
      const b = await renderInvoice(twoRateInvoice(), { format, seller, timeZone: 'Europe/Amsterdam' });
      expect(a.body).toBe(b.body);
    }
  });

  it('makes any document number file-safe', async () => {
    const invoice = InvoiceSchema.parse({ ...twoRateInvoice(), number: '../2026/<001>' });
    expect((await renderInvoice(invoice, { format: 'csv', seller })).fileName).toBe('2026_001_.csv');
  });

  it('shows dates in the given time zone', async () => {
    // issued 2026-02-01T09:30Z: still 31 January in Honolulu (UTC−10)
    const xml = (await renderInvoice(twoRateInvoice(), { format: 'ubl', seller, timeZone: 'Pacific/Honolulu' })).body;
    expect(xml).toContain('<cbc:IssueDate>2026-01-31</cbc:IssueDate>');
  });

  it('validates the options and names the bad one', async () => {
    const invoice = twoRateInvoice();
    const bad = (options: unknown) => pathOf(renderInvoice(invoice, options as RenderOptions & { format: 'html' }));
    expect(await bad({ format: 'docx', seller })).toEqual(['invalid_input', 'options', 'format']);
    expect(await bad({ format: 'html' })).toEqual(['invalid_input', 'options', 'seller']);
    expect(await bad({ format: 'html', seller, locale: 'not a locale!' })).toEqual([
      'invalid_input',
      'options',
      'locale',
    ]);
    expect(await bad({ format: 'html', seller, timeZone: 'Mars/Olympus' })).toEqual([
      'invalid_input',
      'options',
      'timeZone',
    ]);
    expect(
      await bad({
        format: 'html',
        seller: { ...seller, bankAccount: { iban: 'DE89370400440532013000', bic: 'nope' } },
      }),
    ).toEqual(['invalid_input', 'options', 'seller', 'bankAccount', 'bic']);
    expect(
      await bad({ format: 'html', seller: { ...seller, address: { ...seller.address, country: 'Germany' } } }),
    ).toEqual(['invalid_input', 'options', 'seller', 'address', 'country']);
    expect(await bad({ format: 'pdf', seller, fonts: { regular: 'NotoSans.ttf' } })).toEqual([
      'invalid_input',
      'options',
      'fonts',
      'regular',
    ]);
  });

  it('validates the invoice and refuses drafts', async () => {
    const invoice = twoRateInvoice();
    const floatAmount = {
      ...invoice,
      lines: [{ ...invoice.lines[0], amount: 99 }, ...invoice.lines.slice(1)],
    } as unknown as Invoice;
    expect(await pathOf(renderInvoice(floatAmount, { format: 'html', seller }))).toEqual([
      'invalid_input',
      'invoice',
      'lines',
      0,
      'amount',
    ]);
    const draft = { ...invoice, status: 'draft' as const, number: undefined };
    expect(await pathOf(renderInvoice(draft, { format: 'pdf', seller }))).toEqual([
      'invalid_state',
      'invoice',
      'number',
    ]);
    const noSnapshot = { ...invoice, customerSnapshot: undefined };
    expect(await pathOf(renderInvoice(noSnapshot, { format: 'html', seller }))).toEqual([
      'invalid_state',
      'invoice',
      'customerSnapshot',
    ]);
    const unknownRate = {
      ...invoice,
      lines: [{ ...invoice.lines[0], taxes: [{ rateId: 'nope', amount: '1.00' }] }, ...invoice.lines.slice(1)],
    } as Invoice;
    expect(await pathOf(renderInvoice(unknownRate, { format: 'csv', seller }))).toEqual([
      'invalid_input',
      'invoice',
      'lines',
      0,
      'taxes',
      0,
      'rateId',
    ]);
  });

  it('accepts a seller profile with the fields the schema promises', () => {
    const parsed = SellerProfileSchema.parse({
      name: 'Solo',
      address: { line1: 'Main St 1', city: 'Springfield', country: 'US' },
    });
    expect(parsed.taxIds).toEqual([]);
    expect(() => SellerProfileSchema.parse({ ...seller, email: 'not-an-email' })).toThrow();
  });
});

describe('renderCreditNote', () => {
  it('refuses a credit note for another invoice', async () => {
    const other = { ...twoRateInvoice(), id: 'in_other' };
    expect(await pathOf(renderCreditNote(sslCreditNote(), other, { format: 'html', seller }))).toEqual([
      'invalid_input',
      'creditNote',
      'invoiceId',
    ]);
    const malformed = { ...sslCreditNote(), lines: [] };
    expect(await pathOf(renderCreditNote(malformed, twoRateInvoice(), { format: 'html', seller }))).toEqual([
      'invalid_input',
      'creditNote',
      'lines',
    ]);
  });
});

describe('fonts', () => {
  it('takes font bytes from the caller (as a browser must)', async () => {
    const require = createRequire(import.meta.url);
    const regular = new Uint8Array(readFileSync(require.resolve('@billfold/documents/fonts/NotoSans-Regular.ttf')));
    const doc = await renderInvoice(twoRateInvoice(), { format: 'pdf', seller, fonts: { regular } });
    expect(doc.body.length).toBeGreaterThan(5000);
  });

  it('has no default fonts in the browser build, and says what to pass', () => {
    expect(() => browserFonts()).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['options', 'fonts'] }),
    );
  });
});
