import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { IdSchema, MetadataSchema, TimestampSchema } from './common';
import { LineTaxSchema } from './invoice';

/** One line of a credit note: the part of an invoice line it takes back. */
export const CreditNoteLineSchema = z.object({
  id: IdSchema,
  /** The invoice line corrected, when the credit refers to one. */
  invoiceLineId: IdSchema.optional(),
  description: z.string().min(1).max(10_000),
  amount: DecimalStringSchema,
  taxes: z.array(LineTaxSchema),
});

/** One line of a credit note. */
export type CreditNoteLine = z.infer<typeof CreditNoteLineSchema>;

/**
 * A credit note: the only way to correct a finalized invoice. Its total first reduces what is still due
 * on the invoice (`appliedToInvoice`); the rest becomes customer credit (`creditedToBalance`).
 */
export const CreditNoteSchema = z.object({
  id: IdSchema,
  number: z.string().min(1),
  invoiceId: IdSchema,
  invoiceNumber: z.string().min(1),
  customerId: IdSchema,
  currency: CurrencySchema,
  reason: z.enum(['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other']),
  memo: z.string().max(2000).optional(),
  lines: z.array(CreditNoteLineSchema).min(1),
  subtotal: DecimalStringSchema,
  taxTotal: DecimalStringSchema,
  total: DecimalStringSchema,
  appliedToInvoice: DecimalStringSchema,
  creditedToBalance: DecimalStringSchema,
  issuedAt: TimestampSchema,
  metadata: MetadataSchema,
});

/** A credit note as stored. */
export type CreditNote = z.infer<typeof CreditNoteSchema>;
