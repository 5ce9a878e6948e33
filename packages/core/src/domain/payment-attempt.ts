import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { IdSchema, TimestampSchema } from './common';

/**
 * Where one attempt to charge an invoice through a gateway stands:
 * - `scheduled`: to be charged at `dueAt` (an invoice of a customer charged automatically, just finalized);
 * - `pending`: sent (or about to be sent) to the provider under its idempotency key; `dueAt` is when its lease ends
 *   and another process may resend it with the same key (the provider replays, never charges twice);
 * - `requires_action`: the customer must act in the browser (3-D Secure, PayPal approval); the portal finishes it;
 * - `processing`: the provider accepted it and tells the outcome by webhook;
 * - `succeeded`: charged, recorded as the ledger payment `paymentId`;
 * - `failed`: declined (`decline`); `dueAt` is when the retry is due, absent when none is left;
 * - `canceled`: not charged because the invoice was settled another way first.
 */
export const PaymentAttemptStatusSchema = z.enum([
  'scheduled',
  'pending',
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
]);

/** Where a payment attempt stands; see {@link PaymentAttemptStatusSchema}. */
export type PaymentAttemptStatus = z.infer<typeof PaymentAttemptStatusSchema>;

/** Why a provider declined an attempt: its code, its message (safe to show) and whether a retry may succeed. */
export const AttemptDeclineSchema = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(500),
  kind: z.enum(['soft', 'hard']),
});

/** Why a provider declined an attempt. */
export type AttemptDecline = z.infer<typeof AttemptDeclineSchema>;

/** A fee the provider reported for a payment, in the currency it charges fees in. */
export const ProviderFeeSchema = z.object({ amount: DecimalStringSchema, currency: CurrencySchema });

/** A fee the provider reported for a payment. */
export type ProviderFee = z.infer<typeof ProviderFeeSchema>;

/**
 * One attempt to take an invoice's money through a gateway. Unique: `idempotencyKey` (what the provider got:
 * `<invoiceId>:attempt:<n>` for automatic charges, `portal:<customerId>:…` for the portal's), and
 * (`gateway`, `providerPaymentId`) once the provider named its payment, and (`gateway`, `chargeId`).
 */
export const PaymentAttemptSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  invoiceId: IdSchema,
  /** Every invoice the payment is for, `invoiceId` first, when there are more (the portal pays several at once). */
  invoiceIds: z.array(IdSchema).min(2).max(20).optional(),
  /** The gateway charged (`stripe`, `paypal`). */
  gateway: z.string().min(1).max(40),
  /** 1 for the first attempt on the invoice, then 2, 3, … for each retry. */
  attemptNumber: z.number().int().min(1),
  /** `automatic`: charged at finalization; `retry`: a scheduled retry; `portal`: the customer paid; `webhook`: a payment the engine learned of from the provider. */
  trigger: z.enum(['automatic', 'retry', 'portal', 'webhook']),
  status: PaymentAttemptStatusSchema,
  amount: DecimalStringSchema,
  currency: CurrencySchema,
  idempotencyKey: z.string().min(1).max(100),
  /** The saved method charged (`CustomerPaymentMethod.id`). */
  paymentMethodId: IdSchema.optional(),
  /** The provider's payment (Stripe PaymentIntent, PayPal order). */
  providerPaymentId: z.string().min(1).max(255).optional(),
  /** The provider's id of the money movement (Stripe charge, PayPal capture): some providers' refund and dispute events name it. */
  chargeId: z.string().min(1).max(255).optional(),
  decline: AttemptDeclineSchema.optional(),
  /** When the decline was recorded. */
  failedAt: TimestampSchema.optional(),
  fee: ProviderFeeSchema.optional(),
  /** The ledger payment recorded when the attempt succeeded. */
  paymentId: IdSchema.optional(),
  /** When the charging run looks at the attempt next (see {@link PaymentAttemptStatusSchema}); absent when never. */
  dueAt: TimestampSchema.optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** One attempt to charge an invoice through a gateway, as stored. */
export type PaymentAttempt = z.infer<typeof PaymentAttemptSchema>;
