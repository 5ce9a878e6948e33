import { html, type TemplateResult } from 'lit';
import type { InvoiceStatus } from '../api/portal-views';
import type { BillingMessages } from '../i18n/messages-en';

/** An invoice's status as a customer reads it. */
export function invoiceStatusText(t: BillingMessages, status: InvoiceStatus): string {
  switch (status) {
    case 'draft':
      return t.statusDraft;
    case 'open':
      return t.statusOpen;
    case 'paid':
      return t.statusPaid;
    case 'void':
      return t.statusVoid;
    case 'uncollectible':
      return t.statusUncollectible;
  }
}

/** The status badge, "Overdue" when an open invoice is past its due date. */
export function renderInvoiceStatus(
  t: BillingMessages,
  invoice: { readonly status: InvoiceStatus; readonly overdue: boolean },
): TemplateResult {
  const overdue = invoice.status === 'open' && invoice.overdue;
  return html`<span class="badge ${overdue ? 'overdue' : invoice.status}" part="status"
    >${overdue ? t.overdue : invoiceStatusText(t, invoice.status)}</span
  >`;
}
