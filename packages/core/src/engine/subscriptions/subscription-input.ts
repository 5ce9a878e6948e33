import { z } from 'zod';
import {
  CollectionsPolicyNameSchema,
  IdSchema,
  InstantInputSchema,
  MetadataSchema,
  PageRequestSchema,
} from '../../domain/common';
import { SubscriptionStatusSchema } from '../../domain/subscription';
import { BoundedNonNegativeDecimalSchema } from '../../money/schemas';
import { IdempotencyKeySchema } from '../amount-schemas';

/** One price on a subscription and how many of it; metered prices take quantity `"1"`. */
export const SubscriptionItemInputSchema = z.strictObject({
  priceId: IdSchema,
  quantity: BoundedNonNegativeDecimalSchema.default('1'),
});

const ItemsSchema = z
  .array(SubscriptionItemInputSchema)
  .min(1, 'a subscription needs at least one price')
  .max(20, 'at most 20 prices per subscription')
  .superRefine((items, ctx) => {
    items.forEach((item, i) => {
      if (items.findIndex((other) => other.priceId === item.priceId) < i) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'priceId'],
          message: 'each price at most once: raise its quantity instead',
        });
      }
    });
  });

/** What {@link SubscriptionService.create} takes. */
export const CreateSubscriptionInputSchema = z
  .strictObject({
    customerId: IdSchema,
    items: ItemsSchema,
    /** Billing periods repeat from this instant (default: the trial end, else the start); month ends clamp. */
    anchor: InstantInputSchema.optional(),
    /** A free trial of this many days (in the customer's time zone) from the start. */
    trialDays: z.number().int().min(1).max(730).optional(),
    /** Or a free trial until this instant. */
    trialEnd: InstantInputSchema.optional(),
    couponId: IdSchema.optional(),
    /** A named collections policy for this subscription's dunning (engine config `collectionsPolicies`). */
    collectionsPolicy: CollectionsPolicyNameSchema.optional(),
    /** When the subscription starts (default now); a future start is billed by the run at that instant. */
    startAt: InstantInputSchema.optional(),
    metadata: MetadataSchema.default({}),
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .refine((input) => input.trialDays === undefined || input.trialEnd === undefined, {
    path: ['trialEnd'],
    message: 'give trialDays or trialEnd, not both',
  });

/** What {@link SubscriptionService.create} takes; see {@link CreateSubscriptionInputSchema}. */
export type CreateSubscriptionInput = z.input<typeof CreateSubscriptionInputSchema>;

/** What {@link SubscriptionService.change} takes: the subscription's new items (all of them) and how to prorate. */
export const ChangeSubscriptionInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  items: ItemsSchema,
  /** `next_invoice`: credit and debit lines wait for the next invoice; `immediate`: invoiced now; `none`: no proration. */
  prorate: z.enum(['next_invoice', 'immediate', 'none']).default('next_invoice'),
  /** When the change takes effect (default now); inside the current period. */
  at: InstantInputSchema.optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** What {@link SubscriptionService.change} takes; see {@link ChangeSubscriptionInputSchema}. */
export type ChangeSubscriptionInput = z.input<typeof ChangeSubscriptionInputSchema>;

/** What {@link SubscriptionService.cancel} takes. */
export const CancelSubscriptionInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  /** `true`: runs to the end of the paid period; `false`: ends now (usage so far is still billed by the next run). */
  atPeriodEnd: z.boolean(),
  /** When ending now: credit the unused part of the in-advance charges to the customer's balance. Default false. */
  prorate: z.boolean().default(false),
  /** When it ends, for `atPeriodEnd: false` (default now); inside the current period. */
  at: InstantInputSchema.optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** What {@link SubscriptionService.cancel} takes; see {@link CancelSubscriptionInputSchema}. */
export type CancelSubscriptionInput = z.input<typeof CancelSubscriptionInputSchema>;

/** What {@link SubscriptionService.preview} takes. */
export const PreviewInvoiceInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  /** Count usage up to this instant (default now); the invoice is the one of the next boundary. */
  at: InstantInputSchema.optional(),
});

/** What {@link SubscriptionService.preview} takes; see {@link PreviewInvoiceInputSchema}. */
export type PreviewInvoiceInput = z.input<typeof PreviewInvoiceInputSchema>;

/** What {@link SubscriptionService.list} takes: optional filters and a page. */
export const ListSubscriptionsInputSchema = PageRequestSchema.extend({
  customerId: IdSchema.optional(),
  status: SubscriptionStatusSchema.optional(),
}).strict();

/** What {@link SubscriptionService.list} takes; see {@link ListSubscriptionsInputSchema}. */
export type ListSubscriptionsInput = z.input<typeof ListSubscriptionsInputSchema>;
