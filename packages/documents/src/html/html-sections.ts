import type { DocumentLine, DocumentModel, DocumentParty } from '../model/document-model';
import { type Figure, shownFigures } from '../model/figure';
import { lineDetails } from '../model/line-details';
import type { Localizer } from '../model/localizer';
import { partyBlock } from '../model/party-lines';
import { paymentSentence } from '../model/payment-status';
import type { SummaryRow } from '../model/summary-rows';
import { escapeHtml as e } from './escape-html';

/** The header: title, seller name, and the number, dates and custom fields. @internal */
export function headerHtml(title: string, sellerName: string, facts: readonly (readonly [string, string])[]): string {
  const items = facts.map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`).join('');
  return `<header class="head"><div><h1>${e(title)}</h1><p class="seller-name">${e(sellerName)}</p></div><dl class="meta">${items}</dl></header>`;
}

function partyHtml(id: string, heading: string, party: DocumentParty, l10n: Localizer): string {
  const { lines, details } = partyBlock(party, l10n);
  const ids = details.map((d) => `<dt>${e(d.label)}</dt><dd>${e(d.value)}</dd>`).join('');
  return `<section aria-labelledby="${id}"><h2 id="${id}">${e(heading)}</h2><address>${lines.map(e).join('<br>')}</address>${ids === '' ? '' : `<dl class="ids">${ids}</dl>`}</section>`;
}

/** Seller and buyer side by side; the buyer under `buyerHeading` (default "Bill to"). @internal */
export function partiesHtml(
  model: Pick<DocumentModel, 'seller' | 'buyer'>,
  l10n: Localizer,
  buyerHeading = l10n.messages.buyer,
): string {
  const m = l10n.messages;
  return `<div class="parties">${partyHtml('seller-heading', m.seller, model.seller, l10n)}${partyHtml('buyer-heading', buyerHeading, model.buyer, l10n)}</div>`;
}

function lineHtml(line: DocumentLine, l10n: Localizer): string {
  const subs = lineDetails(line, l10n);
  const description = `<span class="desc">${e(line.description)}</span>${subs.map((s) => `<span class="sub">${e(s)}</span>`).join('')}`;
  return `<tr><td class="num">${line.position}</td><td>${description}</td><td class="num">${line.quantity === undefined ? '' : e(l10n.quantity(line.quantity))}</td><td class="num">${line.unitAmount === undefined ? '' : e(l10n.money(line.unitAmount))}</td><td class="num">${e(l10n.percent(line.percent))}</td><td class="num">${e(l10n.money(line.amount))}</td></tr>`;
}

/** The line table: a caption, column headers with `scope`, one row per line. @internal */
export function linesHtml(model: DocumentModel, l10n: Localizer): string {
  const m = l10n.messages;
  const head = `<thead><tr><th scope="col" class="num">${e(m.position)}</th><th scope="col">${e(m.description)}</th><th scope="col" class="num">${e(m.quantity)}</th><th scope="col" class="num">${e(m.unitPrice)}</th><th scope="col" class="num">${e(m.taxRate)}</th><th scope="col" class="num">${e(m.amount)}</th></tr></thead>`;
  const rows = model.lines.map((line) => lineHtml(line, l10n)).join('');
  return `<table class="lines"><caption>${e(m.lineItems)}</caption>${head}<tbody>${rows}</tbody></table>`;
}

/** A block of figures at the right: row headers and amounts, `caption` for screen readers. @internal */
export function figuresHtml(caption: string, figures: readonly Figure[]): string {
  const body = figures
    .map(
      (figure) =>
        `<tr${figure.emphasis ? ' class="em"' : ''}><th scope="row">${e(figure.label)}</th><td class="num">${e(figure.value)}</td></tr>`,
    )
    .join('');
  return `<table class="totals"><caption class="sr-only">${e(caption)}</caption><tbody>${body}</tbody></table>`;
}

/** The totals block of a document: its visible summary rows. @internal */
export function totalsHtml(rows: readonly SummaryRow[], l10n: Localizer): string {
  return figuresHtml(l10n.messages.total, shownFigures(rows, l10n));
}

/**
 * How to pay: amount and due date, bank account, instructions and terms; or, once nothing is owed, that the
 * invoice is paid (or void, or credited to the balance) and nothing more (invoices only).
 * @internal
 */
export function paymentHtml(model: DocumentModel, l10n: Localizer): string {
  const m = l10n.messages;
  const seller = model.options.seller;
  const { text, askForPayment } = paymentSentence(model, l10n);
  const parts = [`<p${askForPayment ? '' : ' class="settled"'}>${e(text)}</p>`];
  if (!askForPayment) {
    return `<section class="payment" aria-labelledby="payment-heading"><h2 id="payment-heading">${e(m.payment)}</h2>${parts.join('')}</section>`;
  }
  if (seller.bankAccount) {
    const account = seller.bankAccount;
    const items: [string, string][] = [
      [m.accountHolder, account.accountName ?? seller.name],
      [m.iban, account.iban],
    ];
    if (account.bic) items.push([m.bic, account.bic]);
    items.push([m.paymentReference, model.paymentReference]);
    parts.push(`<dl>${items.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`);
  }
  if (seller.paymentInstructions) parts.push(`<p>${e(seller.paymentInstructions)}</p>`);
  if (seller.paymentTerms) parts.push(`<p>${e(seller.paymentTerms)}</p>`);
  return `<section class="payment" aria-labelledby="payment-heading"><h2 id="payment-heading">${e(m.payment)}</h2>${parts.join('')}</section>`;
}

/** Legal notes (reverse charge, exemption) and the document's own notes. @internal */
export function notesHtml(model: DocumentModel, legal: readonly string[], l10n: Localizer): string {
  if (legal.length === 0 && model.notes.length === 0) return '';
  const paragraphs = [
    ...legal.map((note) => `<p class="legal">${e(note)}</p>`),
    ...model.notes.map((note) => `<p>${e(note)}</p>`),
  ];
  return `<section class="notes" aria-labelledby="notes-heading"><h2 id="notes-heading">${e(l10n.messages.notes)}</h2>${paragraphs.join('')}</section>`;
}
