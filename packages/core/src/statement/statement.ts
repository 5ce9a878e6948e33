import { z } from 'zod';
import { IdSchema, InstantInputSchema, TimestampSchema } from '../domain/common';
import { CreditNoteSchema } from '../domain/credit-note';
import { CustomerSchema, TimeZoneSchema } from '../domain/customer';
import { CustomerSnapshotSchema, InvoiceSchema } from '../domain/invoice';
import { BalanceTransactionSchema, PaymentMethodSchema, PaymentSchema, RefundSchema } from '../domain/payment';
import { CurrencySchema, DecimalStringSchema, NonNegativeDecimalSchema } from '../money/schemas';

/** The calendar days a statement covers, both inclusive, read in the customer's time zone. */
export const StatementPeriodSchema = z
  .object({ start: z.iso.date(), end: z.iso.date() })
  .refine((period) => period.start <= period.end, { message: 'the period ends before it starts', path: ['end'] });

/** The days a statement covers, see {@link StatementPeriodSchema}. */
export type StatementPeriod = z.infer<typeof StatementPeriodSchema>;

const records = <S extends z.ZodType>(schema: S) => z.array(schema).max(100_000);

/**
 * What {@link buildStatement} needs: the customer and every record of theirs (all currencies, all time: the opening
 * balance is what came before the period), the period, and `asOf`, the instant the records were read (by default
 * the end of the period, or the newest record if one is later). The records
 * must add up: what the documents say is owed must equal the open invoices less the credit balance.
 */
export const StatementInputSchema = z.object({
  customer: CustomerSchema,
  invoices: records(InvoiceSchema),
  payments: records(PaymentSchema),
  refunds: records(RefundSchema).default([]),
  creditNotes: records(CreditNoteSchema),
  balanceTransactions: records(BalanceTransactionSchema),
  period: StatementPeriodSchema,
  /** When the records were read; default the latest of the period's last instant and the newest record. */
  asOf: InstantInputSchema.optional(),
});

/** Input of {@link buildStatement}, see {@link StatementInputSchema}. */
export type StatementInput = z.input<typeof StatementInputSchema>;

/**
 * What a statement line records: an invoice issued (a negative-total invoice is a credit), an invoice voided, a
 * credit note, a payment received, a refund paid out, a credit to the customer's balance that no document carries
 * (a proration credit on cancellation) or a manual `adjustment` of the balance.
 */
export const StatementEntryKindSchema = z.enum([
  'invoice',
  'invoice_void',
  'credit_note',
  'payment',
  'refund',
  'credit',
  'adjustment',
]);

/** What a statement line records, see {@link StatementEntryKindSchema}. */
export type StatementEntryKind = z.infer<typeof StatementEntryKindSchema>;

/** One line of a statement: a document or ledger entry that changed what the customer owes. */
export const StatementEntrySchema = z.object({
  kind: StatementEntryKindSchema,
  /** When it happened (UTC instant). */
  at: TimestampSchema,
  /** The id of the record behind it (invoice, credit note, payment, refund, balance entry). */
  sourceId: IdSchema,
  /** What the customer knows it by: the invoice or credit-note number, the payment reference, else the id. */
  reference: z.string().min(1).max(200),
  /** The invoice it concerns: the one a credit note corrects or a void cancels. */
  invoiceNumber: z.string().min(1).max(200).optional(),
  /** How a payment arrived. */
  method: PaymentMethodSchema.optional(),
  /** What it adds to the amount owed ("0.00" or more). */
  debit: NonNegativeDecimalSchema,
  /** What it takes off the amount owed ("0.00" or more). */
  credit: NonNegativeDecimalSchema,
  /** What is owed after it: positive, the customer owes; negative, the customer is in credit. */
  balance: DecimalStringSchema,
});

/** One line of a statement, see {@link StatementEntrySchema}. */
export type StatementEntry = z.infer<typeof StatementEntrySchema>;

/** An invoice still (partly) unpaid when the statement was made. */
export const StatementOpenItemSchema = z.object({
  invoiceId: IdSchema,
  number: z.string().min(1).max(200),
  issuedAt: TimestampSchema,
  dueAt: TimestampSchema.optional(),
  total: DecimalStringSchema,
  amountRemaining: DecimalStringSchema,
  /** Calendar days past the due day in the customer's time zone, as of the statement (0 when not yet due). */
  daysOverdue: z.number().int().min(0),
  status: z.enum(['open', 'uncollectible']),
});

/** An open invoice on a statement, see {@link StatementOpenItemSchema}. */
export type StatementOpenItem = z.infer<typeof StatementOpenItemSchema>;

/** The statement of one currency: balance forward, the period's lines, and what is open now. */
export const StatementCurrencySchema = z.object({
  currency: CurrencySchema,
  /** What was owed when the period began (negative: the customer was in credit). */
  openingBalance: DecimalStringSchema,
  entries: z.array(StatementEntrySchema).max(100_000),
  /** Σ debits of the period's lines. */
  totalDebits: NonNegativeDecimalSchema,
  /** Σ credits of the period's lines. */
  totalCredits: NonNegativeDecimalSchema,
  /** `openingBalance + totalDebits − totalCredits`: what was owed when the period ended. */
  closingBalance: DecimalStringSchema,
  /** Invoices issued up to the period's end that are still open as of the statement, oldest due first. */
  openItems: z.array(StatementOpenItemSchema).max(100_000),
  /** Σ `amountRemaining` of the open items. */
  openTotal: DecimalStringSchema,
  /** Credit on the customer's balance as of the statement, applied to their next invoice. */
  creditBalance: DecimalStringSchema,
});

/** One currency's part of a statement, see {@link StatementCurrencySchema}. */
export type StatementCurrency = z.infer<typeof StatementCurrencySchema>;

/** A customer's account statement over a period, per currency, as {@link buildStatement} makes it. */
export const StatementSchema = z.object({
  /** The customer as they are now (statements go to today's address), with their time zone. */
  customer: CustomerSnapshotSchema.extend({ id: IdSchema, timeZone: TimeZoneSchema }),
  period: StatementPeriodSchema,
  /** The period's first instant: local midnight at its start. */
  periodStartsAt: TimestampSchema,
  /** The instant after the period: local midnight after its last day. */
  periodEndsAt: TimestampSchema,
  /** When the records were read: open items and the credit balance are as of this instant. */
  asOf: TimestampSchema,
  /** One section per currency with anything to show, by currency code; the customer's currency at least. */
  currencies: z.array(StatementCurrencySchema).min(1).max(200),
});

/** A customer's account statement, see {@link StatementSchema}. */
export type Statement = z.infer<typeof StatementSchema>;
