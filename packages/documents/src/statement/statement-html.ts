import { escapeHtml as e } from '../html/escape-html';
import { HTML_STYLES } from '../html/html-styles';
import type { DocumentParty } from '../model/document-model';
import { partyBlock } from '../model/party-lines';
import type { StatementFigure, StatementTable, StatementView } from './statement-view';

// No scripts, no remote resources, no form posts: the page can only show itself (as the invoices).
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function party(id: string, heading: string, who: DocumentParty, view: StatementView): string {
  const { lines, details } = partyBlock(who, view.l10n);
  const ids = details.map((d) => `<dt>${e(d.label)}</dt><dd>${e(d.value)}</dd>`).join('');
  const list = ids === '' ? '' : `<dl class="ids">${ids}</dl>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${e(heading)}</h2><address>${lines.map(e).join('<br>')}</address>${list}</section>`;
}

function figures(caption: string, rows: readonly StatementFigure[]): string {
  const body = rows
    .map(
      (row) =>
        `<tr${row.emphasis ? ' class="em"' : ''}><th scope="row">${e(row.label)}</th><td class="num">${e(row.value)}</td></tr>`,
    )
    .join('');
  return `<table class="totals"><caption class="sr-only">${e(caption)}</caption><tbody>${body}</tbody></table>`;
}

function table(spec: StatementTable): string {
  if (spec.rows.length === 0) return `<h3>${e(spec.caption)}</h3><p>${e(spec.empty)}</p>`;
  const cls = (numeric: boolean) => (numeric ? ' class="num"' : '');
  const head = spec.columns.map((c) => `<th scope="col"${cls(c.numeric)}>${e(c.label)}</th>`).join('');
  const rows = spec.rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => `<td${cls(spec.columns[i]?.numeric ?? false)}>${e(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table class="lines"><caption>${e(spec.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * A statement as one self-contained, printable HTML page: the invoices' stylesheet and policy (no scripts, no
 * requests), header facts, seller and customer, then per currency the summary, the transactions with their running
 * balance and the open items. Every value is escaped.
 * @internal
 */
export function statementHtml(view: StatementView): string {
  const m = view.messages;
  const d = view.l10n.messages;
  const facts = view.facts.map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`).join('');
  const sections = view.sections.map(
    (section, index) =>
      `<section class="account" aria-labelledby="account-${index}"><h2 id="account-${index}">${e(section.heading)}</h2>${figures(section.heading, section.summary)}${table(section.transactions)}${table(section.openItems)}${figures(m.totalOpen, section.openSummary)}</section>`,
  );
  const seller = view.seller;
  const footer = [
    seller.legalName ?? seller.name,
    seller.vatId && `${d.vatId} ${seller.vatId}`,
    seller.email,
    seller.phone,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .map(e)
    .join(' · ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(view.locale)}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(view.title)} – ${e(seller.name)}</title>`,
    `<style>${HTML_STYLES}h3{margin:18px 0 6px;font-size:14px}.account{margin-bottom:28px}</style></head>`,
    '<body><main class="document">',
    `<header class="head"><div><h1>${e(view.title)}</h1><p class="seller-name">${e(seller.name)}</p></div><dl class="meta">${facts}</dl></header>`,
    `<div class="parties">${party('seller-heading', d.seller, seller, view)}${party('buyer-heading', view.messages.customer, view.buyer, view)}</div>`,
    `<p>${e(view.note)}</p>`,
    ...sections,
    `<footer>${footer}</footer>`,
    '</main></body></html>',
  ].join('\n');
}
