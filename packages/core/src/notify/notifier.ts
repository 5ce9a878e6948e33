import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../domain/common';
import { BillingErrorCode, isBillingError } from '../errors/billing-error';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';

/**
 * Where the engine sends what customers must hear about (an invoice finalized, a payment received, a reminder).
 * Implementations deliver by email, webhook or queue; the engine does not wait for delivery to bill.
 *
 * The contract a dispatcher relies on: `notify` resolves once the notification is handed over for good, and
 * throws otherwise. A `BillingError` with code `delivery_unavailable` may succeed later (retry with backoff,
 * `error.delivery.retryAfterSeconds` when known); `delivery_rejected` and every other `BillingError` (a
 * malformed notification, a record that is gone) will fail again as they are (dead-letter them). The same
 * notification may be passed more than once: receivers drop repeats by {@link notificationDedupeKey}.
 */
export interface Notifier {
  notify(notification: BillingNotification): Promise<void>;
}

/** `YYYY-MM-DD`: a calendar day, read in the customer's time zone. */
const LocalDateSchema = z.iso.date();

/**
 * A key that names one notification for good (1–200 printable ASCII characters, no spaces). Deliveries of the
 * same notification carry the same key, so a receiver can drop repeats.
 */
export const NotificationDedupeKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

const base = {
  customerId: IdSchema,
  /** When the event happened (from the engine's clock). */
  occurredAt: TimestampSchema,
  /**
   * The notification's stable identity, set by whoever stores it (the outbox). When absent,
   * {@link notificationDedupeKey} derives one from the kind and the ids it names.
   */
  dedupeKey: NotificationDedupeKeySchema.optional(),
};

/** How a payment attempt was declined, as the gateway said it (`Decline`); the message is safe to show. */
const DeclineSchema = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(500),
  kind: z.enum(['soft', 'hard']),
});

/** An invoice was finalized: it has its number and is due. Emails attach the invoice. */
export const InvoiceFinalizedNotificationSchema = z.object({
  ...base,
  type: z.literal('invoice.finalized'),
  invoiceId: IdSchema,
});

/** An invoice is settled in full, by the payment or credit note named when there is one. */
export const InvoicePaidNotificationSchema = z.object({
  ...base,
  type: z.literal('invoice.paid'),
  invoiceId: IdSchema,
  paymentId: IdSchema.optional(),
  creditNoteId: IdSchema.optional(),
});

/** A payment reminder for an open invoice: step 1, 2, … of the collections policy (before, on or after the due date). */
export const InvoiceReminderNotificationSchema = z.object({
  ...base,
  type: z.literal('invoice.reminder'),
  invoiceId: IdSchema,
  reminderStep: z.number().int().min(1).max(100),
});

/** An invoice became overdue (its due date plus the grace period passed with money still owed). */
export const InvoiceOverdueNotificationSchema = z.object({
  ...base,
  type: z.literal('invoice.overdue'),
  invoiceId: IdSchema,
});

/**
 * A past-due fee was charged for the overdue invoice `invoiceId`: `amount` (gross, in `currency`) either as its own
 * invoice `feeInvoiceId` (emails attach it) or as an item on the customer's next invoice (no `feeInvoiceId`).
 */
export const InvoiceFeeChargedNotificationSchema = z.object({
  ...base,
  type: z.literal('invoice.fee_charged'),
  invoiceId: IdSchema,
  feeInvoiceId: IdSchema.optional(),
  amount: DecimalStringSchema,
  currency: CurrencySchema,
  /** The reminder step the fee belongs to, for fees charged per step. */
  reminderStep: z.number().int().min(1).max(100).optional(),
});

/** Money was received and allocated (the payment confirmation). Emails attach a receipt. */
export const PaymentReceivedNotificationSchema = z.object({
  ...base,
  type: z.literal('payment.received'),
  paymentId: IdSchema,
});

/**
 * A payment attempt for `invoiceId` failed: the gateway's `decline` when it gave one, the failed payment record
 * when the engine kept one, and when the next automatic attempt is due, if any.
 */
export const PaymentFailedNotificationSchema = z.object({
  ...base,
  type: z.literal('payment.failed'),
  invoiceId: IdSchema,
  paymentId: IdSchema.optional(),
  decline: DeclineSchema.optional(),
  nextAttemptAt: TimestampSchema.optional(),
});

/** Money was given back on a payment (`refundId`). Emails attach the updated receipt. */
export const PaymentRefundedNotificationSchema = z.object({
  ...base,
  type: z.literal('payment.refunded'),
  paymentId: IdSchema,
  refundId: IdSchema,
});

/** A credit note corrected invoice `invoiceId`. Emails attach the credit note. */
export const CreditNoteIssuedNotificationSchema = z.object({
  ...base,
  type: z.literal('credit_note.issued'),
  creditNoteId: IdSchema,
  invoiceId: IdSchema,
});

const subscriptionChange = {
  ...base,
  subscriptionId: IdSchema,
  /** The invoice behind the change: the overdue one (past due, suspended) or the one just paid (resumed). */
  invoiceId: IdSchema.optional(),
};

/** A subscription became `past_due`: an invoice of it is overdue; service goes on for now. */
export const SubscriptionPastDueNotificationSchema = z.object({
  ...subscriptionChange,
  type: z.literal('subscription.past_due'),
});

/** A subscription was suspended for non-payment: service stops until the customer pays. */
export const SubscriptionSuspendedNotificationSchema = z.object({
  ...subscriptionChange,
  type: z.literal('subscription.suspended'),
});

/** A past-due or suspended subscription is active again (the customer paid). */
export const SubscriptionResumedNotificationSchema = z.object({
  ...subscriptionChange,
  type: z.literal('subscription.resumed'),
});

/**
 * The account statement for the calendar days `periodStart`–`periodEnd` (inclusive, in the customer's time zone)
 * is ready, usually monthly. Emails attach the statement (`buildStatement` over the customer's records).
 */
export const StatementIssuedNotificationSchema = z.object({
  ...base,
  type: z.literal('statement.issued'),
  periodStart: LocalDateSchema,
  periodEnd: LocalDateSchema,
});

/**
 * One thing to tell a customer, with the ids a template needs to fetch the rest: a discriminated union on `type`.
 * The outbox stores exactly this (JSON); unknown fields are dropped on parsing.
 */
export const BillingNotificationSchema = z.discriminatedUnion('type', [
  InvoiceFinalizedNotificationSchema,
  InvoicePaidNotificationSchema,
  InvoiceReminderNotificationSchema,
  InvoiceOverdueNotificationSchema,
  InvoiceFeeChargedNotificationSchema,
  PaymentReceivedNotificationSchema,
  PaymentFailedNotificationSchema,
  PaymentRefundedNotificationSchema,
  CreditNoteIssuedNotificationSchema,
  SubscriptionPastDueNotificationSchema,
  SubscriptionSuspendedNotificationSchema,
  SubscriptionResumedNotificationSchema,
  StatementIssuedNotificationSchema,
]);

/** One thing to tell a customer; see {@link BillingNotificationSchema} and the schema of each kind. */
export type BillingNotification = Readonly<z.infer<typeof BillingNotificationSchema>>;

/** The kind of a notification (`invoice.finalized`, `payment.received`, …). */
export type NotificationType = BillingNotification['type'];

/** The notification of one kind: `NotificationOf<'invoice.reminder'>` has `reminderStep`. */
export type NotificationOf<T extends NotificationType> = Extract<BillingNotification, { readonly type: T }>;

/** Every notification kind, in the order of the customer's story (invoice, collections, payments, account). */
export const NOTIFICATION_TYPES: readonly NotificationType[] = BillingNotificationSchema.options.map(
  (option) => option.shape.type.value,
);

/**
 * What names one event of each kind for good. Kinds that can happen again to the same record (an invoice paid,
 * refunded and paid again; a subscription past due twice) add the instant they happened.
 */
const IDENTITY: { readonly [T in NotificationType]: (n: NotificationOf<T>) => readonly (string | undefined)[] } = {
  'invoice.finalized': (n) => [n.invoiceId],
  'invoice.paid': (n) => [n.invoiceId, n.paymentId ?? n.creditNoteId, n.occurredAt],
  'invoice.reminder': (n) => [n.invoiceId, `step-${n.reminderStep}`],
  'invoice.overdue': (n) => [n.invoiceId, n.occurredAt],
  'invoice.fee_charged': (n) => [n.invoiceId, n.feeInvoiceId, n.reminderStep?.toString(), n.occurredAt],
  'payment.received': (n) => [n.paymentId],
  'payment.failed': (n) => [n.invoiceId, n.paymentId, n.occurredAt],
  'payment.refunded': (n) => [n.refundId],
  'credit_note.issued': (n) => [n.creditNoteId],
  'subscription.past_due': (n) => [n.subscriptionId, n.occurredAt],
  'subscription.suspended': (n) => [n.subscriptionId, n.occurredAt],
  'subscription.resumed': (n) => [n.subscriptionId, n.occurredAt],
  'statement.issued': (n) => [n.customerId, n.periodStart, n.periodEnd],
};

/** The kinds whose derived key has no instant: each happens at most once to the records it names. */
const ONCE_PER_RECORD: ReadonlySet<NotificationType> = new Set<NotificationType>([
  'invoice.finalized',
  'invoice.reminder',
  'payment.received',
  'payment.refunded',
  'credit_note.issued',
  'statement.issued',
]);

/**
 * Whether a kind happens at most once to the records it names (`invoice.finalized`, `invoice.reminder` per step,
 * `payment.received`, …), so that its derived dedupe key alone names one event for good. The other kinds can happen
 * again to the same record at the same instant (an invoice paid, refunded and paid again on a test clock): an outbox
 * adds its entry's id to their key.
 */
export function happensOncePerRecord(type: NotificationType): boolean {
  return ONCE_PER_RECORD.has(type);
}

/**
 * The notification's stable identity: its `dedupeKey` when set, else one derived from its kind and the ids it
 * names (`invoice.finalized/inv_01J…`). Every delivery of one notification has the same key, and two different
 * notifications never share one, so a receiver (an email `Message-ID`, a webhook consumer) can drop repeats.
 * @example
 * ```ts
 * notificationDedupeKey({ type: 'invoice.reminder', customerId: 'cus_1', invoiceId: 'inv_1', reminderStep: 2,
 *   occurredAt: '2026-03-01T08:00:00.000Z' }); // "invoice.reminder/inv_1/step-2"
 * ```
 */
export function notificationDedupeKey(notification: BillingNotification): string {
  if (notification.dedupeKey !== undefined) return notification.dedupeKey;
  const identity = IDENTITY[notification.type] as (n: BillingNotification) => readonly (string | undefined)[];
  const parts = identity(notification).filter((part): part is string => part !== undefined);
  return [notification.type, ...parts].join('/');
}

/**
 * Whether a dispatcher should try a failed delivery again: `delivery_unavailable` yes; any other `BillingError`
 * (`delivery_rejected`, `invalid_input`, `not_found`, …) no, it would fail the same way; an error that is not a
 * `BillingError` (a dropped database connection while reading records) yes, within the dispatcher's bounded retries.
 */
export function isRetryableDeliveryError(error: unknown): boolean {
  if (!isBillingError(error)) return true;
  return error.code === BillingErrorCode.deliveryUnavailable;
}
