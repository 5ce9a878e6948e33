import { isBillingError } from '@billfold/core';
import { parse } from 'csv-parse/sync';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  englishMessages,
  englishStatementMessages,
  renderStatement,
  STATEMENT_CSV_COLUMNS,
  type StatementOptions,
} from '../src/index';
import { seller } from './fixtures';
import { HOSTILE } from './hostile-fixtures';
import { pdfPages } from './pdf-tools';
import { hostileStatement, longStatement, marchStatement } from './statement-fixture';
import { findTool, hasControlCharacters, suiteTitle } from './tools';

type Row = Record<(typeof STATEMENT_CSV_COLUMNS)[number], string>;

const html = async (options: Omit<Partial<StatementOptions>, 'format'> = {}, statement = marchStatement()) =>
  (await renderStatement(statement, { format: 'html', seller, ...options })).body;
const pdf = async (options: Omit<Partial<StatementOptions>, 'format'> = {}, statement = marchStatement()) =>
  (await renderStatement(statement, { format: 'pdf', seller, ...options })).body;
const csvRows = async (statement = marchStatement()): Promise<Row[]> =>
  parse((await renderStatement(statement, { format: 'csv', seller })).body, { columns: true });

/** The text of an HTML page: tags dropped, entities decoded, whitespace collapsed. */
const textOf = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('renderStatement', () => {
  it('returns body, MIME type and a file name per format, the same bytes every time', async () => {
    const expected = {
      html: 'text/html; charset=utf-8',
      pdf: 'application/pdf',
      csv: 'text/csv; charset=utf-8; header=present',
    } as const;
    for (const format of ['html', 'pdf', 'csv'] as const) {
      const first = await renderStatement(marchStatement(), { format, seller });
      const second = await renderStatement(marchStatement(), { format, seller });
      expect([first.mimeType, first.fileName]).toEqual([
        expected[format],
        `statement-cus_acme-2026-03-01-2026-03-31.${format}`,
      ]);
      expect(Buffer.from(first.body).equals(Buffer.from(second.body))).toBe(true);
    }
  });

  it('writes in the customer language and time zone: German, Berlin', async () => {
    const text = textOf(await html());
    expect(text).toContain('Kontoauszug');
    expect(text).toContain('Zeitraum 1. März 2026 – 31. März 2026');
    expect(text).toContain('Stand 2. April 2026');
    expect(text).toContain(
      'Konto in EUR Anfangssaldo 19,00 € Belastungen 319,40 € Zahlungen und Gutschriften 285,70 € Schlusssaldo 52,70 €',
    );
    // 23:30 UTC on 28 February is 1 March in Berlin.
    expect(text).toContain('1. März 2026 Saldovortrag 19,00 € 1. März 2026 Rechnung INV-2026-000002 238,00 € 257,00 €');
    expect(text).toContain('10. März 2026 Zahlung (bar) pay_2 250,00 € -16,80 €');
    expect(text).toContain('Gutschrift CN-2026-000001 zu Rechnung INV-2026-000002');
    expect(text).toContain('Rechnung INV-2026-000003 storniert');
    expect(text).toContain('Offene Posten am 2. April 2026');
    expect(text).toContain('INV-2026-000004 12. März 2026 26. März 2026 7 119,00 $ 119,00 $');
    expect(text).toContain('Offen gesamt 119,00 $');
  });

  it('writes English when asked, and all of it in English for a language it has no words for', async () => {
    const english = textOf(await html({ locale: 'en-GB', timeZone: 'UTC' }));
    expect(english).toContain('Account statement');
    // In UTC the first invoice falls on 28 February.
    expect(english).toContain('28 February 2026 Invoice INV-2026-000002 €238.00 €257.00');
    expect(english).toContain('Closing balance €52.70');
    const french = await html({ locale: 'fr-FR' });
    expect(french).toContain('<html lang="en">');
    expect(textOf(french)).toContain('Opening balance €19.00');
    const custom = await html({
      locale: 'fr-FR',
      messages: { ...englishMessages, seller: 'Vendeur' },
      statementMessages: { ...englishStatementMessages, statement: 'Relevé de compte' },
    });
    expect(custom).toContain('<html lang="fr-FR">');
    expect(textOf(custom)).toContain('Relevé de compte');
    expect(textOf(custom)).toContain('19,00 €');
  });

  it('keeps hostile names and references inert', async () => {
    const page = await html({}, hostileStatement(HOSTILE.markup + HOSTILE.controls + HOSTILE.bidi, HOSTILE.formula));
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hasControlCharacters(page)).toBe(false);
    expect(textOf(page)).toContain('Bcc: evil@example.com'); // printed as text, on the name's line
    const rows = await csvRows(hostileStatement(HOSTILE.markup, HOSTILE.formula));
    const payment = rows.find((row) => row.kind === 'payment');
    expect(payment?.reference).toBe(`'${HOSTILE.formula}`);
  });

  it('refuses a PDF whose name or reference no font can print, naming the field; HTML shows it', async () => {
    const march = marchStatement();
    const emojiName = { ...march, customer: { ...march.customer, name: 'Acme 🍕 GmbH' } };
    await expect(renderStatement(emojiName, { format: 'pdf', seller })).rejects.toMatchObject({
      code: 'unsupported',
      path: ['statement', 'customer', 'name'],
    });
    const eur = march.currencies[0] as (typeof march.currencies)[number];
    const entries = eur.entries.map((entry) => (entry.kind === 'refund' ? { ...entry, reference: 're_🍕' } : entry));
    const emojiReference = { ...march, currencies: [{ ...eur, entries }, ...march.currencies.slice(1)] };
    await expect(renderStatement(emojiReference, { format: 'pdf', seller })).rejects.toMatchObject({
      code: 'unsupported',
      path: ['statement', 'currencies', 0, 'entries', 5, 'reference'],
    });
    expect(textOf(await html({}, emojiName))).toContain('Acme 🍕 GmbH');
  });

  it('refuses a malformed statement or option with the path of the field', async () => {
    const broken = { ...marchStatement(), asOf: 'yesterday' };
    const error = await renderStatement(broken, { format: 'html', seller }).catch((e: unknown) => e);
    expect(isBillingError(error) && [error.code, ...error.path]).toEqual(['invalid_input', 'statement', 'asOf']);
    const format = await renderStatement(marchStatement(), { format: 'ubl' as never, seller }).catch((e: unknown) => e);
    expect(isBillingError(format) && format.path).toEqual(['options', 'format']);
  });
});

describe('statement CSV', () => {
  it('has the opening, each line with its balance, the closing, open items and the credit per currency', async () => {
    const rows = await csvRows();
    expect(Object.keys(rows[0] ?? {})).toEqual([...STATEMENT_CSV_COLUMNS]);
    const eur = rows.filter((row) => row.currency === 'EUR');
    expect(eur.map((row) => [row.record_type, row.date, row.kind, row.debit, row.credit, row.balance])).toEqual([
      ['opening', '2026-03-01', '', '', '', '19.00'],
      ['entry', '2026-03-01', 'invoice', '238.00', '0.00', '257.00'],
      ['entry', '2026-03-05', 'credit_note', '0.00', '23.80', '233.20'],
      ['entry', '2026-03-06', 'invoice', '11.90', '0.00', '245.10'],
      ['entry', '2026-03-07', 'invoice_void', '0.00', '11.90', '233.20'],
      ['entry', '2026-03-10', 'payment', '0.00', '250.00', '-16.80'],
      ['entry', '2026-03-20', 'refund', '10.00', '0.00', '-6.80'],
      ['entry', '2026-03-25', 'invoice', '59.50', '0.00', '52.70'],
      ['closing', '2026-03-31', '', '319.40', '285.70', '52.70'],
      ['open_item', '2026-03-25', 'invoice', '59.50', '', ''],
      ['credit_balance', '2026-04-02', '', '', '', '0.00'],
    ]);
    const usdItem = rows.find((row) => row.currency === 'USD' && row.record_type === 'open_item');
    expect([usdItem?.due_date, usdItem?.days_overdue, usdItem?.amount_remaining]).toEqual([
      '2026-03-26',
      '7',
      '119.00',
    ]);
  });
});

const pdftotext = findTool('pdftotext', 'poppler-utils');

describe.skipIf(!pdftotext.available)(suiteTitle('statement PDF read back with poppler', pdftotext), () => {
  it('holds the figures of every currency, with metadata from the statement', async () => {
    const body = await pdf();
    const text = pdfPages(body).join('\n');
    for (const expected of [
      'Kontoauszug',
      'Acme GmbH',
      'Konto in EUR',
      'Saldovortrag',
      'Rechnung INV-2026-000002',
      'Zahlung (bar) pay_2',
      '-16,80 €',
      'Schlusssaldo',
      '52,70 €',
      'Konto in USD',
      '119,00 $',
      'Seite 1 von 2',
    ]) {
      expect(text).toContain(expected);
    }
    const doc = await PDFDocument.load(body, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Kontoauszug – Acme GmbH');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-04-02T08:00:00.000Z');
  });

  it('breaks a long statement across pages under a repeated table header', async () => {
    const pages = pdfPages(await pdf({ locale: 'en' }, longStatement(120)));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[1]).toContain('Account statement – Acme GmbH');
    expect(pages[1]).toContain('Balance');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    const text = pages.join('\n');
    expect(text).toContain('BANK-0001');
    expect(text).toContain('BANK-0120');
    // 52.70 − 120 × 1.00
    expect(text).toContain('-€67.30');
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
