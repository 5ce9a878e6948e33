/**
 * Account statements: a customer's invoices, credit notes, payments, refunds and balance credits over a period in
 * their time zone, with a running balance and open items per currency.
 * @module
 */
export { buildStatement } from './build-statement';
export { readStatementRecords } from './read-statement-records';
export type { StatementReads, StatementRecords } from './read-statement-records';
export {
  StatementCurrencySchema,
  StatementEntryKindSchema,
  StatementEntrySchema,
  StatementInputSchema,
  StatementOpenItemSchema,
  StatementPeriodSchema,
  StatementSchema,
} from './statement';
export type {
  Statement,
  StatementCurrency,
  StatementEntry,
  StatementEntryKind,
  StatementInput,
  StatementOpenItem,
  StatementPeriod,
} from './statement';
