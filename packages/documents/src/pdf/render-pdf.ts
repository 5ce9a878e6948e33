import type { DocumentModel } from '../model/document-model';
import { headerFacts } from '../model/header-facts';
import { legalNotes } from '../model/legal-notes';
import type { Localizer } from '../model/localizer';
import { paymentSentence } from '../model/payment-status';
import { summaryRows } from '../model/summary-rows';
import { drawLineTable } from './line-table';
import { renderPdfDocument } from './pdf-document';
import { drawHeader, drawParties, drawSection, drawTotals } from './pdf-sections';

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
    details.push(`${m.paymentReference}: ${model.paymentReference}`);
    paragraphs.push({ text: details.join('\n'), bold: false });
  }
  if (seller.paymentInstructions) paragraphs.push({ text: seller.paymentInstructions, bold: false });
  if (seller.paymentTerms) paragraphs.push({ text: seller.paymentTerms, bold: false });
  return paragraphs;
}

/**
 * A PDF of an invoice or credit note (A4 or US Letter): header, seller and buyer, a line table that breaks
 * across pages under a repeated header, tax rows and totals, payment instructions with the due date (or that the
 * invoice is paid), legal notes (reverse charge), and "Page n of N" footers. Text is set in embedded, subset
 * Unicode fonts.
 * @internal
 */
export async function renderPdf(
  model: DocumentModel,
  l10n: Localizer,
  inputs: readonly (readonly [string, unknown])[],
): Promise<Uint8Array> {
  const m = l10n.messages;
  const heading = model.kind === 'invoice' ? m.invoice : m.creditNote;
  const frame = {
    title: `${heading} ${model.number}`,
    seller: model.seller,
    buyer: model.buyer,
    fonts: model.options.fonts,
    paperSize: model.options.paperSize,
    date: model.issuedAt,
    inputs,
  };
  return renderPdfDocument(frame, l10n, (layout) => {
    drawHeader(layout, heading, model.seller.name, headerFacts(model, l10n));
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
  });
}
