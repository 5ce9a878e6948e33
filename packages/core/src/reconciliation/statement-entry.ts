import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';

/** A calendar date `YYYY-MM-DD` as the bank wrote it (its own local date); no time, no zone. */
export const CalendarDateSchema = z.iso.date();

/** A party named on a statement transaction: the payer of a credit (`debtor`), the payee of a debit (`creditor`). */
export const StatementPartySchema = z.strictObject({
  name: z.string().max(500).optional(),
  /** The party's IBAN in electronic form (no spaces, upper case). */
  iban: z.string().max(34).optional(),
  /** Another account identifier, when the bank gave no IBAN. */
  account: z.string().max(70).optional(),
});

/** A party on a statement transaction. */
export type StatementParty = z.infer<typeof StatementPartySchema>;

/** What the payer wrote: free text, structured creditor references and the numbers of referred documents. */
export const RemittanceSchema = z.strictObject({
  /** Unstructured remittance lines, in order. */
  unstructured: z.array(z.string().max(500)).max(100),
  /** Structured creditor references as given (`RF18539007547034`, or a national scheme's reference). */
  creditorReferences: z.array(z.string().max(70)).max(100),
  /** Numbers of referred documents (invoice numbers given in structured remittance). */
  referredDocuments: z.array(z.string().max(70)).max(100),
});

/** Remittance information of one transaction. */
export type Remittance = z.infer<typeof RemittanceSchema>;

/** One transaction inside a statement entry; a batch booking holds several. */
export const StatementTransactionSchema = z.strictObject({
  /** The transaction's own amount, when the bank gives one (in a batch each part has one). */
  amount: DecimalStringSchema.optional(),
  currency: CurrencySchema.optional(),
  /** The bank's reference of this transaction. */
  accountServicerReference: z.string().max(70).optional(),
  /** The payer's end-to-end id (absent when the payer gave none, `NOTPROVIDED` is dropped). */
  endToEndId: z.string().max(70).optional(),
  debtor: StatementPartySchema.optional(),
  creditor: StatementPartySchema.optional(),
  remittance: RemittanceSchema,
  /** Free text the bank added to the transaction. */
  additionalInformation: z.string().max(500).optional(),
});

/** One transaction inside a statement entry. */
export type StatementTransaction = z.infer<typeof StatementTransactionSchema>;

/** Where an entry's id came from, from most to least stable. */
export const EntryIdSourceSchema = z.enum([
  /** The bank's `AcctSvcrRef` of the entry: unique per account, stable across camt.052/053/054. */
  'account_servicer_reference',
  /** The entry's `NtryRef`. */
  'entry_reference',
  /** The only transaction's `AcctSvcrRef`. */
  'transaction_reference',
  /** The CSV column the mapping named as the id. */
  'id_column',
  /**
   * Made from the statement and the entry's content and position: stable when the same file is imported again,
   * not across different files that repeat the entry.
   */
  'derived',
]);

/** Where an entry's id came from. */
export type EntryIdSource = z.infer<typeof EntryIdSourceSchema>;

/**
 * One booked (or pending) movement on a bank account, from a camt.053/054 statement or a CSV export. `id` is the
 * stable identity of the movement on its account: the key that makes a second import of the same statement
 * change nothing.
 */
export const BankStatementEntrySchema = z.strictObject({
  /** At most 150 characters, so `bank:<account>:<id>#<part>` fits an idempotency key. */
  id: z.string().min(1).max(150),
  idSource: EntryIdSourceSchema,
  /** The statement (or notification, or CSV file) the entry came from. */
  statementId: z.string().min(1).max(150),
  /** The account the statement is for: its IBAN, or the bank's other identifier. */
  account: z.string().min(1).max(70),
  bookingDate: CalendarDateSchema.optional(),
  valueDate: CalendarDateSchema.optional(),
  /** Always positive; `direction` says which way the money moved. */
  amount: DecimalStringSchema,
  currency: CurrencySchema,
  direction: z.enum(['credit', 'debit']),
  status: z.enum(['booked', 'pending', 'information', 'future', 'other']),
  /** A reversal of an earlier entry (a returned payment, a cancelled booking). */
  reversal: z.boolean(),
  /** At least one; a batch booking has one per payment in it. */
  transactions: z.array(StatementTransactionSchema).min(1).max(10_000),
  /** Free text the bank added to the entry. */
  additionalInformation: z.string().max(500).optional(),
});

/** One movement on a bank account; see {@link BankStatementEntrySchema}. */
export type BankStatementEntry = z.infer<typeof BankStatementEntrySchema>;
