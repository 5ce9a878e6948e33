import type { CreditNote, Invoice, InvoiceLine } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/** A valid invoice line of 10.00 without discount or tax, with `overrides` applied. */
export function makeInvoiceLine(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id: nextId('il'),
    kind: 'one_off',
    description: 'Setup fee',
    amount: '10.00',
    discountAmount: '0.00',
    taxableAmount: '10.00',
    taxes: [],
    ...overrides,
  };
}

/**
 * A valid draft manual invoice of 10.00 EUR with one line and no number, with `overrides` applied (set
 * `customerId`). Totals are consistent for the default line only.
 */
export function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: nextId('inv'),
    sequence: 'INV',
    customerId: nextId('cus'),
    billingReason: 'manual',
    status: 'draft',
    currency: 'EUR',
    lines: [makeInvoiceLine()],
    taxRates: [],
    subtotal: '10.00',
    discountTotal: '0.00',
    taxes: [],
    taxTotal: '0.00',
    roundingAmount: '0.00',
    total: '10.00',
    creditApplied: '0.00',
    amountDue: '10.00',
    amountPaid: '0.00',
    amountCredited: '0.00',
    amountRemaining: '10.00',
    notes: [],
    createdAt: BUILDER_NOW,
    remindersSent: 0,
    overdue: false,
    metadata: {},
    version: 1,
    ...overrides,
  };
}

/** A valid credit note of 5.00 EUR applied to its invoice, with `overrides` applied (set `invoiceId`, `customerId`). */
export function makeCreditNote(overrides: Partial<CreditNote> = {}): CreditNote {
  const id = nextId('cn');
  return {
    id,
    number: `CN-${id.slice(id.indexOf('_') + 1)}`,
    invoiceId: nextId('inv'),
    invoiceNumber: 'INV-000001',
    customerId: nextId('cus'),
    currency: 'EUR',
    reason: 'order_change',
    lines: [{ id: nextId('cnl'), description: 'Seat removed', amount: '5.00', taxes: [] }],
    subtotal: '5.00',
    taxTotal: '0.00',
    total: '5.00',
    appliedToInvoice: '5.00',
    creditedToBalance: '0.00',
    issuedAt: BUILDER_NOW,
    metadata: {},
    ...overrides,
  };
}
