import {
  AGING_BUCKETS,
  type AgingReport,
  type CollectionsEffectivenessReport,
  type PaymentConfirmationReport,
} from '@billfold/core';
import { csvDocument as document, csvNumber, csvText } from '../csv/csv-cell';

/*
 * The reports of core (`billing.reports`) as CSV for spreadsheets and accounting imports: RFC 4180, CRLF, a header
 * row of stable snake_case columns, amounts as plain decimals, text cells neutralised against formulas.
 */

/** The columns of {@link agingReportToCsv}, in order. */
export const AGING_CSV_COLUMNS = [
  'customer_id',
  'customer_name',
  'currency',
  'current',
  'days_1_30',
  'days_31_60',
  'days_61_90',
  'days_over_90',
  'total',
  'invoices',
] as const;

/** The columns of {@link paymentConfirmationToCsv}, in order. */
export const PAYMENT_CONFIRMATION_CSV_COLUMNS = [
  'payment_id',
  'received_at',
  'customer_id',
  'method',
  'reference',
  'status',
  'currency',
  'amount',
  'invoice_id',
  'invoice_number',
  'allocated',
  'unapplied',
  'refunded',
] as const;

/** The columns of {@link collectionsEffectivenessToCsv}, in order. */
export const COLLECTIONS_CSV_COLUMNS = ['currency', 'measure', 'reminder_step', 'fee_kind', 'count', 'value'] as const;

/**
 * Customer aging as CSV: one record per customer and currency, then one `Total` record per currency (empty
 * `customer_id`).
 * @example
 * ```ts
 * agingReportToCsv(await billing.reports.aging({ asOf: '2026-04-01T00:00:00Z' }));
 * // customer_id,customer_name,currency,current,days_1_30,…\r\ncus_1,Acme GmbH,EUR,93.97,1000.00,…
 * ```
 */
export function agingReportToCsv(report: AgingReport): string {
  const rows = [
    ...report.rows.map((row) => [
      csvText(row.customerId),
      csvText(row.customerName),
      csvText(row.currency),
      ...AGING_BUCKETS.map((bucket) => csvNumber(row.buckets[bucket])),
      csvNumber(row.total),
      String(row.invoices),
    ]),
    ...report.totals.map((total) => [
      '',
      'Total',
      csvText(total.currency),
      ...AGING_BUCKETS.map((bucket) => csvNumber(total.buckets[bucket])),
      csvNumber(total.total),
      String(total.invoices),
    ]),
  ];
  return document(AGING_CSV_COLUMNS, rows);
}

/**
 * Payment confirmation as CSV: one record per allocation (the payment's columns repeated), one record with empty
 * invoice columns for a payment allocated to nothing.
 */
export function paymentConfirmationToCsv(report: PaymentConfirmationReport): string {
  const rows = report.rows.flatMap((row) => {
    const payment = [
      csvText(row.paymentId),
      csvText(row.receivedAt),
      csvText(row.customerId),
      csvText(row.method),
      csvText(row.reference),
      csvText(row.status),
      csvText(row.currency),
      csvNumber(row.amount),
    ];
    const tail = [csvNumber(row.unapplied), csvNumber(row.amountRefunded)];
    if (row.allocations.length === 0) return [[...payment, '', '', '', ...tail]];
    return row.allocations.map((a) => [
      ...payment,
      csvText(a.invoiceId),
      csvText(a.number),
      csvNumber(a.amount),
      ...tail,
    ]);
  });
  return document(PAYMENT_CONFIRMATION_CSV_COLUMNS, rows);
}

/**
 * Collections effectiveness as CSV, one measure per record: `invoiced`, `receivable`, `dso_days`, `recovered` (per
 * reminder step), `fees_charged` and `fees_waived` (per fee kind), per currency.
 */
export function collectionsEffectivenessToCsv(report: CollectionsEffectivenessReport): string {
  const rows: string[][] = [];
  for (const row of report.currencies) {
    const currency = csvText(row.currency);
    rows.push([currency, 'invoiced', '', '', '', csvNumber(row.invoiced)]);
    rows.push([currency, 'receivable', '', '', '', csvNumber(row.receivable)]);
    if (row.dso !== undefined) rows.push([currency, 'dso_days', '', '', '', csvNumber(row.dso)]);
    for (const step of row.recoveredByStep) {
      rows.push([currency, 'recovered', String(step.reminderStep), '', String(step.invoices), csvNumber(step.amount)]);
    }
    for (const fee of row.fees) {
      rows.push([currency, 'fees_charged', '', fee.kind, String(fee.fees), csvNumber(fee.charged)]);
      rows.push([currency, 'fees_waived', '', fee.kind, '', csvNumber(fee.waived)]);
    }
  }
  return document(COLLECTIONS_CSV_COLUMNS, rows);
}
