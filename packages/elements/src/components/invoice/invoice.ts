import { html, nothing } from 'lit';
import type { InvoiceLineView, InvoiceView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import {
  type DocumentFormat,
  downloadInvoiceDocument,
  downloadMenuStyles,
  renderDownloadMenu,
} from '../../documents/document-download';
import { renderInvoiceStatus } from '../../documents/invoice-status';
import { invoiceStyles } from './invoice.styles';

/** Descriptions longer than this show their start and a toggle for the rest. */
const LONG_DESCRIPTION = 280;

const isZero = (amount: string) => amount.replace(/[-0.]/g, '') === '';

/**
 * One invoice: its number, status and dates, who it was billed to, the lines with periods, quantities and unit
 * prices, discounts, taxes per rate, totals, credit applied and credited, what was paid and what remains, the legal
 * notes; a pay button while something is owed and a download menu. Prints as a clean document (buttons hidden).
 * Set `invoice-id` to load it, or `invoice` to show one the host has.
 *
 * @tagname billing-invoice
 * @summary One invoice with lines, taxes, totals and payment state.
 * @fires {BillingPaidEvent} billing-paid - The invoice was paid from its pay button.
 * @fires {BillingErrorEvent} billing-error - Loading or downloading failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart header - Number, status and dates.
 * @csspart customer - The billed-to block.
 * @csspart lines - The table of lines.
 * @csspart totals - The totals.
 * @csspart notes - Legal notes.
 * @csspart status - The status badge.
 * @csspart download-button - The download menu button.
 * @cssprop --billing-color-border - Lines between rows.
 * @cssprop --billing-color-text-muted - Periods and labels.
 */
export class BillingInvoice extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [...BillingElement.styles, downloadMenuStyles, invoiceStyles];

  static override properties = {
    ...BillingElement.properties,
    invoiceId: { attribute: 'invoice-id' },
    invoice: { attribute: false },
    expanded: { state: true },
    menuOpen: { state: true },
    failure: { state: true },
  };

  /** The invoice to load. */
  declare invoiceId: string | undefined;
  /** An invoice the host already has (no fetch). */
  declare invoice: InvoiceView | undefined;
  declare protected expanded: ReadonlySet<string>;
  declare protected menuOpen: boolean;
  declare protected failure: unknown;

  #load = this.loadTask({
    operation: 'load-invoice',
    args: () => [this.invoice === undefined ? this.invoiceId : undefined] as const,
    load: (api, [id], signal) =>
      id === undefined
        ? Promise.resolve(undefined)
        : api.get<InvoiceView>(`invoices/${encodeURIComponent(id)}`, {}, signal),
  });

  constructor() {
    super();
    this.expanded = new Set();
    this.menuOpen = false;
  }

  /** Loads the invoice again (after a payment). */
  reload(): void {
    void this.#load.run();
  }

  override render() {
    if (this.invoice !== undefined) return this.#renderInvoice(this.invoice);
    return this.renderTask(this.#load, (invoice) => (invoice === undefined ? nothing : this.#renderInvoice(invoice)));
  }

  #renderInvoice(invoice: InvoiceView) {
    const t = this.t;
    const format = this.format;
    const money = (amount: string) => format.money(amount, invoice.currency);
    const number = invoice.number ?? invoice.id;
    const customer = invoice.customerSnapshot;
    return html`<article aria-labelledby="invoice-title">
      <header part="header" class="header">
        <div>
          <h2 id="invoice-title" class="text">${t.invoice} ${number}</h2>
          <p class="row">${renderInvoiceStatus(t, invoice)} ${this.#renderDates(invoice)}</p>
          ${
            invoice.periodStart && invoice.periodEnd
              ? html`<p class="muted">${t.period}: ${format.period(invoice.periodStart, invoice.periodEnd)}</p>`
              : nothing
          }
        </div>
        <div class="row no-print">
          ${
            invoice.status === 'open' && !isZero(invoice.amountRemaining)
              ? html`<billing-pay-button .invoices=${[invoice]} @billing-pay-finished=${() => this.reload()}></billing-pay-button>`
              : nothing
          }
          ${renderDownloadMenu(t, {
            id: 'invoice',
            label: t.downloadInvoice(number),
            open: this.menuOpen,
            toggle: () => this.#toggleMenu(),
            pick: (format) => this.#download(invoice, format),
          })}
          <button type="button" @click=${() => window.print()}>${t.print}</button>
        </div>
      </header>
      ${this.failure ? this.renderFailure(this.failure, () => (this.failure = undefined)) : nothing}
      ${
        customer
          ? html`<section part="customer" class="customer" aria-label=${t.billedTo}>
            <h3>${t.billedTo}</h3>
            <p class="text">${customer.name}</p>
            ${
              customer.address
                ? html`<p class="text">
                  ${customer.address.line1}${customer.address.line2 ? html`<br />${customer.address.line2}` : nothing}<br />
                  ${customer.address.postalCode ?? ''} ${customer.address.city}<br />${customer.address.country}
                </p>`
                : nothing
            }
            ${customer.taxIds.map((taxId) => html`<p class="muted text">${taxId.value}</p>`)}
          </section>`
          : nothing
      }
      <table part="lines">
        <caption class="visually-hidden">${t.invoice} ${number}</caption>
        <thead>
          <tr>
            <th scope="col">${t.description}</th>
            <th scope="col" class="amount">${t.quantity}</th>
            <th scope="col" class="amount">${t.unitPrice}</th>
            <th scope="col" class="amount">${t.amount}</th>
          </tr>
        </thead>
        <tbody>
          ${invoice.lines.map((line) => this.#renderLine(invoice, line))}
        </tbody>
      </table>
      <dl part="totals" class="totals">
        ${this.#total(t.subtotal, money(invoice.subtotal))}
        ${isZero(invoice.discountTotal) ? nothing : this.#total(t.discount, money(`-${invoice.discountTotal}`))}
        ${invoice.taxes.map((tax) => {
          const rate = invoice.taxRates.find((r) => r.id === tax.rateId);
          return this.#total(rate ? t.tax(rate.name, format.number(rate.percentage)) : tax.rateId, money(tax.amount));
        })}
        ${isZero(invoice.roundingAmount) ? nothing : this.#total(t.rounding, money(invoice.roundingAmount))}
        ${this.#total(t.total, money(invoice.total), 'grand')}
        ${isZero(invoice.creditApplied) ? nothing : this.#total(t.creditApplied, money(`-${invoice.creditApplied}`))}
        ${isZero(invoice.creditApplied) ? nothing : this.#total(t.amountDue, money(invoice.amountDue))}
        ${isZero(invoice.amountPaid) ? nothing : this.#total(t.amountPaid, money(invoice.amountPaid))}
        ${isZero(invoice.amountCredited) ? nothing : this.#total(t.amountCredited, money(invoice.amountCredited))}
        ${this.#total(t.remaining, money(invoice.amountRemaining), 'grand')}
      </dl>
      ${
        invoice.notes.length > 0
          ? html`<section part="notes" aria-label=${t.notes}>
            ${invoice.notes.map((note) => html`<p class="text muted">${note}</p>`)}
          </section>`
          : nothing
      }
    </article>`;
  }

  #renderDates(invoice: InvoiceView) {
    const t = this.t;
    const format = this.format;
    return html`${invoice.issuedAt ? html`<span>${t.issued}: ${format.date(invoice.issuedAt)}</span>` : nothing}
    ${invoice.status === 'paid' && invoice.paidAt ? html`<span>${t.paidOn(format.date(invoice.paidAt))}</span>` : nothing}
    ${invoice.status === 'open' && invoice.dueAt ? html`<span>${t.dueOn(format.date(invoice.dueAt))}</span>` : nothing}
    ${invoice.status === 'void' && invoice.voidedAt ? html`<span>${t.voidedOn(format.date(invoice.voidedAt))}</span>` : nothing}`;
  }

  #renderLine(invoice: InvoiceView, line: InvoiceLineView) {
    const format = this.format;
    const long = line.description.length > LONG_DESCRIPTION;
    const open = this.expanded.has(line.id);
    const text = long && !open ? `${line.description.slice(0, LONG_DESCRIPTION)}…` : line.description;
    return html`<tr>
      <td>
        <div class="text description" id="desc-${line.id}">${text}</div>
        ${
          long
            ? html`<button type="button" class="link no-print" aria-expanded=${open ? 'true' : 'false'}
              aria-controls="desc-${line.id}" @click=${() => this.#expand(line.id)}>
              ${open ? this.t.showLessDescription : this.t.showFullDescription}
            </button>`
            : nothing
        }
        ${
          line.periodStart && line.periodEnd
            ? html`<div class="muted">${format.period(line.periodStart, line.periodEnd)}</div>`
            : nothing
        }
        ${
          isZero(line.discountAmount)
            ? nothing
            : html`<div class="muted">${this.t.discount}: ${format.money(`-${line.discountAmount}`, invoice.currency)}</div>`
        }
      </td>
      <td class="amount">${line.quantity === undefined ? '' : format.number(line.quantity)}</td>
      <td class="amount">${line.unitAmount === undefined ? '' : format.money(line.unitAmount, invoice.currency)}</td>
      <td class="amount">${format.money(line.amount, invoice.currency)}</td>
    </tr>`;
  }

  #total(label: string, value: string, kind = '') {
    return html`<div class="total ${kind}"><dt>${label}</dt><dd class="amount">${value}</dd></div>`;
  }

  #expand(id: string): void {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.expanded = expanded;
  }

  async #toggleMenu(): Promise<void> {
    this.menuOpen = !this.menuOpen;
    await this.updateComplete;
    const root = this.renderRoot;
    if (this.menuOpen) root.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    else root.querySelector<HTMLElement>('#menu-button-invoice')?.focus();
  }

  async #download(invoice: InvoiceView, format: DocumentFormat): Promise<void> {
    await this.#toggleMenu();
    const api = this.api;
    if (api === undefined) return;
    try {
      await downloadInvoiceDocument(api, invoice, format);
    } catch (error) {
      this.failure = error;
      this.reportFailure(error, 'download-invoice');
    }
  }
}
