import { InvoiceSchema } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { renderInvoice } from '../src/index';
import { seller, twoRateInvoice } from './fixtures';
import { pdfPages } from './pdf-tools';
import { findTool, suiteTitle } from './tools';

/** The official-example invoice with an Arabic customer and Arabic and Hebrew line descriptions. */
function rightToLeftInvoice() {
  const base = twoRateInvoice();
  return InvoiceSchema.parse({
    ...base,
    lines: base.lines.map((line, i) =>
      i === 0
        ? { ...line, description: 'استضافة الموقع (شهري)' }
        : i === 1
          ? { ...line, description: 'שירות תמיכה [חודשי] 2026' }
          : line,
    ),
    customerSnapshot: { ...base.customerSnapshot, name: 'شركة النور للتجارة' },
  });
}

const pdftotext = findTool('pdftotext', 'poppler-utils');

describe.skipIf(!pdftotext.available)(suiteTitle('right-to-left scripts in the PDF', pdftotext), () => {
  it('prints Arabic and Hebrew, shaped and in order, and reads back as the same words', async () => {
    const pdf = (await renderInvoice(rightToLeftInvoice(), { format: 'pdf', seller })).body;
    const text = pdfPages(pdf).join('\n');
    // Shaped glyphs carry their letters as ActualText: س, whose shape ش shares, reads back as س in استضافة.
    for (const word of ['شركة', 'النور', 'للتجارة', 'استضافة', 'الموقع', 'شهري', 'שירות', 'תמיכה', 'חודשי']) {
      expect(text).toContain(word);
    }
  });
});

describe('text no PDF font has', () => {
  it('is refused with the field and the character, not printed as an empty box', async () => {
    const base = twoRateInvoice();
    const emoji = InvoiceSchema.parse({ ...base, customerSnapshot: { ...base.customerSnapshot, name: 'Café 🍕' } });
    const error = await renderInvoice(emoji, { format: 'pdf', seller }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsupported', path: ['invoice', 'customerSnapshot', 'name'] });
    expect(String((error as Error).message)).toContain('U+1F355');
    const thai = InvoiceSchema.parse({
      ...base,
      lines: base.lines.map((line, i) => (i === 2 ? { ...line, description: 'บริการ' } : line)),
    });
    await expect(renderInvoice(thai, { format: 'pdf', seller })).rejects.toMatchObject({
      code: 'unsupported',
      path: ['invoice', 'lines', 2, 'description'],
    });
    await expect(
      renderInvoice(base, { format: 'pdf', seller: { ...seller, paymentTerms: 'Net 14 days ✅' } }),
    ).rejects.toMatchObject({ path: ['options', 'seller', 'paymentTerms'] });
    // The other formats carry any Unicode text.
    expect((await renderInvoice(emoji, { format: 'html', seller })).body).toContain('Café 🍕');
    // Invisible characters (a variation selector, a zero-width joiner) need no glyph.
    const joined = InvoiceSchema.parse({
      ...base,
      customerSnapshot: { ...base.customerSnapshot, name: 'Zoë\u200D Øster\uFE0F' },
    });
    expect((await renderInvoice(joined, { format: 'pdf', seller })).body.length).toBeGreaterThan(1000);
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
