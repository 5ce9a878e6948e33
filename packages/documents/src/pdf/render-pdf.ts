import { defaultFontSources } from '#platform';
import { BillingError, BillingErrorCode, isBillingError } from '@billfold/core';
import type { DocumentModel } from '../model/document-model';
import { legalNotes } from '../model/legal-notes';
import { paymentSentence } from '../model/payment-status';
import type { Localizer } from '../model/localizer';
import { summaryRows } from '../model/summary-rows';
import type { PdfFonts } from '../render-options';
import { FontSet } from './font-set';
import type { FontSources } from './font-sources';
import { drawLineTable } from './line-table';
import { MUTED, PageLayout, RULE } from './page-layout';
import { drawHeader, drawParties, drawSection, drawTotals } from './pdf-sections';
import { writePdf } from './pdf-writer';

function fontSources(fonts: PdfFonts | undefined): FontSources {
  if (fonts === undefined) return defaultFontSources();
  return {
    regular: fonts.regular,
    bold: fonts.bold ?? fonts.regular,
    fallbacks: (fonts.fallbacks ?? []).map((bytes) => () => bytes),
  };
}

/** The document's fonts; bytes no font parser understands are bad input at `options.fonts`. */
function fontSet(fonts: PdfFonts | undefined): FontSet {
  const sources = fontSources(fonts);
  try {
    return new FontSet(sources);
  } catch (error) {
    if (isBillingError(error)) throw error;
    throw new BillingError(BillingErrorCode.invalidInput, 'The font bytes are not a TrueType or OpenType font', {
      path: ['options', 'fonts'],
      cause: error,
    });
  }
}

function paymentParagraphs(model: DocumentModel, l10n: Localizer): { text: string; bold?: boolean }[] {
  const m = l10n.messages;
  const seller = model.options.seller;
  const { text, askForPayment } = paymentSentence(model, l10n);
  const paragraphs = [{ text, bold: true }];
  if (!askForPayment) return paragraphs;
  const account = seller.bankAccount;
  if (account) {
    const details = [`${m.accountHolder}: ${account.accountName ?? seller.name}`, `${m.iban}: ${account.iban}`];
    if (account.bic) details.push(`${m.bic}: ${account.bic}`);
    details.push(`${m.paymentReference}: ${model.number}`);
    paragraphs.push({ text: details.join('\n'), bold: false });
  }
  if (seller.paymentInstructions) paragraphs.push({ text: seller.paymentInstructions, bold: false });
  if (seller.paymentTerms) paragraphs.push({ text: seller.paymentTerms, bold: false });
  return paragraphs;
}

function drawFooters(layout: PageLayout, model: DocumentModel, l10n: Localizer): void {
  const seller = model.seller;
  const text = [
    seller.legalName ?? seller.name,
    seller.vatId && `${l10n.messages.vatId} ${seller.vatId}`,
    seller.email,
    seller.phone,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' · ');
  const pages = layout.pages.length;
  const y = layout.bottom - 22;
  for (let index = 0; index < pages; index++) {
    layout.drawOn(index, () => {
      layout.line(layout.left, layout.right, y + 12, 0.5, RULE);
      const pageText = l10n.messages.pageOf(index + 1, pages);
      const pageWidth = layout.text(pageText, layout.right, y, { size: 7.5, color: MUTED, align: 'right' });
      const left = layout.wrap(text, layout.contentWidth - pageWidth - 16, { size: 7.5 }, 1)[0] ?? '';
      layout.text(left, layout.left, y, { size: 7.5, color: MUTED });
    });
  }
}

/**
 * A PDF of an invoice or credit note (A4 or US Letter): header, seller and buyer, a line table that breaks
 * across pages under a repeated header, tax rows and totals, payment instructions with the due date, legal
 * notes (reverse charge), and "Page n of N" footers. Text is set in embedded, subset Unicode fonts.
 * @internal
 */
export async function renderPdf(model: DocumentModel, l10n: Localizer): Promise<Uint8Array> {
  const m = l10n.messages;
  const fonts = fontSet(model.options.fonts);
  const layout = new PageLayout(fonts, model.options.paperSize);
  const title = `${model.kind === 'invoice' ? m.invoice : m.creditNote} ${model.number}`;
  layout.onNewPage = () => {
    layout.text(layout.wrap(title, layout.contentWidth, { size: 8 }, 1)[0] ?? '', layout.left, layout.y - 8, {
      size: 8,
      color: MUTED,
    });
    layout.y -= 20;
  };
  drawHeader(layout, model, l10n);
  drawParties(layout, model, l10n);
  if (model.correction) {
    const c = model.correction;
    layout.paragraph(
      `${m.corrects(c.invoiceNumber, l10n.date(c.invoiceIssuedAt))} ${m.reason}: ${m.reasons[c.reason]}`,
      layout.left,
      layout.contentWidth,
      { size: 9.5 },
    );
    layout.y -= 12;
  }
  drawLineTable(layout, model, l10n);
  drawTotals(layout, summaryRows(model, l10n), l10n);
  if (model.kind === 'invoice') drawSection(layout, m.payment, paymentParagraphs(model, l10n));
  drawSection(layout, m.notes, [
    ...legalNotes(model, m).map((text) => ({ text, bold: true })),
    ...model.notes.map((text) => ({ text })),
  ]);
  drawFooters(layout, model, l10n);
  return writePdf(layout, fonts, {
    title,
    author: model.seller.name,
    subject: `${title} – ${model.buyer.name}`.slice(0, 500),
    language: l10n.locale,
    date: new Date(model.issuedAt),
  });
}
