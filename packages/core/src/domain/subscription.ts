import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema, NonNegativeDecimalSchema } from '../money/schemas';
import { BillingIntervalSchema } from '../periods/billing-periods';
import { TaxCodeSchema } from '../tax/tax-code';
import { CollectionsPolicyNameSchema, IdSchema, MetadataSchema, TimestampSchema } from './common';
import { CollectionMethodSchema } from './customer-payment-method';

/**
 * The life of a subscription. Dunning moves an `active` one to `past_due` when an invoice of it is overdue, then to
 * `unpaid` (see `dunning`), and back to `active` once the overdue invoices are paid. `paused` (by
 * `subscriptions.pause`) charges nothing in advance until it is resumed, see {@link SubscriptionPauseSchema};
 * dunning records its state in `dunning` but never changes a paused status, and resuming returns to the status
 * dunning's stage calls for (`past_due` or `unpaid` while an invoice is still overdue).
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
 * A line waiting for the subscription's next invoice: the credit and debit of a mid-cycle plan change
 * (`proration`) when the change is not invoiced at once, or a one-time item (`one_off`: a setup fee or hardware
 * on the first invoice, a pending invoice item added later). Pending invoice items have an `id`
 * (`subscriptions.listPendingItems`, `removePendingItem`).
 */
export const PendingLineSchema = z.object({
  /** Set on one-time items (`pii_…`), so they can be listed and removed before they are invoiced. */
  id: IdSchema.optional(),
  description: z.string().min(1).max(1000),
  /** The line's amount, in the subscription's currency; negative for a credit. */
  amount: DecimalStringSchema,
  /** What the line prints as its quantity and unit price (default: one unit of `amount`). */
  quantity: DecimalStringSchema.optional(),
  unitAmount: DecimalStringSchema.optional(),
  billingCode: z.string().max(40).optional(),
  priceId: IdSchema.optional(),
  /** The line's tax code (its product's, or given): taxed at that code's rates instead of the customer's. */
  taxCode: TaxCodeSchema.optional(),
  /** Whether the subscription's coupon may discount it (one-time items; proration lines never: they carry it). */
  discountable: z.boolean().optional(),
  /** The service period (proration lines); one-time items and fees have none. */
  periodStart: TimestampSchema.optional(),
  periodEnd: TimestampSchema.optional(),
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
 * How a paused subscription is billed:
 * - `restart`: the current period ends at the pause, the time paid for beyond it is credited to the customer's
 *   balance, nothing is billed and no usage is taken while paused, and a new billing period starts (and is
 *   invoiced) when it resumes;
 * - `keep_schedule`: the periods run on as scheduled; those that start while it is paused are charged nothing in
 *   advance (their usage is still billed), nothing is credited, and resuming inside such a period charges its
 *   rest, prorated.
 */
export const PauseBehaviorSchema = z.enum(['restart', 'keep_schedule']);

/** How a paused subscription is billed; see {@link PauseBehaviorSchema}. */
export type PauseBehavior = z.infer<typeof PauseBehaviorSchema>;

/** Why and since when a subscription is paused, and when it resumes (set by `subscriptions.resume` or up front). */
export const SubscriptionPauseSchema = z.object({
  behavior: PauseBehaviorSchema,
  pausedAt: TimestampSchema,
  resumeAt: TimestampSchema.optional(),
});

/** A subscription's pause; see {@link SubscriptionPauseSchema}. */
export type SubscriptionPause = z.infer<typeof SubscriptionPauseSchema>;

/**
 * A change the billing run applies at a boundary of the subscription (the next renewal or a later one): new items
 * (a downgrade, a switch to a yearly plan) or the end of the subscription. Listed and cancellable until then.
 */
export const ScheduledChangeSchema = z.discriminatedUnion('action', [
  z.object({
    id: IdSchema,
    action: z.literal('change_items'),
    /** The boundary it applies at (the first one billed at or after this instant). */
    at: TimestampSchema,
    /** Every item of the subscription from then on. */
    items: z.array(SubscriptionItemSchema).min(1).max(20),
    /** The schedule of the new items; when it differs, periods repeat from the boundary the change applies at. */
    interval: BillingIntervalSchema,
    intervalCount: z.number().int().min(1),
    createdAt: TimestampSchema,
  }),
  z.object({ id: IdSchema, action: z.literal('cancel'), at: TimestampSchema, createdAt: TimestampSchema }),
]);

/** A change scheduled for a boundary; see {@link ScheduledChangeSchema}. */
export type ScheduledChange = z.infer<typeof ScheduledChangeSchema>;

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
  /** Set while paused (status `paused`); see {@link SubscriptionPauseSchema}. */
  pause: SubscriptionPauseSchema.optional(),
  /** Changes waiting for a boundary, by `at`; absent when there are none. */
  scheduledChanges: z.array(ScheduledChangeSchema).max(10).optional(),
  /** The named collections policy of this subscription's dunning (engine config `collectionsPolicies`). */
  collectionsPolicy: CollectionsPolicyNameSchema.optional(),
  /** How this subscription's invoices are collected, instead of the customer's `collectionMethod`. */
  collectionMethod: CollectionMethodSchema.optional(),
  /** Dunning in progress: present while an invoice of the subscription is overdue. */
  dunning: DunningSchema.optional(),
  metadata: MetadataSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** A subscription as stored. */
export type Subscription = z.infer<typeof SubscriptionSchema>;
