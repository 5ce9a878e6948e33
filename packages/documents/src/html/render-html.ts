import type { DocumentModel } from '../model/document-model';
import { legalNotes } from '../model/legal-notes';
import type { Localizer } from '../model/localizer';
import { summaryRows } from '../model/summary-rows';
import { headerFacts } from '../model/header-facts';
import { escapeHtml as e } from './escape-html';
import { htmlPage } from './html-page';
import { headerHtml, linesHtml, notesHtml, partiesHtml, paymentHtml, totalsHtml } from './html-sections';

/**
 * One self-contained, printable HTML page for an invoice or credit note: inline CSS with print styles,
 * a semantic line table, the language attribute set, every user-provided value escaped.
 * @internal
 */
export function renderHtml(model: DocumentModel, l10n: Localizer): string {
  const m = l10n.messages;
  const title = `${model.kind === 'invoice' ? m.invoice : m.creditNote} ${model.number}`;
  const correction = model.correction
    ? `<p class="correction">${e(m.corrects(model.correction.invoiceNumber, l10n.date(model.correction.invoiceIssuedAt)))} ${e(m.reason)}: ${e(m.reasons[model.correction.reason])}</p>`
    : '';
  return htmlPage(title, model.seller, l10n, [
    headerHtml(model.kind === 'invoice' ? m.invoice : m.creditNote, model.seller.name, headerFacts(model, l10n)),
    partiesHtml(model, l10n),
    correction,
    linesHtml(model, l10n),
    totalsHtml(summaryRows(model, l10n), l10n),
    model.kind === 'invoice' ? paymentHtml(model, l10n) : '',
    notesHtml(model, legalNotes(model, m), l10n),
  ]);
}
