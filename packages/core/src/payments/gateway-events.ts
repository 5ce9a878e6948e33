import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { TimestampSchema } from '../domain/common';

const DeclineSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string(),
  kind: z.enum(['soft', 'hard']),
});

/** What every verified webhook event carries. */
const EventBaseSchema = z.strictObject({
  /** The gateway it came from (`stripe`, `paypal`). */
  gateway: z.string().min(1),
  /** The provider's event id: the same for every delivery of one event (dedupe on it). */
  eventId: z.string().min(1),
  /** This delivery (signature timestamp and signature, PayPal's transmission id): a second request with it is a replay. */
  deliveryId: z.string().min(1),
  /** When the provider says the event happened; events arrive in any order, so compare this, not arrival. */
  occurredAt: TimestampSchema,
  /** The provider's own event type (`payment_intent.succeeded`, `PAYMENT.CAPTURE.COMPLETED`). */
  providerType: z.string().min(1),
});

const PaymentEventBase = EventBaseSchema.extend({
  /** The payment the event is about, as {@link GatewayPayment.id}. */
  paymentId: z.string().min(1),
  amount: DecimalStringSchema,
  currency: CurrencySchema,
  /** The Billfold invoices the payment was for (from the metadata sent with it); empty when unknown. */
  invoiceIds: z.array(z.string()),
  /** The idempotency key that created the payment, when the provider echoes it. */
  idempotencyKey: z.string().optional(),
});

/**
 * A verified webhook event in the engine's terms. Events the engine does not act on come as `ignored` so that
 * a handler can acknowledge them.
 */
export const GatewayEventSchema = z.discriminatedUnion('type', [
  PaymentEventBase.extend({
    type: z.literal('payment.succeeded'),
    fee: z.strictObject({ amount: DecimalStringSchema, currency: CurrencySchema }).optional(),
    chargeId: z.string().optional(),
  }),
  PaymentEventBase.extend({ type: z.literal('payment.failed'), decline: DeclineSchema }),
  EventBaseSchema.extend({
    type: z.literal('refund.succeeded'),
    refundId: z.string().min(1),
    paymentId: z.string().min(1),
    amount: DecimalStringSchema,
    currency: CurrencySchema,
  }),
  EventBaseSchema.extend({
    type: z.literal('refund.failed'),
    refundId: z.string().min(1),
    paymentId: z.string().min(1),
    amount: DecimalStringSchema,
    currency: CurrencySchema,
  }),
  EventBaseSchema.extend({
    type: z.literal('dispute.opened'),
    disputeId: z.string().min(1),
    paymentId: z.string().min(1),
    /** The amount held while the dispute is open. */
    amount: DecimalStringSchema,
    currency: CurrencySchema,
    reason: z.string(),
  }),
  EventBaseSchema.extend({
    type: z.literal('dispute.closed'),
    disputeId: z.string().min(1),
    paymentId: z.string().min(1),
    amount: DecimalStringSchema,
    currency: CurrencySchema,
    /** `won`: the held amount comes back; `lost`: it is gone. */
    outcome: z.enum(['won', 'lost']),
  }),
  EventBaseSchema.extend({
    type: z.literal('setup.succeeded'),
    setupId: z.string().min(1),
    customerReference: z.string().min(1),
    paymentMethodId: z.string().min(1),
  }),
  EventBaseSchema.extend({ type: z.literal('ignored') }),
]);

/** A verified webhook event in the engine's terms. */
export type GatewayEvent = z.infer<typeof GatewayEventSchema>;

/** The `type` of a {@link GatewayEvent}. */
export type GatewayEventType = GatewayEvent['type'];
