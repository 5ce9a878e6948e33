import {
  type BalanceService,
  BillingError,
  BillingErrorCode,
  type BillingNotification,
  type CatalogService,
  type CreditNote,
  type CreditNoteService,
  type Customer,
  type CustomerService,
  type Invoice,
  type InvoiceService,
  listAll,
  type NotificationOf,
  type NotificationType,
  type Payment,
  type PaymentService,
  type Refund,
  type Statement,
  type Subscription,
  type SubscriptionService,
} from '@billfold/core';
import { statementOf } from './statement-records';

/**
 * The reads the email notifier makes through the engine (a `Billing` from `createBilling` has them all): the
 * customer, and the invoice, payment, refund, credit note, subscription or statement records a notification names.
 */
export interface EmailBillingReads {
  readonly customers: Pick<CustomerService, 'get'>;
  readonly invoices: Pick<InvoiceService, 'get' | 'list'>;
  readonly payments: Pick<PaymentService, 'get' | 'list' | 'listRefunds'>;
  readonly creditNotes: Pick<CreditNoteService, 'get' | 'list'>;
  readonly balance: Pick<BalanceService, 'transactions'>;
  readonly subscriptions: Pick<SubscriptionService, 'get'>;
  readonly catalog: {
    readonly products: Pick<CatalogService['products'], 'get'>;
    readonly prices: Pick<CatalogService['prices'], 'get'>;
  };
}

/** The records behind each kind of notification, as its template gets them. */
export interface NotificationRecordMap {
  readonly 'invoice.finalized': { readonly invoice: Invoice };
  readonly 'invoice.paid': { readonly invoice: Invoice };
  readonly 'invoice.reminder': { readonly invoice: Invoice };
  readonly 'invoice.overdue': { readonly invoice: Invoice };
  readonly 'invoice.fee_charged': { readonly invoice: Invoice; readonly feeInvoice?: Invoice };
  /** `invoices`: those the payment was allocated to. */
  readonly 'payment.received': { readonly payment: Payment; readonly invoices: readonly Invoice[] };
  readonly 'payment.failed': { readonly invoice: Invoice; readonly payment?: Payment };
  readonly 'payment.refunded': {
    readonly payment: Payment;
    readonly refund: Refund;
    readonly invoices: readonly Invoice[];
  };
  readonly 'credit_note.issued': { readonly creditNote: CreditNote; readonly invoice: Invoice };
  /** `planName`: the names of the subscription's products, joined. */
  readonly 'subscription.past_due': SubscriptionRecords;
  readonly 'subscription.suspended': SubscriptionRecords;
  readonly 'subscription.resumed': SubscriptionRecords;
  readonly 'statement.issued': { readonly statement: Statement };
}

/** The records of a subscription notification. */
export interface SubscriptionRecords {
  readonly subscription: Subscription;
  readonly planName: string;
  readonly invoice?: Invoice;
}

/** The customer and the records of a notification of kind `T`. */
export type NotificationRecords<T extends NotificationType = NotificationType> = {
  readonly customer: Customer;
} & NotificationRecordMap[T];

/** A record named by a notification must be the notified customer's: anything else is refused, never shown. */
function own<R extends { readonly customerId: string }>(record: R, customerId: string, field: string): R {
  if (record.customerId !== customerId) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `The notification's ${field} belongs to another customer than the notification`,
      { path: ['notification', field] },
    );
  }
  return record;
}

type Loaders = {
  readonly [T in NotificationType]: (
    n: NotificationOf<T>,
    billing: EmailBillingReads,
  ) => Promise<NotificationRecordMap[T]>;
};

async function invoiceOf(n: { customerId: string; invoiceId: string }, billing: EmailBillingReads) {
  return { invoice: own(await billing.invoices.get(n.invoiceId), n.customerId, 'invoiceId') };
}

async function allocatedInvoices(payment: Payment, billing: EmailBillingReads): Promise<Invoice[]> {
  const invoices = await Promise.all(payment.allocations.map((a) => billing.invoices.get(a.invoiceId)));
  return invoices.map((invoice) => own(invoice, payment.customerId, 'paymentId'));
}

async function subscriptionOf(
  n: NotificationOf<'subscription.past_due' | 'subscription.suspended' | 'subscription.resumed'>,
  billing: EmailBillingReads,
): Promise<SubscriptionRecords> {
  const subscription = own(await billing.subscriptions.get(n.subscriptionId), n.customerId, 'subscriptionId');
  const names = await Promise.all(
    subscription.items.map(async (item) => {
      const price = await billing.catalog.prices.get(item.priceId);
      return (await billing.catalog.products.get(price.productId)).name;
    }),
  );
  const invoice =
    n.invoiceId === undefined ? undefined : (await invoiceOf({ ...n, invoiceId: n.invoiceId }, billing)).invoice;
  return { subscription, planName: [...new Set(names)].join(', '), ...(invoice !== undefined ? { invoice } : {}) };
}

const LOADERS: Loaders = {
  'invoice.finalized': invoiceOf,
  'invoice.paid': invoiceOf,
  'invoice.reminder': invoiceOf,
  'invoice.overdue': invoiceOf,
  'invoice.fee_charged': async (n, billing) => {
    const { invoice } = await invoiceOf(n, billing);
    if (n.feeInvoiceId === undefined) return { invoice };
    return { invoice, feeInvoice: own(await billing.invoices.get(n.feeInvoiceId), n.customerId, 'feeInvoiceId') };
  },
  'payment.received': async (n, billing) => {
    const payment = own(await billing.payments.get(n.paymentId), n.customerId, 'paymentId');
    return { payment, invoices: await allocatedInvoices(payment, billing) };
  },
  'payment.failed': async (n, billing) => {
    const { invoice } = await invoiceOf(n, billing);
    if (n.paymentId === undefined) return { invoice };
    return { invoice, payment: own(await billing.payments.get(n.paymentId), n.customerId, 'paymentId') };
  },
  'payment.refunded': async (n, billing) => {
    const payment = own(await billing.payments.get(n.paymentId), n.customerId, 'paymentId');
    const refunds = await listAll((page) => billing.payments.listRefunds({ paymentId: payment.id, ...page }));
    const refund = refunds.find((r) => r.id === n.refundId);
    if (refund === undefined) {
      throw new BillingError(BillingErrorCode.notFound, `No refund ${n.refundId} on payment ${payment.id}`, {
        path: ['notification', 'refundId'],
      });
    }
    return { payment, refund, invoices: await allocatedInvoices(payment, billing) };
  },
  'credit_note.issued': async (n, billing) => {
    const creditNote = own(await billing.creditNotes.get(n.creditNoteId), n.customerId, 'creditNoteId');
    return { creditNote, ...(await invoiceOf({ ...n, invoiceId: creditNote.invoiceId }, billing)) };
  },
  'subscription.past_due': subscriptionOf,
  'subscription.suspended': subscriptionOf,
  'subscription.resumed': subscriptionOf,
  'statement.issued': async (n, billing) => ({ statement: await statementOf(n, billing) }),
};

/**
 * Reads what a notification's email needs through the engine, checking that every record is the notified
 * customer's.
 * @throws BillingError `not_found` for a record that does not exist; `invalid_input` for one of another customer.
 * @internal
 */
export async function loadRecords(
  notification: BillingNotification,
  billing: EmailBillingReads,
): Promise<NotificationRecords> {
  const customer = await billing.customers.get(notification.customerId);
  const load = LOADERS[notification.type] as (
    n: BillingNotification,
    billing: EmailBillingReads,
  ) => Promise<NotificationRecordMap[NotificationType]>;
  return { customer, ...(await load(notification, billing)) };
}
