import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { IdSchema, TimestampSchema } from './common';

/**
 * What one balance transaction of a payout is: a customer's `charge`, a `refund` or `dispute` (a chargeback)
 * netted against it, a `dispute_reversal` (a dispute won), a provider `fee` billed on its own, or another
 * `adjustment`.
 */
export const PayoutTransactionTypeSchema = z.enum([
  'charge',
  'refund',
  'dispute',
  'dispute_reversal',
  'fee',
  'adjustment',
]);

/** The type of a payout's balance transaction; see {@link PayoutTransactionTypeSchema}. */
export type PayoutTransactionType = z.infer<typeof PayoutTransactionTypeSchema>;

/** One balance transaction of a stored payout, with the ledger payment it concerns when one was found. */
export const PayoutTransactionSchema = z.object({
  /** The provider's balance transaction id (`txn_…`). */
  id: z.string().min(1).max(255),
  type: PayoutTransactionTypeSchema,
  /** The provider's id of the payment it concerns (a charge or payment intent); none for fees and adjustments. */
  providerPaymentId: z.string().min(1).max(255).optional(),
  /** Its gross amount, signed: what a charge brought in (positive), what a refund or dispute took back (negative). */
  amount: DecimalStringSchema,
  /** The provider's fee on it (positive: a cost), the gateway's expense, never the customer's. */
  fee: DecimalStringSchema,
  /** The ledger payment it concerns, and its customer. */
  paymentId: IdSchema.optional(),
  customerId: IdSchema.optional(),
});

/** One balance transaction of a stored payout. */
export type PayoutTransaction = z.infer<typeof PayoutTransactionSchema>;

/**
 * Why a payout needs a person: `payment_not_in_ledger` (a charge, refund or dispute of a payment Billfold did not
 * record), `amount_difference` (a charge for another amount or currency than the ledger payment), `refund_not_in_ledger`
 * (the payout refunds more of a payment than the ledger did), `net_difference` (the transactions do not add up to
 * the payout's amount).
 */
export const PayoutMismatchSchema = z.object({
  reason: z.enum(['payment_not_in_ledger', 'amount_difference', 'refund_not_in_ledger', 'net_difference']),
  /** The balance transaction concerned, when one is. */
  transactionId: z.string().min(1).max(255).optional(),
  /** What was expected and found, for a person. */
  detail: z.string().max(500),
});

/** Why a payout needs a person; see {@link PayoutMismatchSchema}. */
export type PayoutMismatch = z.infer<typeof PayoutMismatchSchema>;

/**
 * Where a stored payout stands: `in_transit` (its figures agree with the ledger; its bank deposit is awaited),
 * `deposited` (a bank statement line reconciled against it: done), `review` (a mismatch waits for a person; a
 * deposit may already be tied to it).
 */
export const PayoutStatusSchema = z.enum(['in_transit', 'deposited', 'review']);

/** Where a stored payout stands; see {@link PayoutStatusSchema}. */
export type PayoutStatus = z.infer<typeof PayoutStatusSchema>;

/**
 * A payout from a payment gateway to the bank, as imported: the ledger payments it contains, the provider fees it
 * kept (an expense of the payout, never a change of any customer's balance), the refunds and disputes netted in it,
 * and the net amount that reaches the bank. Unique: `key` (`payout:<provider>:<payout id>`), so importing a payout
 * twice stores it once. Amounts are exact decimal strings in `currency`; `charges − refunds − disputes +
 * adjustments − fees = net`.
 */
export const PayoutSchema = z.object({
  id: IdSchema,
  key: z.string().min(1).max(300),
  provider: z.string().min(1).max(40),
  /** The provider's payout id (`po_…`). */
  providerPayoutId: z.string().min(1).max(255),
  currency: CurrencySchema,
  /** When the provider expects it in the bank (`YYYY-MM-DD`). */
  arrivalDate: z.iso.date(),
  /** What the bank statement shows for it (Stripe's `statement_descriptor`), when the provider says. */
  statementDescriptor: z.string().max(200).optional(),
  /** Σ charges (gross). */
  charges: DecimalStringSchema,
  /** Σ refunds and Σ disputes netted in it, as positive amounts (disputes net of reversals). */
  refunds: DecimalStringSchema,
  disputes: DecimalStringSchema,
  /** Σ other adjustments, signed. */
  adjustments: DecimalStringSchema,
  /** Σ the provider's fees (on transactions and billed on their own): the payout's expense. */
  fees: DecimalStringSchema,
  /** What reaches the bank. */
  net: DecimalStringSchema,
  transactions: z.array(PayoutTransactionSchema),
  status: PayoutStatusSchema,
  mismatches: z.array(PayoutMismatchSchema),
  /** The bank credit (statement line) its deposit was reconciled against. */
  bankCreditId: IdSchema.optional(),
  importedAt: TimestampSchema,
  depositedAt: TimestampSchema.optional(),
  version: z.number().int().min(1),
});

/** A gateway payout as stored; see {@link PayoutSchema}. */
export type Payout = z.infer<typeof PayoutSchema>;
