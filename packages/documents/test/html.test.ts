import { describe, expect, it } from 'vitest';
import { englishMessages, renderCreditNote, renderInvoice, type DocumentMessages } from '../src/index';
import { manyLinesInvoice, reverseChargeInvoice, seller, sslCreditNote, twoRateInvoice } from './fixtures';
import { HOSTILE, hostileInvoice, longNameInvoice } from './hostile-fixtures';
import { hasControlCharacters } from './tools';

/** German money and percentages put a no-break space before the sign. */
const nb = (text: string) => text.replace(/ (€|%)/g, '\u00a0$1');

const html = async (invoice: Parameters<typeof renderInvoice>[0], locale?: string) =>
  (await renderInvoice(invoice, { format: 'html', seller, ...(locale ? { locale } : {}) })).body;

const ALLOWED_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'footer',
  'section',
  'div',
  'h1',
  'h2',
  'p',
  'dl',
  'dt',
  'dd',
  'address',
  'br',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
]);

/** Relative luminance and contrast ratio (WCAG 2). */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('HTML invoice', () => {
  it('escapes everything users typed: markup shows as text and only the page’s own tags exist', async () => {
    const page = await html(hostileInvoice());
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script');
    const tags = new Set([...page.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase()));
    expect([...tags].filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
    expect(hasControlCharacters(page)).toBe(false);
    expect(page).not.toContain('onerror=alert(1)>'); // the only ">" after it is escaped
  });

  it('asks the payer to quote the invoice’s ISO 11649 creditor reference', async () => {
    const page = await html(twoRateInvoice());
    expect(page).toContain('<dt>Reference</dt><dd>RF98 INV2 0260 0012 3</dd>');
  });

  it('is self-contained: no scripts, no external resources, a CSP that forbids them', async () => {
    const page = await html(twoRateInvoice());
    expect(page).not.toMatch(/<[^>]+\s(src|href|srcset|action|formaction)=/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(page).toContain('@media print');
    expect(page).toContain('thead{display:table-header-group}');
  });

  it('is accessible: language, a captioned table with column and row headers, headings for sections', async () => {
    const page = await html(twoRateInvoice(), 'en-GB');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(page).toContain('<caption>Line items</caption>');
    expect(page.match(/<th scope="col"/g)).toHaveLength(6);
    expect(page).toContain('<th scope="row">Total</th>');
    expect(page).toContain('<section aria-labelledby="buyer-heading"><h2 id="buyer-heading">Bill to</h2>');
    expect(page.match(/<tbody><tr>/g)?.length).toBeGreaterThan(0);
    expect(page.match(/<tr><td class="num">\d+<\/td>/g)).toHaveLength(5);
  });

  it('keeps text contrast at 4.5:1 or more on white and on the table header', async () => {
    const page = await html(twoRateInvoice());
    const colors = [...page.matchAll(/[;{]color:(#[0-9a-f]{6})/g)].map((m) => m[1] as string);
    expect(colors.length).toBeGreaterThanOrEqual(3);
    for (const color of colors) {
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, '#f0f2f5'), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('shows the lines, tax rows and totals in the reader’s language', async () => {
    const english = await html(twoRateInvoice(), 'en-GB');
    for (const text of [
      'Invoice',
      'INV-2026-000123',
      '1 February 2026',
      '1 January 2026 – 31 January 2026',
      'VAT 6% of €183.23',
      '€10.99',
      '€250.33',
      'Please pay €250.33 by 15 February 2026.',
      'Discount -€6.00',
    ]) {
      expect(english).toContain(text);
    }
    const german = await html(twoRateInvoice(), 'de-DE');
    for (const text of [
      '<html lang="de-DE">',
      'Rechnung',
      'Rechnungsnummer',
      '1. Februar 2026',
      'VAT 6 % auf 183,23 €',
      '250,33 €',
      'Bitte überweisen Sie 250,33 € bis zum 15. Februar 2026.',
      'Zwischensumme',
    ]) {
      expect(german).toContain(nb(text));
    }
    expect(german).not.toContain('Subtotal');
  });

  it('uses the customer’s locale when none is given, and a caller’s catalog for another language', async () => {
    expect(await html(manyLinesInvoice(3))).toContain('<html lang="de-DE">');
    const french: DocumentMessages = { ...englishMessages, invoice: 'Facture', total: 'Total TTC' };
    const page = (await renderInvoice(twoRateInvoice(), { format: 'html', locale: 'fr-FR', seller, messages: french }))
      .body;
    expect(page).toContain('<h1>Facture</h1>');
    expect(page).toContain('250,33');
    // without a catalog the page is English throughout, not English labels around Polish dates
    const polish = await html(reverseChargeInvoice());
    expect(polish).toContain('<html lang="en">');
    expect(polish).toContain('February 1, 2026');
    expect(polish).not.toContain('lutego');
  });

  it('prints the reverse-charge note once, in the reader’s language', async () => {
    const german = await html(reverseChargeInvoice(), 'de-DE');
    expect(german).toContain('Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)');
    expect(german).not.toContain('Reverse charge: VAT to be accounted for by the recipient');
    const english = await html(reverseChargeInvoice(), 'en');
    expect(english.split('Reverse charge: VAT to be accounted for by the recipient')).toHaveLength(2);
    expect(english).toContain('PL5260250274');
  });

  it('survives a 10,000-character name (wrapped by CSS, not cut)', async () => {
    const page = await html(longNameInvoice());
    expect(page).toContain('Øster-'.repeat(1000));
    expect(page).toContain('overflow-wrap:anywhere');
  });

  it('renders a credit note that refers to its invoice', async () => {
    const page = (
      await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format: 'html', locale: 'de-DE', seller })
    ).body;
    expect(page).toContain('<h1>Gutschrift</h1>');
    expect(page).toContain('Korrektur zur Rechnung INV-2026-000123 vom 1. Februar 2026.');
    expect(page).toContain('Grund: Produkt nicht zufriedenstellend');
    expect(page).toContain(nb('41,14 €'));
    expect(page).not.toContain('Bitte überweisen');
  });

  it('carries user text for notes and custom fields escaped', async () => {
    const page = (
      await renderInvoice(twoRateInvoice(), {
        format: 'html',
        seller,
        customFields: [{ name: 'PO <b>number</b>', value: HOSTILE.markup }],
      })
    ).body;
    expect(page).toContain('<dt>PO &lt;b&gt;number&lt;/b&gt;</dt><dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
  });
});
