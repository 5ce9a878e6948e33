import type { FailedPaymentsReport } from '@billfold/core';
import { csvDocument, csvNumber, csvText } from '../csv/csv-cell';

/** The columns of {@link failedPaymentsToCsv}, in order. */
export const FAILED_PAYMENTS_CSV_COLUMNS = [
  'attempt_id',
  'failed_at',
  'customer_id',
  'invoice_id',
  'invoice_number',
  'gateway',
  'attempt_number',
  'trigger',
  'currency',
  'amount',
  'decline_code',
  'decline_kind',
  'decline_message',
  'next_attempt_at',
  'invoice_status',
] as const;

/**
 * Failed payments as CSV, in the form of the other reports (RFC 4180, CRLF, snake_case columns, plain decimals,
 * text neutralised against formulas): one record per declined attempt, in the report's order (by `failed_at`).
 * The totals per decline code and currency are sums over these records.
 * @example
 * ```ts
 * failedPaymentsToCsv(await billing.reports.failedPayments({ from, to }));
 * // attempt_id,failed_at,customer_id,…\r\npat_1,2026-02-01T09:00:00.000Z,cus_1,…
 * ```
 */
export function failedPaymentsToCsv(report: FailedPaymentsReport): string {
  return csvDocument(
    FAILED_PAYMENTS_CSV_COLUMNS,
    report.rows.map((row) => [
      csvText(row.attemptId),
      csvText(row.failedAt),
      csvText(row.customerId),
      csvText(row.invoiceId),
      csvText(row.invoiceNumber),
      csvText(row.gateway),
      String(row.attemptNumber),
      csvText(row.trigger),
      csvText(row.currency),
      csvNumber(row.amount),
      csvText(row.declineCode),
      row.declineKind,
      csvText(row.declineMessage),
      csvText(row.nextAttemptAt),
      csvText(row.invoiceStatus),
    ]),
  );
}
