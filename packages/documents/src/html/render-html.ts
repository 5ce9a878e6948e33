import type { DocumentModel } from '../model/document-model';
import { legalNotes } from '../model/legal-notes';
import type { Localizer } from '../model/localizer';
import { summaryRows } from '../model/summary-rows';
import { escapeHtml as e } from './escape-html';
import { HTML_STYLES } from './html-styles';
import { headerHtml, linesHtml, notesHtml, partiesHtml, paymentHtml, totalsHtml } from './html-sections';

// No scripts, no remote resources, no form posts: the page can only show itself.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

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
  const seller = model.seller;
  const footer = [
    seller.legalName ?? seller.name,
    seller.vatId && `${m.vatId} ${seller.vatId}`,
    seller.email,
    seller.phone,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .map(e)
    .join(' · ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(l10n.locale)}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)} – ${e(seller.name)}</title>`,
    `<style>${HTML_STYLES}</style></head>`,
    '<body><main class="document">',
    headerHtml(model, l10n),
    partiesHtml(model, l10n),
    correction,
    linesHtml(model, l10n),
    totalsHtml(summaryRows(model, l10n), l10n),
    model.kind === 'invoice' ? paymentHtml(model, l10n) : '',
    notesHtml(model, legalNotes(model, m), l10n),
    `<footer>${footer}</footer>`,
    '</main></body></html>',
  ].join('\n');
}
