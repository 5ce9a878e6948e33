import { escapeHtml as e } from '../html/escape-html';
import { htmlPage } from '../html/html-page';
import { figuresHtml, headerHtml, partiesHtml } from '../html/html-sections';
import type { StatementTable, StatementView } from './statement-view';

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
 * A statement as one self-contained, printable HTML page in the invoices' shell (stylesheet, policy, footer): header
 * facts, seller and customer, then per currency the summary, the transactions with their running balance and the
 * open items. Every value is escaped.
 * @internal
 */
export function statementHtml(view: StatementView): string {
  const m = view.messages;
  const sections = view.sections.map(
    (section, index) =>
      `<section class="account" aria-labelledby="account-${index}"><h2 id="account-${index}">${e(section.heading)}</h2>${figuresHtml(section.heading, section.summary)}${table(section.transactions)}${table(section.openItems)}${figuresHtml(m.totalOpen, section.openSummary)}</section>`,
  );
  return htmlPage(view.title, view.seller, view.l10n, [
    headerHtml(view.title, view.seller.name, view.facts),
    partiesHtml(view, view.l10n, m.customer),
    `<p>${e(view.note)}</p>`,
    ...sections,
  ]);
}
