import { renderPdfDocument } from '../pdf/pdf-document';
import { MUTED } from '../pdf/page-layout';
import { drawFigures, drawHeader, drawParties } from '../pdf/pdf-sections';
import type { ResolvedStatementOptions } from './statement-options';
import { drawStatementTable } from './statement-pdf-table';
import type { StatementView } from './statement-view';

/**
 * A statement as a PDF in the documents' frame (A4 or US Letter, embedded subset fonts, the seller's footer and
 * "Page n of N", text no font has refused): title and facts, seller and customer, then per currency its summary, the
 * transactions with the running balance and the open items (tables that break across pages under a repeated
 * header). The bytes depend only on the input (dates come from the statement, never the clock).
 * @internal
 */
export function statementPdf(
  view: StatementView,
  options: Pick<ResolvedStatementOptions, 'fonts' | 'paperSize'>,
  inputs: readonly (readonly [string, unknown])[],
): Promise<Uint8Array> {
  const title = `${view.title} – ${view.buyer.name}`;
  const frame = {
    title,
    subject: title,
    seller: view.seller,
    buyer: view.buyer,
    fonts: options.fonts,
    paperSize: options.paperSize,
    date: view.date,
    inputs,
  };
  return renderPdfDocument(frame, view.l10n, (layout) => {
    drawHeader(layout, view.title, view.seller.name, view.facts);
    drawParties(layout, view, view.l10n, view.messages.customer);
    layout.paragraph(view.note, layout.left, layout.contentWidth, { size: 8.5, color: MUTED });
    layout.y -= 12;
    for (const section of view.sections) {
      layout.ensure(120);
      layout.text(section.heading, layout.left, layout.y - 13, { size: 13, style: 'bold' });
      layout.y -= 22;
      drawFigures(layout, section.summary);
      drawStatementTable(layout, section.transactions);
      drawStatementTable(layout, section.openItems);
      drawFigures(layout, section.openSummary);
      layout.y -= 10;
    }
  });
}
