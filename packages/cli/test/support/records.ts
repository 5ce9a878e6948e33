import type { CreditNote, Invoice, InvoiceLine } from '@billfold/core';
import { makeCreditNote, makeInvoice } from '@billfold/storage-testkit';

/** An invoice line with zero amounts unless given. */
export function line(fields: Partial<InvoiceLine> & Pick<InvoiceLine, 'id' | 'amount'>): InvoiceLine {
  return {
    kind: 'subscription',
    description: fields.billingCode ?? 'Line',
    discountAmount: '0.00',
    taxableAmount: fields.amount,
    taxes: [],
    ...fields,
  };
}

/** A finalized, open EUR invoice of customer `cus_a` (testkit builder defaults), with the fields a test gives. */
export function invoice(fields: Partial<Invoice> & Pick<Invoice, 'id'>): Invoice {
  return makeInvoice({
    number: `INV-2026-${fields.id}`,
    sequence: 'INV-2026',
    customerId: 'cus_a',
    billingReason: 'subscription_cycle',
    status: 'open',
    lines: [],
    subtotal: '0.00',
    total: '0.00',
    amountDue: '0.00',
    amountRemaining: '0.00',
    customerSnapshot: { name: 'Alpha GmbH', email: 'a@example.com', taxIds: [], taxStatus: 'taxable', locale: 'de-DE' },
    createdAt: '2026-01-01T00:00:00.000Z',
    issuedAt: '2026-01-01T00:00:00.000Z',
    dueAt: '2026-01-15T00:00:00.000Z',
    ...fields,
  });
}

/** A credit note of one net line against an invoice. */
export function creditNote(
  fields: Pick<CreditNote, 'id' | 'invoiceId' | 'issuedAt'> & {
    amount: string;
    invoiceLineId?: string;
    currency?: string;
  },
): CreditNote {
  return makeCreditNote({
    id: fields.id,
    number: `CN-2026-${fields.id}`,
    invoiceId: fields.invoiceId,
    invoiceNumber: `INV-2026-${fields.invoiceId}`,
    customerId: 'cus_a',
    currency: fields.currency ?? 'EUR',
    reason: 'other',
    lines: [
      {
        id: `${fields.id}_1`,
        ...(fields.invoiceLineId !== undefined ? { invoiceLineId: fields.invoiceLineId } : {}),
        description: 'Credit',
        amount: fields.amount,
        taxes: [],
      },
    ],
    subtotal: fields.amount,
    total: fields.amount,
    appliedToInvoice: fields.amount,
    issuedAt: fields.issuedAt,
  });
}
