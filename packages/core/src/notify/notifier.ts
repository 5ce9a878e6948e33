/**
 * Where the engine sends what customers must hear about (an invoice finalized, a payment received, a reminder).
 * Implementations deliver by email, webhook or queue; the engine does not wait for delivery to bill.
 */
export interface Notifier {
  notify(notification: BillingNotification): Promise<void>;
}

/** One thing to tell a customer, with the ids a template needs to fetch the rest. */
export interface BillingNotification {
  readonly type:
    | 'invoice.finalized'
    | 'invoice.paid'
    | 'invoice.reminder'
    | 'invoice.overdue'
    | 'payment.received'
    | 'payment.failed'
    | 'credit_note.issued';
  readonly customerId: string;
  readonly invoiceId?: string;
  readonly paymentId?: string;
  readonly creditNoteId?: string;
  /** When the event happened (from the engine's clock). */
  readonly occurredAt: string;
}
