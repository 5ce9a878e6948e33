import { z } from 'zod';
import { BillingCodeSchema } from '../../domain/catalog';
import { CollectionMethodSchema } from '../../domain/customer-payment-method';
import {
  CollectionsPolicyNameSchema,
  IdSchema,
  InstantInputSchema,
  MetadataSchema,
  PageRequestSchema,
} from '../../domain/common';
import { displayText } from '../../domain/display-text';
import { PauseBehaviorSchema, SubscriptionStatusSchema } from '../../domain/subscription';
import { BoundedNonNegativeDecimalSchema } from '../../money/schemas';
import { TaxCodeSchema } from '../../tax/tax-code';
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

/** The fields of a one-time item; see {@link OneTimeItemInputSchema}. */
const oneTimeItemFields = {
  priceId: IdSchema.optional(),
  quantity: BoundedNonNegativeDecimalSchema.optional(),
  description: displayText(1000).optional(),
  amount: BoundedNonNegativeDecimalSchema.optional(),
  taxCode: TaxCodeSchema.optional(),
  billingCode: BillingCodeSchema.optional(),
  discountable: z.boolean().default(true),
};

/** The rules across a one-time item's fields: a price or an amount, and what goes with each. */
function checkOneTimeItem(item: z.output<z.ZodObject<typeof oneTimeItemFields>>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if ((item.priceId === undefined) === (item.amount === undefined)) {
    issue('amount', 'give exactly one of priceId and amount');
  }
  if (item.quantity !== undefined && item.priceId === undefined) {
    issue('quantity', 'goes with priceId; an amount is already the line total');
  }
  if (item.amount !== undefined && item.description === undefined) issue('description', 'required with amount');
  if (item.taxCode !== undefined && item.priceId !== undefined) {
    issue('taxCode', "goes with amount; a price is taxed by its product's tax code");
  }
}

/**
 * A one-time item for a subscription's next invoice (its first, for `subscriptions.create`): a `one_time` catalog
 * price rated at `quantity` (default 1: a router at 99.00, a setup fee), described by its product unless
 * `description` is given; or a `description` and an `amount` (with the `taxCode` and `billingCode` to file it
 * under). The subscription's coupon may discount it unless `discountable` is `false` (a coupon limited to products
 * or prices only when it names the item's).
 */
export const OneTimeItemInputSchema = z.strictObject(oneTimeItemFields).superRefine(checkOneTimeItem);

/** A one-time item as given; see {@link OneTimeItemInputSchema}. */
export type OneTimeItemInput = z.input<typeof OneTimeItemInputSchema>;

/** A one-time item once validated (defaults filled in). */
export type OneTimeItem = z.output<typeof OneTimeItemInputSchema>;

/** What {@link SubscriptionService.create} takes. */
export const CreateSubscriptionInputSchema = z
  .strictObject({
    customerId: IdSchema,
    items: ItemsSchema,
    /** Setup fees, hardware: charged once, on the subscription's first invoice. */
    oneTimeItems: z.array(OneTimeItemInputSchema).max(20).optional(),
    /** Billing periods repeat from this instant (default: the trial end, else the start); month ends clamp. */
    anchor: InstantInputSchema.optional(),
    /** A free trial of this many days (in the customer's time zone) from the start. */
    trialDays: z.number().int().min(1).max(730).optional(),
    /** Or a free trial until this instant. */
    trialEnd: InstantInputSchema.optional(),
    couponId: IdSchema.optional(),
    /** A named collections policy for this subscription's dunning (engine config `collectionsPolicies`). */
    collectionsPolicy: CollectionsPolicyNameSchema.optional(),
    /** How its invoices are collected, instead of the customer's `collectionMethod`. */
    collectionMethod: CollectionMethodSchema.optional(),
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

/** What {@link SubscriptionService.addPendingItem} takes: the subscription and one one-time item. */
export const AddPendingItemInputSchema = z
  .strictObject({ subscriptionId: IdSchema, ...oneTimeItemFields, idempotencyKey: IdempotencyKeySchema.optional() })
  .superRefine(checkOneTimeItem);

/** What {@link SubscriptionService.addPendingItem} takes; see {@link AddPendingItemInputSchema}. */
export type AddPendingItemInput = z.input<typeof AddPendingItemInputSchema>;

/** What {@link SubscriptionService.removePendingItem} takes. */
export const RemovePendingItemInputSchema = z.strictObject({ subscriptionId: IdSchema, itemId: IdSchema });

/** What {@link SubscriptionService.removePendingItem} takes; see {@link RemovePendingItemInputSchema}. */
export type RemovePendingItemInput = z.input<typeof RemovePendingItemInputSchema>;

/**
 * What {@link SubscriptionService.scheduleChange} takes: new `items` (all of them) or `cancel: true`, at the next
 * renewal (`at: "period_end"`, the default) or at a later boundary of the subscription's schedule.
 */
export const ScheduleChangeInputSchema = z
  .strictObject({
    subscriptionId: IdSchema,
    at: z.union([z.literal('period_end'), InstantInputSchema]).default('period_end'),
    items: ItemsSchema.optional(),
    cancel: z.literal(true).optional(),
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .refine((input) => (input.items === undefined) !== (input.cancel === undefined), {
    path: ['items'],
    message: 'give exactly one of items and cancel',
  });

/** What {@link SubscriptionService.scheduleChange} takes; see {@link ScheduleChangeInputSchema}. */
export type ScheduleChangeInput = z.input<typeof ScheduleChangeInputSchema>;

/** What {@link SubscriptionService.unscheduleChange} takes. */
export const UnscheduleChangeInputSchema = z.strictObject({ subscriptionId: IdSchema, changeId: IdSchema });

/** What {@link SubscriptionService.unscheduleChange} takes; see {@link UnscheduleChangeInputSchema}. */
export type UnscheduleChangeInput = z.input<typeof UnscheduleChangeInputSchema>;

/**
 * What {@link SubscriptionService.pause} takes: how it is billed while paused (see `PauseBehaviorSchema`), from
 * when (default now; inside the current period) and, optionally, when it resumes.
 */
export const PauseSubscriptionInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  behavior: PauseBehaviorSchema,
  at: InstantInputSchema.optional(),
  resumeAt: InstantInputSchema.optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** What {@link SubscriptionService.pause} takes; see {@link PauseSubscriptionInputSchema}. */
export type PauseSubscriptionInput = z.input<typeof PauseSubscriptionInputSchema>;

/** What {@link SubscriptionService.resume} takes: when it resumes (default now). */
export const ResumeSubscriptionInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  at: InstantInputSchema.optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** What {@link SubscriptionService.resume} takes; see {@link ResumeSubscriptionInputSchema}. */
export type ResumeSubscriptionInput = z.input<typeof ResumeSubscriptionInputSchema>;

/** What {@link SubscriptionService.applyCoupon} takes: the coupon that discounts its invoices from the next one. */
export const ApplyCouponInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  couponId: IdSchema,
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** What {@link SubscriptionService.applyCoupon} takes; see {@link ApplyCouponInputSchema}. */
export type ApplyCouponInput = z.input<typeof ApplyCouponInputSchema>;
