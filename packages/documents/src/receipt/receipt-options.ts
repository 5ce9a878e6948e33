import { CustomerSnapshotSchema } from '@billfold/core';
import { z } from 'zod';
import { RenderOptionsSchema } from '../render-options';

/** The formats a receipt comes in: a receipt is no invoice, so there is no e-invoice (UBL) of it. */
export const ReceiptFormatSchema = z.enum(['html', 'pdf', 'csv']);

/** One of the receipt formats, see {@link ReceiptFormatSchema}. */
export type ReceiptFormat = z.infer<typeof ReceiptFormatSchema>;

/**
 * Options of {@link renderReceipt}: those of the invoice documents (seller, locale, time zone, paper, fonts),
 * `html`, `pdf` or `csv` as format, and optionally the customer as the receipt names them (their name, email,
 * address, tax ids; a `Customer` record will do). Without it, the customer snapshot of the newest invoice is used.
 */
export const ReceiptOptionsSchema = RenderOptionsSchema.extend({
  format: ReceiptFormatSchema,
  customer: CustomerSnapshotSchema.optional(),
});

/** Options of {@link renderReceipt} as passed in. */
export type ReceiptOptions = z.input<typeof ReceiptOptionsSchema>;

/** Receipt options after validation and defaults. @internal */
export type ResolvedReceiptOptions = z.output<typeof ReceiptOptionsSchema>;
