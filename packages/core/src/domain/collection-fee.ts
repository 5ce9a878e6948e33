import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { IdSchema, TimestampSchema } from './common';

/** What a past-due fee is for: a reminder step, statutory interest for a range of days, the fixed compensation. */
export const CollectionFeeKindSchema = z.enum(['reminder', 'interest', 'compensation']);

/** What a past-due fee is for. */
export type CollectionFeeKind = z.infer<typeof CollectionFeeKindSchema>;

/** `YYYY-MM-DD`: a calendar day in the customer's time zone. */
const LocalDaySchema = z.iso.date();

/**
 * One past-due fee charged for an overdue invoice. Finalized invoices never change: the fee is billed on an
 * invoice of its own (`feeInvoiceId`, billing reason `collections_fee`) or as a pending line on the next invoice
 * of a subscription (`subscriptionId`). `key` is unique per overdue invoice, in storage: `reminder/2` (the fee of
 * reminder step 2), `interest/2026-02-15` (interest from that day on: ranges follow each other, so a day is never
 * charged twice), `compensation` (once per invoice). A waived fee keeps its record (`waived`, with the credit note
 * that took it back).
 */
export const CollectionFeeSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  /** The overdue invoice the fee is for. */
  invoiceId: IdSchema,
  kind: CollectionFeeKindSchema,
  key: z.string().min(1).max(100),
  currency: CurrencySchema,
  /** The fee before tax, in `currency`. */
  amount: DecimalStringSchema,
  /** What the fee was computed on: what the overdue invoice still owed. */
  basis: DecimalStringSchema,
  /** The reminder step the fee was charged with. */
  reminderStep: z.number().int().min(1).max(100).optional(),
  /** Interest: the annual rate in percent (reference rate + margin). */
  annualRate: DecimalStringSchema.optional(),
  /** Interest: the first and last day charged (inclusive, the customer's calendar days) and how many. */
  from: LocalDaySchema.optional(),
  to: LocalDaySchema.optional(),
  days: z.number().int().min(1).optional(),
  /** The invoice that bills the fee, when it has its own, and its line. */
  feeInvoiceId: IdSchema.optional(),
  invoiceLineId: IdSchema.optional(),
  /** The subscription whose next invoice bills the fee, when it is a pending line. */
  subscriptionId: IdSchema.optional(),
  status: z.enum(['charged', 'waived']),
  /** The credit note that took a waived fee back (none when it was still a pending line). */
  creditNoteId: IdSchema.optional(),
  waivedAt: TimestampSchema.optional(),
  createdAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** One past-due fee; see {@link CollectionFeeSchema}. */
export type CollectionFee = z.infer<typeof CollectionFeeSchema>;
