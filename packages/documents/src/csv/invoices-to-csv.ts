import { BillingError, BillingErrorCode, type Invoice, InvoiceSchema, isVatId, validate } from '@billfold/core';
import { z } from 'zod';
import { currencyAmount, sumAmounts } from '../model/amounts';
import { RECORD_TEXT } from '../model/clean-text';
import { isoDay } from '../model/localizer';
import { CRLF, csvNumber, csvRecord, csvText } from './csv-cell';

/** The columns of {@link invoicesToCsv}, in order. Stable: accounting imports rely on them. */
export const INVOICE_LIST_CSV_COLUMNS = [
  'invoice_number',
  'status',
  'issue_date',
  'due_date',
  'customer_id',
  'customer_name',
  'customer_email',
  'customer_country',
  'customer_vat_id',
  'tax_status',
  'currency',
  'subtotal',
  'discount_total',
  'net_total',
  'tax_total',
  'rounding',
  'total',
  'credit_applied',
  'amount_due',
  'amount_paid',
  'amount_credited',
  'amount_remaining',
] as const;

const ListSchema = z.array(InvoiceSchema);
const OptionsSchema = z
  .object({
    timeZone: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone such as "Europe/Berlin"')
      .default('UTC'),
  })
  .default({ timeZone: 'UTC' });

function invoiceRecord(invoice: Invoice, index: number, timeZone: string): string {
  if (invoice.status === 'draft' || invoice.number === undefined) {
    throw new BillingError(BillingErrorCode.invalidState, 'Only finalized invoices (with a number) can be exported', {
      path: ['invoices', index, invoice.number === undefined ? 'number' : 'status'],
    });
  }
  const c = invoice.currency;
  const snapshot = invoice.customerSnapshot;
  const amount = (value: string) => csvNumber(currencyAmount(value, c));
  const issued = invoice.issuedAt ?? invoice.createdAt;
  return csvRecord([
    csvText(invoice.number),
    invoice.status,
    isoDay(issued, timeZone),
    invoice.dueAt ? isoDay(invoice.dueAt, timeZone) : '',
    csvText(invoice.customerId),
    csvText(snapshot?.name),
    csvText(snapshot?.email),
    snapshot?.address?.country ?? '',
    csvText(snapshot?.taxIds.find(isVatId)?.value),
    snapshot?.taxStatus ?? '',
    c,
    amount(invoice.subtotal),
    amount(invoice.discountTotal),
    csvNumber(
      sumAmounts(
        invoice.lines.map((line) => line.taxableAmount),
        c,
      ),
    ),
    amount(invoice.taxTotal),
    amount(invoice.roundingAmount),
    amount(invoice.total),
    amount(invoice.creditApplied),
    amount(invoice.amountDue),
    amount(invoice.amountPaid),
    amount(invoice.amountCredited),
    amount(invoice.amountRemaining),
  ]);
}

/**
 * Many finalized invoices as one CSV for accounting (RFC 4180, UTF-8, CRLF): a header row, then one record
 * per invoice with its customer, status and totals as plain decimal strings. Dates are days in `timeZone`.
 * @throws BillingError `invalid_input` for a malformed invoice (path `["invoices", i, …]`), `invalid_state` for a draft.
 * @example
 * ```ts
 * const csv = invoicesToCsv(await listInvoicesOfMonth(), { timeZone: 'Europe/Berlin' });
 * ```
 */
export function invoicesToCsv(invoices: readonly Invoice[], options?: { readonly timeZone?: string }): string {
  const list = validate(ListSchema, invoices, 'invoices', RECORD_TEXT);
  const { timeZone } = validate(OptionsSchema, options, 'options');
  const records = [
    csvRecord(INVOICE_LIST_CSV_COLUMNS),
    ...list.map((invoice, i) => invoiceRecord(invoice, i, timeZone)),
  ];
  return records.join(CRLF) + CRLF;
}
