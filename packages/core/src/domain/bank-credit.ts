import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { IdSchema, TimestampSchema } from './common';

/**
 * Where an imported bank credit stands: `matched` (a payment records it), `proposed` (candidates wait for a
 * person to confirm or reject), `unmatched` (in the queue for a person to assign), `dismissed` (not a customer
 * payment; kept with the reason).
 */
export const BankCreditStatusSchema = z.enum(['matched', 'proposed', 'unmatched', 'dismissed']);

/** Where an imported bank credit stands; see {@link BankCreditStatusSchema}. */
export type BankCreditStatus = z.infer<typeof BankCreditStatusSchema>;

/** One invoice a candidate settles, and how much of it. */
export const BankCreditAllocationSchema = z.object({
  invoiceId: IdSchema,
  invoiceNumber: z.string(),
  amount: DecimalStringSchema,
});

/** One way to settle a bank credit, as the matcher proposed it. */
export const BankCreditCandidateSchema = z.object({
  customerId: IdSchema,
  rule: z.string().min(1).max(40),
  allocations: z.array(BankCreditAllocationSchema),
  unapplied: DecimalStringSchema,
});

/** One way to settle a bank credit. */
export type BankCreditCandidate = z.infer<typeof BankCreditCandidateSchema>;

/**
 * A credit line of an imported bank statement (one payment: a batch booking gives one per transaction), kept so
 * that importing the statement again changes nothing and so a person can work through what was not matched.
 * Unique: `key` (`bank:<account>:<line id>`, the idempotency key of its payment).
 */
export const BankCreditSchema = z.object({
  id: IdSchema,
  key: z.string().min(1).max(300),
  /** The account the statement is for (an IBAN, or what the CSV mapping names). */
  account: z.string().min(1).max(70),
  /** The entry id, or `<entry id>#<n>` for the n-th payment of a batch booking. */
  lineId: z.string().min(1).max(160),
  entryId: z.string().min(1).max(150),
  status: BankCreditStatusSchema,
  /**
   * How a `matched` credit got its payment: on import, confirmed proposal, or assigned from the queue; `payout`: it
   * is a gateway payout's deposit (`payoutId`), whose payments the ledger already holds.
   */
  resolution: z.enum(['automatic', 'confirmed', 'assigned', 'payout']).optional(),
  /** The matcher's reason for a proposal or an unmatched line; the person's note for a dismissed one. */
  reason: z.string().max(500).optional(),
  amount: DecimalStringSchema,
  currency: CurrencySchema,
  /** The value date, else the booking date (`YYYY-MM-DD`, the bank's). */
  valueDate: z.iso.date().optional(),
  payerName: z.string().max(500).optional(),
  payerIban: z.string().max(34).optional(),
  /** What the payer wrote (remittance, references), joined. */
  remittance: z.string().max(4000),
  candidates: z.array(BankCreditCandidateSchema),
  /** Open invoices the line named exactly (a hint for a person). */
  referencedInvoiceIds: z.array(IdSchema),
  /** The customer and payment of a `matched` credit. */
  customerId: IdSchema.optional(),
  paymentId: IdSchema.optional(),
  /** The gateway payout a `payout` credit deposits. */
  payoutId: IdSchema.optional(),
  importedAt: TimestampSchema,
  resolvedAt: TimestampSchema.optional(),
  version: z.number().int().min(1),
});

/** An imported bank credit as stored. */
export type BankCredit = z.infer<typeof BankCreditSchema>;
