import type { InvoiceView } from '../../api/portal-views';
import type { BillingMessages } from '../../i18n/messages-en';

/** What the list shows: every status, one status, or the open invoices past their due date. */
export type InvoiceListFilter = '' | 'open' | 'paid' | 'void' | 'uncollectible' | 'overdue';

/** The filters in the order the status filter offers them. */
export const INVOICE_LIST_FILTERS: readonly InvoiceListFilter[] = [
  '',
  'open',
  'overdue',
  'paid',
  'void',
  'uncollectible',
];

/** What the status filter calls a filter, in the customer's language. */
export function invoiceFilterName(t: BillingMessages, filter: InvoiceListFilter): string {
  return {
    '': t.filterAll,
    open: t.statusOpen,
    overdue: t.filterOverdue,
    paid: t.statusPaid,
    void: t.statusVoid,
    uncollectible: t.statusUncollectible,
  }[filter];
}

/** The portal's `GET /invoices` query for a filter and a page size (clamped to 1–100, 20 when not a number). */
export function invoiceListQuery(filter: InvoiceListFilter, limit: number): Record<string, string | undefined> {
  return {
    status: filter === '' || filter === 'overdue' ? undefined : filter,
    overdue: filter === 'overdue' ? 'true' : undefined,
    limit: String(Math.min(100, Math.max(1, Math.trunc(limit) || 20))),
  };
}

/** Whether an invoice the host handed over passes the filter. */
export function matchesInvoiceFilter(invoice: InvoiceView, filter: InvoiceListFilter): boolean {
  if (filter === '') return true;
  if (filter === 'overdue') return invoice.status === 'open' && invoice.overdue;
  return invoice.status === filter;
}
