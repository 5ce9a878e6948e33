import { escapeHtml as e } from '../html/escape-html';
import { htmlPage } from '../html/html-page';
import { headerHtml, partiesHtml, totalsHtml } from '../html/html-sections';
import type { Localizer } from '../model/localizer';
import type { ReceiptModel } from './receipt-model';
import { receiptFacts, receiptRows } from './receipt-rows';

/** The invoices the payment paid: number, date, total and what this payment paid of it. */
function allocationsHtml(model: ReceiptModel, l10n: Localizer): string {
  if (model.allocations.length === 0) return '';
  const m = l10n.messages;
  const head = `<thead><tr><th scope="col">${e(m.invoiceNumber)}</th><th scope="col">${e(m.issueDate)}</th><th scope="col" class="num">${e(m.invoiceTotal)}</th><th scope="col" class="num">${e(m.applied)}</th></tr></thead>`;
  const rows = model.allocations
    .map(
      (a) =>
        `<tr><th scope="row">${e(a.invoiceNumber)}</th><td>${e(l10n.date(a.invoiceIssuedAt))}</td><td class="num">${e(l10n.money(a.invoiceTotal))}</td><td class="num">${e(l10n.money(a.applied))}</td></tr>`,
    )
    .join('');
  return `<table class="lines"><caption>${e(m.appliedToInvoices)}</caption>${head}<tbody>${rows}</tbody></table>`;
}

/** A receipt as one self-contained HTML page (the same shell, styles and escaping as the invoices). @internal */
export function receiptHtml(model: ReceiptModel, l10n: Localizer): string {
  const m = l10n.messages;
  return htmlPage(`${m.receipt} ${model.number}`, model.seller, l10n, [
    headerHtml(m.receipt, model.seller.name, receiptFacts(model, l10n)),
    partiesHtml(model, l10n),
    `<p class="settled">${e(m.received(l10n.money(model.amount), l10n.date(model.receivedAt)))}</p>`,
    allocationsHtml(model, l10n),
    totalsHtml(receiptRows(model, l10n), l10n),
  ]);
}
