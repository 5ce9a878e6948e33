import {
  CatalogPriceSchema,
  IdSchema,
  NonNegativeDecimalSchema,
  PendingLineSchema,
  ProductSchema,
  SubscriptionSchema,
} from '@billfold/core';
import { z } from 'zod';
import { InvoiceViewSchema } from './document-views';

/** A subscription as its customer sees it, without the host's custom fields. */
export const SubscriptionViewSchema = SubscriptionSchema.omit({
  metadata: true,
  version: true,
  couponPeriodsUsed: true,
  collectionsPolicy: true,
});

/** A price a customer has or may switch to: the catalog price with its product's name and billing code. */
export const PriceViewSchema = z.object({
  priceId: IdSchema,
  productId: IdSchema,
  productName: ProductSchema.shape.name,
  billingCode: ProductSchema.shape.billingCode,
  interval: CatalogPriceSchema.shape.interval,
  intervalCount: z.number().int(),
  timing: z.enum(['in_advance', 'in_arrears']),
  spec: CatalogPriceSchema.shape.spec,
});

/** A price as its customer sees it. */
export type PriceView = z.infer<typeof PriceViewSchema>;

/** `GET /subscriptions/{subscriptionId}`: the subscription and the prices on it. */
export const SubscriptionDetailSchema = z.object({
  subscription: SubscriptionViewSchema,
  prices: z.array(PriceViewSchema),
});

/** `GET /subscriptions/{subscriptionId}/plan-options`: the prices the host lets this customer switch to. */
export const PlanOptionsSchema = z.object({
  prices: z.array(PriceViewSchema),
  /** How a confirmed change is prorated: on the next invoice, invoiced at once, or not at all. */
  prorate: z.enum(['next_invoice', 'immediate', 'none']),
});

/** The subscription's items after a change: every item, each price at most once. */
export const PlanChangeInputSchema = z.strictObject({
  items: z
    .array(z.strictObject({ priceId: IdSchema, quantity: NonNegativeDecimalSchema.default('1') }))
    .min(1)
    .max(20),
});

/** What a plan change would do, and the signed quote that confirms exactly it. */
export const PlanChangePreviewSchema = z.object({
  /** Send back to `POST …/change` within `expiresAt` to make this very change with the same proration. */
  quote: z.string(),
  expiresAt: z.string(),
  /** The instant the change is prorated from. */
  effectiveAt: z.string(),
  prorate: z.enum(['next_invoice', 'immediate', 'none']),
  /** Credit for unused time and debit for the rest of the period (before tax). */
  prorationLines: z.array(PendingLineSchema),
  /** Invoices the change would issue now (`immediate`); not stored. */
  invoices: z.array(InvoiceViewSchema),
  /** The invoice of the next period boundary after the change, or `null` when it charges nothing. */
  upcomingInvoice: InvoiceViewSchema.nullable(),
  subscription: SubscriptionViewSchema,
});

/** `POST …/change`: the quote of a preview. */
export const PlanChangeConfirmSchema = z.strictObject({ quote: z.string().min(1).max(4000) });

/** What a change or cancellation did. */
export const SubscriptionChangeResultSchema = z.object({
  subscription: SubscriptionViewSchema,
  invoices: z.array(InvoiceViewSchema),
  creditIssued: z.string().optional(),
});

/** Why a customer cancels: the answer of a cancellation survey. */
export const CancellationReasonSchema = z.enum([
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'customer_service',
  'too_complex',
  'low_quality',
  'other',
]);

/** `POST …/cancel`: at the end of the paid period (default) or now, and why. */
export const CancelInputSchema = z.strictObject({
  atPeriodEnd: z.boolean().default(true),
  reason: CancellationReasonSchema,
  comment: z.string().max(1000).optional(),
});

/** `POST …/pause`: when it resumes by itself (default: after the host's longest pause, or only when resumed). */
export const PauseInputSchema = z.strictObject({ resumeAt: z.iso.datetime({ offset: true }).optional() });

/** `POST …/resume`: nothing to choose; it withdraws a pending cancellation, or else resumes a pause now. */
export const ResumeInputSchema = z.strictObject({});

/** `GET …/upcoming-invoice`: the invoice the next billing run will make, or `null`. */
export const UpcomingInvoiceSchema = z.object({ invoice: InvoiceViewSchema.nullable() });

/** `GET …/usage`: each metered price's usage in the current period and what it comes to so far. */
export const UsageViewSchema = z.object({
  subscriptionId: IdSchema,
  from: z.string(),
  to: z.string(),
  meters: z.array(
    z.object({
      priceId: IdSchema,
      meterId: IdSchema,
      meterName: z.string(),
      eventName: z.string(),
      aggregation: z.string(),
      quantity: z.string(),
      /** The usage so far rated against the price: the charge if the period ended now (an estimate until invoiced). */
      projectedAmount: z.string(),
      currency: z.string(),
    }),
  ),
});
