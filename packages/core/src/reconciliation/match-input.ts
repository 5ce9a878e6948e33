import { z } from 'zod';
import { IdSchema } from '../domain/common';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import type { DeeplyReadonly } from '../pricing/price-schema';
import { BankStatementEntrySchema } from './statement-entry';

/** An amount greater than zero. */
const PositiveAmountSchema = DecimalStringSchema.refine(
  (text) => !text.startsWith('-') && /[1-9]/.test(text),
  'must be greater than zero',
);

/** An invoice that can still be paid, as the matcher needs it. */
export const OpenInvoiceSchema = z.strictObject({
  id: IdSchema,
  /** The invoice number as issued (`INV-2026-000123`). */
  number: z.string().min(1).max(100),
  /**
   * The ISO 11649 reference printed on the invoice; when absent, the one {@link createCreditorReference} makes
   * from the number (if the number fits 21 characters) is recognised.
   */
  creditorReference: z.string().min(5).max(35).optional(),
  customerId: IdSchema,
  currency: CurrencySchema,
  /** What is still owed: more than zero. */
  amountRemaining: PositiveAmountSchema,
  /** When it is due (ISO 8601 date or date-time): splits go to the oldest due first. */
  dueAt: z.string().min(10).max(40).optional(),
});

/** An invoice that can still be paid. */
export type OpenInvoice = z.infer<typeof OpenInvoiceSchema>;

/** What is known about how a customer pays: the accounts and names their transfers came from before. */
export const KnownPayerSchema = z.strictObject({
  customerId: IdSchema,
  ibans: z.array(z.string().min(5).max(42)).max(100).default([]),
  names: z.array(z.string().min(1).max(200)).max(100).default([]),
});

/** A customer's known accounts and names. */
export type KnownPayer = z.input<typeof KnownPayerSchema>;

/** What {@link matchStatement} takes. */
export const MatchStatementInputSchema = z.strictObject({
  entries: z.array(BankStatementEntrySchema).max(1_000_000),
  openInvoices: z.array(OpenInvoiceSchema).max(10_000_000),
  knownPayers: z.array(KnownPayerSchema).max(10_000_000).default([]),
  /** At most this many invoices are offered when only the amount matches (default 3; 0 turns the rule off). */
  maxAmountCandidates: z.number().int().min(0).max(20).default(3),
});

/** Input of {@link matchStatement} (read-only arrays are fine: a parsed statement's `entries` go in as they are). */
export type MatchStatementInput = DeeplyReadonly<z.input<typeof MatchStatementInputSchema>>;
