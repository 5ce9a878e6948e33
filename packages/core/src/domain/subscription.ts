import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema, NonNegativeDecimalSchema } from '../money/schemas';
import { BillingIntervalSchema } from '../periods/billing-periods';
import { IdSchema, MetadataSchema, TimestampSchema } from './common';

/** The life of a subscription. `past_due` when an invoice of it is overdue; `paused` bills nothing. */
export const SubscriptionStatusSchema = z.enum(['trialing', 'active', 'past_due', 'canceled', 'paused']);

/** The life of a subscription. */
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

/** One price on a subscription and how many of it (seats, lines, units); metered items keep quantity "1". */
export const SubscriptionItemSchema = z.object({
  id: IdSchema,
  priceId: IdSchema,
  quantity: NonNegativeDecimalSchema,
});

/** One item of a subscription. */
export type SubscriptionItem = z.infer<typeof SubscriptionItemSchema>;

/**
 * A line waiting for the subscription's next invoice, such as the credit and debit of a mid-cycle
 * plan change (proration) when the change is not invoiced at once.
 */
export const PendingLineSchema = z.object({
  description: z.string().min(1).max(1000),
  amount: DecimalStringSchema,
  billingCode: z.string().max(40).optional(),
  priceId: IdSchema.optional(),
  periodStart: TimestampSchema,
  periodEnd: TimestampSchema,
  kind: z.enum(['proration', 'one_off']),
});

/** A line waiting for the next invoice. */
export type PendingLine = z.infer<typeof PendingLineSchema>;

/**
 * A subscription as stored. `nextBillingAt` is the next boundary the billing run must invoice: at
 * that instant the in-arrears usage of the period that ends and the in-advance charges of the period
 * that begins go on one invoice.
 */
export const SubscriptionSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  currency: CurrencySchema,
  status: SubscriptionStatusSchema,
  items: z.array(SubscriptionItemSchema).min(1).max(20),
  interval: BillingIntervalSchema,
  intervalCount: z.number().int().min(1),
  /** The instant billing periods are counted from (month-end anchors clamp). */
  anchor: TimestampSchema,
  currentPeriodStart: TimestampSchema,
  currentPeriodEnd: TimestampSchema,
  /** The next period boundary to invoice; absent once the subscription has ended and is fully billed. */
  nextBillingAt: TimestampSchema.optional(),
  trialEnd: TimestampSchema.optional(),
  cancelAtPeriodEnd: z.boolean(),
  canceledAt: TimestampSchema.optional(),
  endedAt: TimestampSchema.optional(),
  couponId: IdSchema.optional(),
  /** How many invoices the coupon has discounted so far. */
  couponPeriodsUsed: z.number().int().min(0),
  pendingLines: z.array(PendingLineSchema),
  metadata: MetadataSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** A subscription as stored. */
export type Subscription = z.infer<typeof SubscriptionSchema>;
