import { html, nothing, type PropertyValues } from 'lit';
import type { InvoiceView, PageView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import {
  type DocumentFormat,
  downloadDocument,
  downloadInvoiceDocument,
  downloadMenuStyles,
  renderDownloadMenu,
} from '../../documents/document-download';
import { renderInvoiceStatus } from '../../documents/invoice-status';
import {
  INVOICE_LIST_FILTERS,
  type InvoiceListFilter,
  invoiceFilterName,
  invoiceListQuery,
  matchesInvoiceFilter,
} from './invoice-filter';
import { invoiceListStyles } from './invoice-list.styles';
import { RowWindow } from './row-window';

/** The invoice link: `{id}` in the template is replaced by the invoice id. */
export function invoiceLink(template: string | undefined, id: string): string | undefined {
  return template?.replaceAll('{id}', encodeURIComponent(id));
}

/**
 * The customer's invoices: a status filter, pages ("show more" follows the portal's cursor), a download menu per
 * invoice (PDF, HTML, CSV, UBL XML) and the whole list as CSV, and checkboxes to pay several open invoices at once.
 * Give it `invoices` to show a list the host already has (no fetch; filtered here). From `window-from` invoices on
 * (100) only the rows in and near view are rendered, in a scroll box; the arrow keys, Page Up/Down, Home and End move
 * across every row, and printing renders them all.
 *
 * @tagname billing-invoice-list
 * @summary The customer's invoices with filters, paging, downloads and paying.
 * @fires {BillingPaidEvent} billing-paid - From the pay button: the selected invoices were paid.
 * @fires {BillingErrorEvent} billing-error - Loading or downloading failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart viewport - The box around the table; it scrolls when the list is windowed (`window-from`).
 * @csspart table - The table of invoices.
 * @csspart filter - The status filter.
 * @csspart status - An invoice's status badge.
 * @csspart download-button - A row's download menu button.
 * @csspart download-menu - The open download menu.
 * @csspart more - The "show more" button.
 * @csspart loading - The loading line.
 * @csspart error - A failure with its retry button.
 * @cssprop --billing-invoice-list-height - How high a windowed list's scroll box is (default 40rem).
 * @cssprop --billing-color-surface-raised - Table header background.
 * @cssprop --billing-color-border - Row lines.
 * @cssprop --billing-color-danger - Overdue badge.
 * @cssprop --billing-color-success - Paid badge.
 */
export class BillingInvoiceList extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [...BillingElement.styles, downloadMenuStyles, invoiceListStyles];

  static override properties = {
    ...BillingElement.properties,
    filter: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number },
    invoices: { attribute: false },
    invoiceHref: { attribute: 'invoice-href' },
    windowFrom: { attribute: 'window-from', type: Number },
    more: { state: true },
    cursor: { state: true },
    loadingMore: { state: true },
    selected: { state: true },
    menuFor: { state: true },
    failure: { state: true },
  };

  /** Which invoices to show (attribute `filter`: `open`, `paid`, `void`, `uncollectible`, `overdue`; empty: all). */
  declare filter: InvoiceListFilter;
  /** Invoices per page fetched (1–100, default 20). */
  declare pageSize: number;
  /** Invoices the host already has: shown as they are, without fetching. */
  declare invoices: readonly InvoiceView[] | undefined;
  /** Where an invoice number links to, with `{id}` for its id (`/billing/invoices/{id}`); no link without it. */
  declare invoiceHref: string | undefined;
  /**
   * From how many invoices on the list renders only the rows in and near its scroll box (default 100; the box is
   * `--billing-invoice-list-height` high). `Infinity` renders every row.
   */
  declare windowFrom: number;
  declare protected more: readonly InvoiceView[];
  declare protected cursor: string | undefined;
  declare protected loadingMore: boolean;
  declare protected selected: ReadonlySet<string>;
  declare protected menuFor: string | undefined;
  declare protected failure: unknown;

  #rows = new RowWindow(this);
  /** The host's invoices through the filter, kept while neither changes. */
  #shown: { from: readonly InvoiceView[]; filter: InvoiceListFilter; items: readonly InvoiceView[] } | undefined;

  #firstPage = this.loadTask({
    operation: 'load-invoices',
    args: () => [this.invoices === undefined, this.filter, this.pageSize] as const,
    load: async (api, [fetching, filter, limit], signal) => {
      if (!fetching) return { items: [] } satisfies PageView<InvoiceView>;
      return api.get<PageView<InvoiceView>>('invoices', invoiceListQuery(filter, limit), signal);
    },
  });

  constructor() {
    super();
    this.filter = '';
    this.pageSize = 20;
    this.windowFrom = 100;
    this.more = [];
    this.loadingMore = false;
    this.selected = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('filter') || changed.has('pageSize') || changed.has('invoices')) {
      this.more = [];
      this.cursor = undefined;
      this.selected = new Set();
      this.#rows.reset();
    }
  }

  /** Loads the list again (after a payment, or when the host knows it changed). */
  reload(): void {
    this.more = [];
    this.cursor = undefined;
    this.selected = new Set();
    void this.#firstPage.run();
  }

  override render() {
    return html`<div class="toolbar">
        <label part="filter">
          ${this.t.filterStatus}
          <select @change=${(event: Event) => {
            this.filter = (event.target as HTMLSelectElement).value as InvoiceListFilter;
          }}>
            ${INVOICE_LIST_FILTERS.map(
              (filter) =>
                html`<option value=${filter} ?selected=${filter === this.filter}>${invoiceFilterName(this.t, filter)}</option>`,
            )}
          </select>
        </label>
        <div class="row">
          ${this.#renderPaySelected()}
          ${
            this.invoices === undefined
              ? html`<button type="button" @click=${this.#downloadAll}>${this.t.downloadAll}</button>`
              : nothing
          }
        </div>
      </div>
      ${this.failure ? this.renderFailure(this.failure, () => (this.failure = undefined)) : nothing}
      ${
        this.invoices === undefined
          ? this.renderTask(this.#firstPage, (page) => this.#renderList(page.items, page.nextCursor))
          : this.#renderList(this.#hostInvoices(this.invoices), undefined)
      }`;
  }

  #hostInvoices(from: readonly InvoiceView[]): readonly InvoiceView[] {
    if (this.#shown?.from !== from || this.#shown.filter !== this.filter) {
      const filter = this.filter;
      this.#shown = {
        from,
        filter,
        items: filter === '' ? from : from.filter((invoice) => matchesInvoiceFilter(invoice, filter)),
      };
    }
    return this.#shown.items;
  }

  #renderList(first: readonly InvoiceView[], firstCursor: string | undefined) {
    const items = this.more.length > 0 ? [...first, ...this.more] : first;
    const next = this.more.length > 0 || this.cursor !== undefined ? this.cursor : firstCursor;
    if (items.length === 0) return html`<p>${this.t.noInvoices}</p>`;
    const t = this.t;
    const windowed = items.length >= this.windowFrom && !this.#rows.printing;
    const { start, end } = this.#rows.range(items.length, windowed);
    return html`<div class="viewport ${windowed ? 'windowed' : ''}" part="viewport" tabindex=${windowed ? '-1' : nothing}
        @scroll=${this.#rows.onScroll} @keydown=${this.#rows.onKeydown} @focusin=${this.#rows.onFocusIn}>
      <table part="table" aria-rowcount=${items.length + 1}>
        ${windowed ? html`<caption class="visually-hidden">${t.invoicesShown(items.length)}</caption>` : nothing}
        <thead>
          <tr aria-rowindex="1">
            <th class="select"><span class="visually-hidden">${t.paySelected(this.selected.size)}</span></th>
            <th scope="col">${t.invoiceNumber}</th>
            <th scope="col">${t.issued}</th>
            <th scope="col">${t.due}</th>
            <th scope="col" class="amount">${t.total}</th>
            <th scope="col" class="amount">${t.remaining}</th>
            <th scope="col">${t.status}</th>
            <th scope="col"><span class="visually-hidden">${t.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${windowed ? SPACER : nothing}
          ${items.slice(start, end).map((invoice, at) => this.#renderRow(invoice, start + at))}
          ${windowed ? SPACER : nothing}
        </tbody>
      </table>
      </div>
      ${
        next === undefined
          ? nothing
          : html`<button type="button" class="more" part="more" ?disabled=${this.loadingMore} @click=${() => this.#loadMore(next)}>
            ${this.t.loadMore}
          </button>`
      }
      <p class="visually-hidden" role="status">${this.more.length > 0 ? t.invoicesShown(items.length) : ''}</p>`;
  }

  #renderRow(invoice: InvoiceView, index: number) {
    const t = this.t;
    const format = this.format;
    const number = invoice.number ?? invoice.id;
    const href = invoiceLink(this.invoiceHref ?? this.inherited?.invoiceHref, invoice.id);
    const payable = invoice.status === 'open' && invoice.amountRemaining.replace(/[0.]/g, '') !== '';
    return html`<tr data-index=${index} aria-rowindex=${index + 2} tabindex=${index === this.#rows.active ? '0' : '-1'}>
      <td class="select">
        ${
          payable
            ? html`<input type="checkbox" aria-label=${t.selectInvoice(number)} .checked=${this.selected.has(invoice.id)}
              @change=${() => this.#toggle(invoice.id)} />`
            : nothing
        }
      </td>
      <td class="number text">${href === undefined ? number : html`<a href=${href}>${number}</a>`}</td>
      <td data-label=${t.issued}>${invoice.issuedAt === undefined ? '' : format.date(invoice.issuedAt)}</td>
      <td data-label=${t.due}>${invoice.dueAt === undefined ? '' : format.date(invoice.dueAt)}</td>
      <td class="amount" data-label=${t.total}>${format.money(invoice.total, invoice.currency)}</td>
      <td class="amount" data-label=${t.remaining}>${format.money(invoice.amountRemaining, invoice.currency)}</td>
      <td>${renderInvoiceStatus(t, this.filter === 'overdue' ? { status: invoice.status, overdue: true } : invoice)}</td>
      <td class="actions">
        ${renderDownloadMenu(t, {
          id: invoice.id,
          label: t.downloadInvoice(number),
          open: this.menuFor === invoice.id,
          toggle: () => this.#toggleMenu(invoice.id),
          pick: (format) => this.#download(invoice, format),
        })}
      </td>
    </tr>`;
  }

  #renderPaySelected() {
    if (this.selected.size === 0) return nothing;
    const all = [...(this.invoices ?? this.#firstPage.value?.items ?? []), ...this.more];
    const chosen = all.filter((invoice) => this.selected.has(invoice.id));
    return html`<billing-pay-button .invoices=${chosen} @billing-pay-finished=${() => this.reload()}>
      ${this.t.paySelected(chosen.length)}
    </billing-pay-button>`;
  }

  #toggle(id: string): void {
    const selected = new Set(this.selected);
    if (!selected.delete(id)) selected.add(id);
    this.selected = selected;
  }

  async #toggleMenu(id: string): Promise<void> {
    const opening = this.menuFor !== id;
    this.menuFor = opening ? id : undefined;
    await this.updateComplete;
    const root = this.renderRoot;
    if (opening) root.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    else root.querySelector<HTMLElement>(`#menu-button-${CSS.escape(id)}`)?.focus();
  }

  async #download(invoice: InvoiceView, format: DocumentFormat): Promise<void> {
    await this.#toggleMenu(invoice.id);
    const api = this.api;
    if (api === undefined) return;
    try {
      await downloadInvoiceDocument(api, invoice, format);
    } catch (error) {
      this.failure = error;
      this.reportFailure(error, 'download-invoice');
    }
  }

  async #downloadAll(): Promise<void> {
    const api = this.api;
    if (api === undefined) return;
    try {
      await downloadDocument(api, 'invoices.csv', 'invoices.csv');
    } catch (error) {
      this.failure = error;
      this.reportFailure(error, 'download-invoices');
    }
  }

  async #loadMore(cursor: string): Promise<void> {
    const api = this.api;
    if (api === undefined) return;
    this.loadingMore = true;
    try {
      const page = await api.get<PageView<InvoiceView>>('invoices', {
        ...invoiceListQuery(this.filter, this.pageSize),
        cursor,
      });
      this.more = [...this.more, ...page.items];
      this.cursor = page.nextCursor;
    } catch (error) {
      this.failure = error;
      this.reportFailure(error, 'load-invoices');
    } finally {
      this.loadingMore = false;
    }
  }
}

/** A row standing in for the rows not rendered before or after the window (the window sets its height). */
const SPACER = html`<tr class="spacer" aria-hidden="true"><td colspan="8"></td></tr>`;
