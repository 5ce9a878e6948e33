/**
 * Reconciliation: ISO 11649 creditor references and IBAN checks; bank statements (ISO 20022 camt.053 / camt.054 /
 * camt.052 XML, CSV with a column mapping) parsed into exact entries; a pure matcher that turns statement credits
 * into automatic bank-transfer payments or proposals for a person; gateway payouts reconciled to recorded
 * payments. No I/O: the engine records what this layer decides.
 * @module
 */
export {
  createCreditorReference,
  normalizeCreditorReference,
  isValidCreditorReference,
  formatCreditorReference,
  findCreditorReferences,
} from './creditor-reference';
export { normalizeIban, isValidIban } from './iban';
export { createReferenceLookup, findReferences } from './reference-lookup';
export type { ReferenceLookup, QuotedReference, ReferenceQuote } from './reference-lookup';
export {
  CalendarDateSchema,
  StatementPartySchema,
  RemittanceSchema,
  StatementTransactionSchema,
  EntryIdSourceSchema,
  BankStatementEntrySchema,
} from './statement-entry';
export type {
  StatementParty,
  Remittance,
  StatementTransaction,
  EntryIdSource,
  BankStatementEntry,
} from './statement-entry';
export { parseCamt, ParseCamtOptionsSchema } from './camt-statement';
export type { BankStatementFile, StatementSummary, StatementBalance, ParseCamtOptions } from './camt-statement';
export { CsvColumnSchema, CsvDateFormatSchema, CsvStatementMappingSchema } from './csv-mapping';
export type { CsvColumn, CsvDateFormat, CsvStatementMapping } from './csv-mapping';
export { parseCsvStatement } from './csv-statement';
export { OpenInvoiceSchema, KnownPayerSchema, MatchStatementInputSchema } from './match-input';
export type { OpenInvoice, KnownPayer, MatchStatementInput } from './match-input';
export type {
  MatchRule,
  ProposalReason,
  UnmatchedReason,
  IgnoredReason,
  MatchAllocation,
  MatchCandidate,
  BankTransferPayment,
  LineMatchBase,
  StatementLineMatch,
  StatementMatch,
} from './match-result';
export { matchStatement } from './match-statement';
export { statementLineKey } from './bank-transfer-payment';
export { invoiceCreditorReference } from './invoice-creditor-reference';
export { GatewayPayoutSchema, RecordedGatewayPaymentSchema, reconcilePayout } from './reconcile-payout';
export type { GatewayPayout, RecordedGatewayPayment, PayoutAllocation, PayoutMatch } from './reconcile-payout';
export {
  PayoutStatementSchema,
  PayoutStatementTransactionSchema,
  payoutKey,
  settlePayout,
} from './settle-payout';
export type { LedgerPaymentFacts, PayoutStatement, SettledPayout } from './settle-payout';
