import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { TimeZoneSchema } from '../periods/billing-periods';
import { TaxRateSchema } from '../tax/tax-rate';
import { TaxStatusSchema } from '../tax/tax-status';
import { AddressSchema, IdSchema, MetadataSchema, TaxIdSchema, TimestampSchema } from './common';

/** Where an invoice is in its life: `draft → open → paid | void | uncollectible`. */
export const InvoiceStatusSchema = z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']);

/** Where an invoice is in its life. */
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** Tax on one line for one rate. */
export const LineTaxSchema = z.object({ rateId: IdSchema, amount: DecimalStringSchema });

/**
 * One tier of a line rated on a graduated price: `quantity` units at `unitAmount` (plus the tier's `flatAmount`),
 * `amount` exact (the line's amount is their sum, rounded once). `upTo` is absent on the last, open tier.
 */
export const InvoiceLineTierSchema = z.object({
  from: DecimalStringSchema,
  upTo: DecimalStringSchema.optional(),
  quantity: DecimalStringSchema,
  unitAmount: DecimalStringSchema,
  flatAmount: DecimalStringSchema.optional(),
  amount: DecimalStringSchema,
});

/** One tier of a graduated line; see {@link InvoiceLineTierSchema}. */
export type InvoiceLineTier = z.infer<typeof InvoiceLineTierSchema>;

/** One line of an invoice, with its discount and taxes, amounts in the invoice currency. */
export const InvoiceLineSchema = z.object({
  id: IdSchema,
  kind: z.enum(['subscription', 'usage', 'proration', 'one_off', 'fee', 'minimum_commitment']),
  description: z.string().min(1).max(10_000),
  billingCode: z.string().max(40).optional(),
  priceId: IdSchema.optional(),
  quantity: DecimalStringSchema.optional(),
  /** Unit price where one applies (may carry more decimals than the currency). */
  unitAmount: DecimalStringSchema.optional(),
  periodStart: TimestampSchema.optional(),
  periodEnd: TimestampSchema.optional(),
  /** How a graduated price came to the amount, tier by tier (usage lines). */
  tiers: z.array(InvoiceLineTierSchema).optional(),
  amount: DecimalStringSchema,
  discountAmount: DecimalStringSchema,
  taxableAmount: DecimalStringSchema,
  taxes: z.array(LineTaxSchema),
});

/** One line of an invoice. */
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

/** Tax per rate over the whole invoice. */
export const InvoiceTaxSchema = z.object({
  rateId: IdSchema,
  taxableAmount: DecimalStringSchema,
  amount: DecimalStringSchema,
});

/** The customer as they were when the invoice was finalized; later profile changes do not touch it. */
export const CustomerSnapshotSchema = z.object({
  name: z.string(),
  email: z.string(),
  address: AddressSchema.optional(),
  taxIds: z.array(TaxIdSchema),
  taxStatus: TaxStatusSchema,
  locale: z.string(),
  /** The customer's IANA time zone: documents print dates (the due date above all) in it. Absent on older records. */
  timeZone: TimeZoneSchema.optional(),
});

/** The customer's details frozen on a finalized invoice. */
export type CustomerSnapshot = z.infer<typeof CustomerSnapshotSchema>;

/**
 * An invoice as stored. Amounts are decimal strings in major units with the currency's decimals.
 * Once `status` leaves `draft` the lines, totals, number and snapshot never change: only `status`,
 * `amountPaid`, `amountCredited`, `amountRemaining`, the collections fields, `dispute` and `version` do.
 */
export const InvoiceSchema = z.object({
  id: IdSchema,
  /** Gapless per sequence, assigned at finalization (`INV-2026-000123`). */
  number: z.string().optional(),
  /** The numbering sequence (prefix) the number comes from. */
  sequence: z.string().min(1).max(40),
  customerId: IdSchema,
  subscriptionId: IdSchema.optional(),
  /** Why the invoice was made; `collections_fee` invoices carry past-due fees (see `CollectionFee`). */
  billingReason: z.enum([
    'subscription_create',
    'subscription_cycle',
    'subscription_update',
    'manual',
    'collections_fee',
  ]),
  status: InvoiceStatusSchema,
  currency: CurrencySchema,
  periodStart: TimestampSchema.optional(),
  periodEnd: TimestampSchema.optional(),
  lines: z.array(InvoiceLineSchema),
  /** The tax rates the lines refer to, as they were when the invoice was made. */
  taxRates: z.array(TaxRateSchema),
  subtotal: DecimalStringSchema,
  discountTotal: DecimalStringSchema,
  taxes: z.array(InvoiceTaxSchema),
  taxTotal: DecimalStringSchema,
  roundingAmount: DecimalStringSchema,
  total: DecimalStringSchema,
  creditApplied: DecimalStringSchema,
  amountDue: DecimalStringSchema,
  amountPaid: DecimalStringSchema,
  /** Reduced by credit notes issued against the invoice. */
  amountCredited: DecimalStringSchema,
  /** amountDue − amountPaid − amountCredited; zero once paid. */
  amountRemaining: DecimalStringSchema,
  /** Legal notes printed on the invoice (reverse charge). */
  notes: z.array(z.string()),
  customerSnapshot: CustomerSnapshotSchema.optional(),
  createdAt: TimestampSchema,
  issuedAt: TimestampSchema.optional(),
  dueAt: TimestampSchema.optional(),
  paidAt: TimestampSchema.optional(),
  voidedAt: TimestampSchema.optional(),
  /**
   * Collections: the number of the last reminder step reached (0: none; a run that finds several steps due sends
   * the latest and passes the earlier ones).
   */
  remindersSent: z.number().int().min(0),
  /** Whether the invoice is overdue now: open past its due date plus the policy's grace period. */
  overdue: z.boolean(),
  /** When the invoice became overdue (its due date plus grace); kept as history once it is settled. */
  overdueAt: TimestampSchema.optional(),
  /** When the last reminder was sent. */
  lastReminderAt: TimestampSchema.optional(),
  /**
   * The next instant the collections run looks at this invoice (a reminder, the overdue flag, a dunning step);
   * absent when nothing is planned. Only open invoices are collected.
   */
  collectionsDueAt: TimestampSchema.optional(),
  /** A chargeback on a payment of this invoice: flagged while `open`, kept as history once closed. */
  dispute: z
    .object({
      id: z.string().min(1).max(255),
      paymentId: IdSchema,
      status: z.enum(['open', 'won', 'lost']),
      amount: DecimalStringSchema,
      openedAt: TimestampSchema,
      closedAt: TimestampSchema.optional(),
    })
    .optional(),
  metadata: MetadataSchema,
  version: z.number().int().min(1),
});

/** An invoice as stored. */
export type Invoice = z.infer<typeof InvoiceSchema>;
