/*
 * Invoices made up in the page, as many as asked for, for the long-list tests and the render benchmark: every other
 * one open, every third open one overdue, numbered INV-2026-000001 on.
 */
import type { InvoiceView } from '../../src/api/portal-views';

/** `count` invoices like the portal's: half paid, half open, some overdue; totals between 19.00 and 68.99 EUR. */
export function generatedInvoices(count: number): InvoiceView[] {
  return Array.from({ length: count }, (_, i) => {
    const open = i % 2 === 1;
    const total = `${(19 + (i % 50)).toString()}.${String(i % 100).padStart(2, '0')}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      id: `inv_${String(i).padStart(6, '0')}`,
      number: `INV-2026-${String(i + 1).padStart(6, '0')}`,
      status: open ? 'open' : 'paid',
      currency: 'EUR',
      lines: [],
      taxRates: [],
      subtotal: total,
      discountTotal: '0.00',
      taxes: [],
      taxTotal: '0.00',
      roundingAmount: '0.00',
      total,
      creditApplied: '0.00',
      amountDue: total,
      amountPaid: open ? '0.00' : total,
      amountCredited: '0.00',
      amountRemaining: open ? total : '0.00',
      notes: [],
      createdAt: `2026-01-${day}T00:00:00Z`,
      issuedAt: `2026-01-${day}T00:00:00Z`,
      dueAt: `2026-02-${day}T00:00:00Z`,
      overdue: open && i % 3 === 0,
    };
  });
}
