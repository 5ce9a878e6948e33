import type { Statement } from '@billfold/core';
import { CRLF, csvNumber, csvRecord, csvText } from '../csv/csv-cell';
import { isoDay } from '../model/localizer';

/** The columns of a statement CSV, in order. Stable: accounting imports rely on them. */
export const STATEMENT_CSV_COLUMNS = [
  'record_type',
  'customer_id',
  'period_start',
  'period_end',
  'currency',
  'date',
  'kind',
  'reference',
  'invoice_number',
  'method',
  'debit',
  'credit',
  'balance',
  'due_date',
  'days_overdue',
  'amount_remaining',
] as const;

type Column = (typeof STATEMENT_CSV_COLUMNS)[number];

/**
 * A statement as CSV (RFC 4180, UTF-8, CRLF), language-neutral: ISO dates in the customer's time zone and plain
 * decimal amounts. Per currency: an `opening` record, one `entry` per line with its running balance, a `closing`
 * record, one `open_item` per open invoice and a `credit_balance` record. Text cells are neutralised against
 * spreadsheet formulas.
 * @internal
 */
export function statementCsv(statement: Statement, timeZone: string): string {
  const day = (instant: string) => isoDay(instant, timeZone);
  const records = [csvRecord(STATEMENT_CSV_COLUMNS)];
  for (const part of statement.currencies) {
    const common: Partial<Record<Column, string>> = {
      customer_id: csvText(statement.customer.id),
      period_start: statement.period.start,
      period_end: statement.period.end,
      currency: part.currency,
    };
    const record = (cells: Partial<Record<Column, string>>) =>
      records.push(csvRecord(STATEMENT_CSV_COLUMNS.map((column) => cells[column] ?? common[column] ?? '')));
    record({ record_type: 'opening', date: statement.period.start, balance: csvNumber(part.openingBalance) });
    for (const entry of part.entries) {
      record({
        record_type: 'entry',
        date: day(entry.at),
        kind: entry.kind,
        reference: csvText(entry.reference),
        invoice_number: csvText(entry.invoiceNumber),
        method: entry.method ?? '',
        debit: csvNumber(entry.debit),
        credit: csvNumber(entry.credit),
        balance: csvNumber(entry.balance),
      });
    }
    record({
      record_type: 'closing',
      date: statement.period.end,
      debit: csvNumber(part.totalDebits),
      credit: csvNumber(part.totalCredits),
      balance: csvNumber(part.closingBalance),
    });
    for (const item of part.openItems) {
      record({
        record_type: 'open_item',
        date: day(item.issuedAt),
        kind: 'invoice',
        reference: csvText(item.number),
        invoice_number: csvText(item.number),
        due_date: item.dueAt === undefined ? '' : day(item.dueAt),
        days_overdue: String(item.daysOverdue),
        debit: csvNumber(item.total),
        amount_remaining: csvNumber(item.amountRemaining),
      });
    }
    record({ record_type: 'credit_balance', date: day(statement.asOf), balance: csvNumber(part.creditBalance) });
  }
  return records.join(CRLF) + CRLF;
}
