import type { DocumentModel } from '../model/document-model';
import { isoDay, type Localizer } from '../model/localizer';
import { lastDay } from '../model/period';
import { summaryRows } from '../model/summary-rows';
import { tierText } from '../model/line-details';
import { lineCategory } from '../model/line-taxes';
import { CRLF, csvNumber, csvRecord, csvText } from './csv-cell';

/** The columns of a document CSV, in order. Stable: accounting imports rely on them. */
export const DOCUMENT_CSV_COLUMNS = [
  'record_type',
  'summary',
  'document_type',
  'document_number',
  'issue_date',
  'currency',
  'position',
  'description',
  'billing_code',
  'quantity',
  'unit_amount',
  'period_start',
  'period_end',
  'amount',
  'discount_amount',
  'net_amount',
  'tax_category',
  'tax_percent',
  'tax_amount',
] as const;

type Column = (typeof DOCUMENT_CSV_COLUMNS)[number];

/**
 * An invoice or credit note as CSV (RFC 4180, UTF-8, CRLF): a header row, one `line` record per line item (a
 * graduated line followed by one `tier` record per tier: its range in `description`, units, unit price and exact
 * amount), then `summary` records (subtotal, discount, net total, one per tax rate, tax total, rounding, total, credit
 * applied, amount due) whose `summary` column names what they are. Amounts are plain decimal strings.
 * @internal
 */
export function renderCsv(model: DocumentModel, l10n: Localizer): string {
  const tz = model.timeZone;
  const common: Partial<Record<Column, string>> = {
    document_type: model.kind,
    document_number: csvText(model.number),
    issue_date: isoDay(model.issuedAt, tz),
    currency: model.currency,
  };
  const record = (cells: Partial<Record<Column, string>>) =>
    csvRecord(DOCUMENT_CSV_COLUMNS.map((column) => cells[column] ?? common[column] ?? ''));
  const records = [csvRecord(DOCUMENT_CSV_COLUMNS)];
  for (const line of model.lines) {
    records.push(
      record({
        record_type: 'line',
        position: String(line.position),
        description: csvText(line.description),
        billing_code: csvText(line.billingCode),
        quantity: csvNumber(line.quantity),
        unit_amount: csvNumber(line.unitAmount),
        period_start: line.periodStart && isoDay(line.periodStart, tz),
        period_end: line.periodStart && line.periodEnd && isoDay(lastDay(line.periodStart, line.periodEnd), tz),
        amount: csvNumber(line.amount),
        discount_amount: csvNumber(line.discountAmount),
        net_amount: csvNumber(line.netAmount),
        tax_category: line.category,
        tax_percent: csvNumber(line.percent),
        tax_amount: csvNumber(line.taxAmount),
      }),
    );
    // A graduated line's tiers follow it: each tier's units at its unit price (its range in `description`).
    for (const tier of line.tiers ?? []) {
      records.push(
        record({
          record_type: 'tier',
          position: String(line.position),
          description: csvText(tierText(tier, l10n)),
          quantity: csvNumber(tier.quantity),
          unit_amount: csvNumber(tier.unitAmount),
          amount: csvNumber(tier.amount),
        }),
      );
    }
  }
  for (const row of summaryRows(model, l10n)) {
    const tax = row.tax;
    records.push(
      record({
        record_type: 'summary',
        summary: row.key,
        description: csvText(row.label),
        amount: csvNumber(row.amount),
        ...(tax && {
          billing_code: csvText(tax.rate.id),
          net_amount: csvNumber(tax.taxableAmount),
          tax_category: lineCategory(model.taxStatus, [tax.rate]).category,
          tax_percent: csvNumber(tax.rate.percentage),
          tax_amount: csvNumber(tax.amount),
        }),
      }),
    );
  }
  return records.join(CRLF) + CRLF;
}
