import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema, NonNegativeDecimalSchema } from '../money/schemas';
import { BillingIntervalSchema } from '../periods/billing-periods';
import { CollectionsPolicyNameSchema, IdSchema, MetadataSchema, TimestampSchema } from './common';

/**
 * The life of a subscription. Dunning moves an `active` one to `past_due` when an invoice of it is overdue, then to
 * `unpaid` (see `dunning`), and back to `active` once the overdue invoices are paid; `paused` bills nothing and is
 * left to the host (dunning records its state in `dunning` but never changes a paused status).
 */
export const SubscriptionStatusSchema = z.enum(['trialing', 'active', 'past_due', 'unpaid', 'canceled', 'paused']);

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
  kind: z.enum(['proration', 'one_off', 'fee']),
  /** The past-due fee (`CollectionFee`) the line bills, for `fee` lines. */
  feeId: IdSchema.optional(),
});

/** How far dunning has gone: past due, unpaid, service suspended, or ended for non-payment. */
export const DunningStageSchema = z.enum(['past_due', 'unpaid', 'suspended', 'canceled']);

/** How far dunning has gone. */
export type DunningStage = z.infer<typeof DunningStageSchema>;

/**
 * A subscription's dunning state while an invoice of it is overdue (set by the collections run, cleared when the
 * overdue invoices are settled). `suspended` is an access state: the subscription is still billed, but the host
 * should stop (or throttle) the service — see `collections.access`.
 */
export const DunningSchema = z.object({
  stage: DunningStageSchema,
  /** The overdue invoice that started it. */
  invoiceId: IdSchema,
  /** When the subscription became past due. */
  since: TimestampSchema,
  /** When it reached `stage`. */
  stageSince: TimestampSchema,
  /** When the service was suspended (kept when dunning goes on to cancel it). */
  suspendedAt: TimestampSchema.optional(),
});

/** A subscription's dunning state. */
export type Dunning = z.infer<typeof DunningSchema>;

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
  /** The named collections policy of this subscription's dunning (engine config `collectionsPolicies`). */
  collectionsPolicy: CollectionsPolicyNameSchema.optional(),
  /** Dunning in progress: present while an invoice of the subscription is overdue. */
  dunning: DunningSchema.optional(),
  metadata: MetadataSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** A subscription as stored. */
export type Subscription = z.infer<typeof SubscriptionSchema>;
