import { InvoiceSchema } from '@billfold/core';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderCreditNote, renderInvoice } from '../src/index';
import { manyLinesInvoice, reverseChargeInvoice, seller, sslCreditNote, twoRateInvoice } from './fixtures';
import { HOSTILE, hostileInvoice, longNameInvoice, unicodeInvoice } from './hostile-fixtures';
import { pdfPages, renderPage } from './pdf-tools';
import { findTool, hasControlCharacters, suiteTitle } from './tools';

const pdf = async (invoice: Parameters<typeof renderInvoice>[0], locale = 'en-GB', paperSize: 'A4' | 'Letter' = 'A4') =>
  (await renderInvoice(invoice, { format: 'pdf', locale, seller, paperSize })).body;

describe('PDF structure', () => {
  it('is laid out on A4 or US Letter', async () => {
    const a4 = await PDFDocument.load(await pdf(twoRateInvoice()));
    const letter = await PDFDocument.load(await pdf(twoRateInvoice(), 'en-US', 'Letter'));
    expect(a4.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(letter.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('gives the same bytes for the same invoice, with metadata from the invoice, not the clock', async () => {
    const first = await pdf(twoRateInvoice());
    const second = await pdf(twoRateInvoice());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const doc = await PDFDocument.load(first, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Invoice INV-2026-000123');
    expect(doc.getAuthor()).toBe('Billfold Hosting B.V.');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-02-01T09:30:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-02-01T09:30:00.000Z');
  });

  it('stays small: fonts are subset (the CJK font is megabytes whole)', async () => {
    expect((await pdf(twoRateInvoice())).length).toBeLessThan(40_000);
    expect((await pdf(unicodeInvoice('INR', '1234.50'))).length).toBeLessThan(60_000);
  });

  it('refuses font bytes that are no font, naming the option', async () => {
    const fonts = { regular: new Uint8Array(64).fill(7) };
    await expect(renderInvoice(twoRateInvoice(), { format: 'pdf', seller, fonts })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['options', 'fonts'],
    });
  });
});

const pdftotext = findTool('pdftotext', 'poppler-utils');

describe.skipIf(!pdftotext.available)(suiteTitle('PDF read back with poppler', pdftotext), () => {
  it('contains every line description, the totals and the invoice number', async () => {
    const text = pdfPages(await pdf(twoRateInvoice())).join('\n');
    for (const description of [
      'Hosting plan Pro (monthly)',
      'API requests (per 1,000)',
      'Support hours',
      'Domain renewal example.nl',
      'SSL certificate',
      'wildcard, one year',
    ]) {
      expect(text).toContain(description);
    }
    expect(text).toContain('INV-2026-000123');
    for (const amount of [
      '€235.60',
      '-€6.00',
      '€229.60',
      'VAT 6% of €183.23',
      '€10.99',
      'VAT 21% of €46.37',
      '€9.74',
      '€250.33',
    ]) {
      expect(text).toContain(amount);
    }
    expect(text).toContain('Please pay €250.33 by 15 February 2026.');
    expect(text).toContain('IBAN: NL91 ABNA 0417 1643 00');
    // The ISO 11649 reference of the number, in groups of four, for the payer to quote.
    expect(text).toContain('Reference: RF98 INV2 0260 0012 3');
    expect(text).toContain('Page 1 of 1');
  });

  it('runs a 200-line invoice over pages, repeating the table header and numbering the pages', async () => {
    const pages = pdfPages(await pdf(manyLinesInvoice(200), 'de-DE'));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      expect(page).toContain(`Seite ${i + 1} von ${pages.length}`);
      if (i < pages.length - 1) {
        for (const header of ['Pos.', 'Beschreibung', 'Menge', 'Einzelpreis', 'Betrag']) expect(page).toContain(header);
      }
    });
    const all = pages.join('\n');
    for (let i = 1; i <= 200; i++) {
      expect(all.split(`Metered compute, node ${String(i).padStart(3, '0')}`).length - 1, `line ${i}`).toBe(1);
    }
    const invoice = manyLinesInvoice(200);
    const total = `${invoice.total.replace('.', ',').replace(/\B(?=(\d{3})+,)/g, '.')} €`;
    expect(all).toContain('Gesamtbetrag');
    expect(all).toContain(total);
  });

  it('prints names and signs outside WinAnsi: Zoë Øster, Łódź, 東京, ₹ ₺ ₽', async () => {
    const text = pdfPages(await pdf(unicodeInvoice('INR', '1234.50'), 'en-IN')).join('\n');
    for (const sample of ['Zoë Øster', 'Łódź', '東京 Trading 株式会社', '₹ ₺ ₽', '₹1,234.50', 'Exempt from VAT'])
      expect(text).toContain(sample);
  });

  it('renders a page that is not blank, with ink where the content is', async () => {
    const page = renderPage(await pdf(twoRateInvoice()), 1);
    const dark = page.pixels.filter((value) => value < 128).length;
    expect(dark / page.pixels.length).toBeGreaterThan(0.005);
    expect(dark / page.pixels.length).toBeLessThan(0.2);
    // the title sits in the top-left corner: there is ink there
    let corner = 0;
    for (let y = 0; y < page.height * 0.1; y++)
      for (let x = 0; x < page.width * 0.3; x++) if ((page.pixels[y * page.width + x] as number) < 128) corner++;
    expect(corner).toBeGreaterThan(20);
  });

  it('prints hostile text as text, and cuts a 10,000-character name', async () => {
    const text = pdfPages(await pdf(hostileInvoice())).join('\n');
    for (const value of [
      HOSTILE.markup,
      HOSTILE.script,
      HOSTILE.formula,
      HOSTILE.at,
      ']]> & "quotes", commas',
      'txt.exe',
    ])
      expect(text).toContain(value);
    expect(hasControlCharacters(text)).toBe(false);
    const invoice = longNameInvoice();
    const long = InvoiceSchema.parse({
      ...invoice,
      lines: [{ ...invoice.lines[0], description: 'Ü'.repeat(10_000) }, ...invoice.lines.slice(1)],
    });
    const pages = pdfPages(await pdf(long));
    expect(pages.join('\n')).toMatch(/Zoë\s+Øster-Øster-/);
    expect(pages.join('\n')).toContain('…');
    expect(pages.length).toBeLessThanOrEqual(3);
  });

  it('carries the reverse-charge note and both VAT ids', async () => {
    const text = pdfPages(await pdf(reverseChargeInvoice())).join('\n');
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient');
    expect(text).toContain('VAT ID: PL5260250274');
    expect(text).toContain('VAT ID: NL123456789B01');
  });

  it('renders a credit note that refers to the invoice it corrects', async () => {
    const body = (await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format: 'pdf', locale: 'de-DE', seller }))
      .body;
    const text = pdfPages(body).join('\n');
    expect(text).toContain('Gutschrift');
    expect(text).toContain('CN-2026-000007');
    expect(text).toContain('Korrektur zur Rechnung INV-2026-000123 vom 1. Februar 2026.');
    expect(text).toContain('41,14 €');
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext and pdftoppm in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
