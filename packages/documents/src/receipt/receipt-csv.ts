import { CRLF, csvNumber, csvRecord, csvText } from '../csv/csv-cell';
import { isoDay, type Localizer } from '../model/localizer';
import type { ReceiptModel } from './receipt-model';
import { receiptRows } from './receipt-rows';

/** The columns of a receipt CSV, in order. Stable: accounting imports rely on them. */
export const RECEIPT_CSV_COLUMNS = [
  'record_type',
  'summary',
  'receipt_number',
  'payment_date',
  'currency',
  'method',
  'reference',
  'invoice_number',
  'invoice_date',
  'invoice_total',
  'amount',
] as const;

type Column = (typeof RECEIPT_CSV_COLUMNS)[number];

/**
 * A receipt as CSV (RFC 4180, UTF-8, CRLF): a header row, one `allocation` record per invoice the payment paid,
 * then `summary` records (`amount_received`, `applied_to_invoices`, `credited_to_balance`, `refunded`).
 * @internal
 */
export function receiptCsv(model: ReceiptModel, l10n: Localizer): string {
  const common: Partial<Record<Column, string>> = {
    receipt_number: csvText(model.number),
    payment_date: isoDay(model.receivedAt, model.timeZone),
    currency: model.currency,
    method: model.method,
    reference: csvText(model.reference),
  };
  const record = (cells: Partial<Record<Column, string>>) =>
    csvRecord(RECEIPT_CSV_COLUMNS.map((column) => cells[column] ?? common[column] ?? ''));
  const records = [csvRecord(RECEIPT_CSV_COLUMNS)];
  for (const allocation of model.allocations) {
    records.push(
      record({
        record_type: 'allocation',
        invoice_number: csvText(allocation.invoiceNumber),
        invoice_date: isoDay(allocation.invoiceIssuedAt, model.timeZone),
        invoice_total: csvNumber(allocation.invoiceTotal),
        amount: csvNumber(allocation.applied),
      }),
    );
  }
  for (const row of receiptRows(model, l10n)) {
    records.push(record({ record_type: 'summary', summary: row.key, amount: csvNumber(row.amount) }));
  }
  return records.join(CRLF) + CRLF;
}
