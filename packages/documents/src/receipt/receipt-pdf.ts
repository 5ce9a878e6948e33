import type { Localizer } from '../model/localizer';
import { renderPdfDocument } from '../pdf/pdf-document';
import { drawHeader, drawParties, drawSection, drawTotals } from '../pdf/pdf-sections';
import type { ReceiptModel } from './receipt-model';
import { receiptFacts, receiptRows } from './receipt-rows';

/**
 * A receipt as a PDF: header with the payment's date, method and reference, seller and buyer, the sentence that
 * confirms the money, the invoices it paid and the summary (received, applied, credited, refunded).
 * @internal
 */
export function receiptPdf(
  model: ReceiptModel,
  l10n: Localizer,
  inputs: readonly (readonly [string, unknown])[],
): Promise<Uint8Array> {
  const m = l10n.messages;
  const frame = {
    title: `${m.receipt} ${model.number}`,
    seller: model.seller,
    buyer: model.buyer,
    fonts: model.options.fonts,
    paperSize: model.options.paperSize,
    date: model.receivedAt,
    inputs,
  };
  return renderPdfDocument(frame, l10n, (layout) => {
    drawHeader(layout, m.receipt, model.seller.name, receiptFacts(model, l10n));
    drawParties(layout, model, l10n);
    drawSection(layout, m.payment, [
      { text: m.received(l10n.money(model.amount), l10n.date(model.receivedAt)), bold: true },
    ]);
    drawSection(
      layout,
      m.appliedToInvoices,
      model.allocations.map((a) => ({
        text: `${a.invoiceNumber} · ${l10n.date(a.invoiceIssuedAt)} · ${m.invoiceTotal} ${l10n.money(a.invoiceTotal)} · ${m.applied} ${l10n.money(a.applied)}`,
      })),
    );
    drawTotals(layout, receiptRows(model, l10n), l10n);
  });
}
