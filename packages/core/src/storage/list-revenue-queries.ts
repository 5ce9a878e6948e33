import type { Invoice, InvoiceLine } from '../domain/invoice';
import { listAll } from '../domain/list-all';
import { type Money, money } from '../money/money';
import { localDay } from '../periods/local-days';
import { firstDayAfter, monthlyRate, monthsBetween, recogniseOverPeriod } from '../periods/recognise-revenue';
import { Sums } from './money-sums';
import {
  MRR_CORRECTING_CREDIT_REASONS,
  type MonthRange,
  type RecurringRevenueCell,
  type ReportQueries,
  type RevenueCell,
} from './report-queries';
import type { BillingStorageAdapter } from './storage-adapter';

/** The code of revenue lines without a billing code. */
export const NO_BILLING_CODE = '(none)';
/** The code of credit-note lines that correct no particular invoice line. */
export const UNALLOCATED_CREDIT = '(credit)';
/** The category of codes no product has. */
export const NO_CATEGORY = '(none)';

const FINALIZED: ReadonlySet<Invoice['status']> = new Set(['open', 'paid', 'uncollectible']);

const zoneOf = (invoice: Invoice) => invoice.customerSnapshot?.timeZone ?? 'UTC';

/** The finalized invoices, by id. */
async function finalizedInvoices(storage: BillingStorageAdapter): Promise<Map<string, Invoice>> {
  const invoices = await listAll((page) => storage.invoices.list(page));
  return new Map(
    invoices
      .filter((invoice) => FINALIZED.has(invoice.status) && invoice.issuedAt !== undefined)
      .map((invoice) => [invoice.id, invoice]),
  );
}

/** `amount` by month: over the line's period when it has one, else whole in the month of `fallback`. */
function monthlyParts(amount: Money, line: InvoiceLine | undefined, fallback: string, zone: string) {
  return line?.periodStart !== undefined && line.periodEnd !== undefined
    ? recogniseOverPeriod(amount, line.periodStart, line.periodEnd, zone)
    : [{ month: localDay(fallback, zone).slice(0, 7), amount }];
}

const CORRECTING: ReadonlySet<string> = new Set(MRR_CORRECTING_CREDIT_REASONS);

/** Σ the credit-note lines that correct an invoice line's price, by `<invoice id>\u0000<line id>`. */
async function priceCorrections(storage: BillingStorageAdapter): Promise<Map<string, Money>> {
  const credited = new Map<string, Money>();
  for (const note of await listAll((page) => storage.creditNotes.list(page))) {
    if (!CORRECTING.has(note.reason)) continue;
    for (const line of note.lines) {
      if (line.invoiceLineId === undefined) continue;
      const key = `${note.invoiceId}\u0000${line.invoiceLineId}`;
      const amount = money(line.amount, note.currency);
      credited.set(key, credited.get(key)?.add(amount) ?? amount);
    }
  }
  return credited;
}

/** The revenue queries (`recognisedRevenue`, `recurringRevenue`) from `list` calls. @internal */
export function listRevenueQueries(
  storage: BillingStorageAdapter,
): Pick<ReportQueries, 'recognisedRevenue' | 'recurringRevenue'> {
  return {
    async recognisedRevenue({ fromMonth, toMonth }: MonthRange) {
      const products = await listAll((page) => storage.products.list(page));
      const category = new Map(products.map((product) => [product.billingCode, product.category]));
      const invoices = await finalizedInvoices(storage);
      const invoiced = new Sums<string>();
      const credited = new Sums<string>();
      const add = (sums: Sums<string>, month: string, currency: string, code: string, amount: Money) => {
        const key = `${month}\u0000${currency}\u0000${code}`;
        if (month >= fromMonth && month <= toMonth) sums.add(key, key, currency, amount.toString());
      };
      for (const invoice of invoices.values()) {
        for (const line of invoice.lines) {
          const amount = money(line.taxableAmount, invoice.currency);
          for (const part of monthlyParts(amount, line, invoice.issuedAt as string, zoneOf(invoice))) {
            add(invoiced, part.month, invoice.currency, line.billingCode ?? NO_BILLING_CODE, part.amount);
          }
        }
      }
      for (const note of await listAll((page) => storage.creditNotes.list(page))) {
        const invoice = invoices.get(note.invoiceId);
        if (invoice === undefined) continue;
        for (const line of note.lines) {
          const corrected = invoice.lines.find((l) => line.invoiceLineId !== undefined && l.id === line.invoiceLineId);
          const code = corrected === undefined ? UNALLOCATED_CREDIT : (corrected.billingCode ?? NO_BILLING_CODE);
          const amount = money(line.amount, note.currency);
          for (const part of monthlyParts(amount, corrected, note.issuedAt, zoneOf(invoice))) {
            add(credited, part.month, note.currency, code, part.amount);
          }
        }
      }
      const rows = new Map<
        string,
        { month: string; currency: string; billingCode: string; invoiced: Money; credited: Money }
      >();
      for (const [side, sums] of [
        ['invoiced', invoiced],
        ['credited', credited],
      ] as const) {
        for (const { key, currency, amount } of sums.entries()) {
          const [month, , billingCode] = key.split('\u0000') as [string, string, string];
          const zero = money('0', currency);
          const row = rows.get(key) ?? { month, currency, billingCode, invoiced: zero, credited: zero };
          row[side] = amount;
          rows.set(key, row);
        }
      }
      return [...rows.values()].map(
        (row): RevenueCell => ({
          month: row.month,
          currency: row.currency,
          billingCode: row.billingCode,
          category: category.get(row.billingCode) ?? NO_CATEGORY,
          invoiced: row.invoiced.toString(),
          credited: row.credited.toString(),
        }),
      );
    },
    async recurringRevenue({ fromMonth, toMonth }: MonthRange) {
      const sums = new Sums<{ month: string; customerId: string }>();
      const wanted = new Set(monthsBetween(fromMonth, toMonth));
      const corrections = await priceCorrections(storage);
      for (const invoice of (await finalizedInvoices(storage)).values()) {
        const zone = zoneOf(invoice);
        for (const line of invoice.lines) {
          if (line.kind !== 'subscription' || line.periodStart === undefined || line.periodEnd === undefined) continue;
          const credited = corrections.get(`${invoice.id}\u0000${line.id}`);
          const recurring = money(line.taxableAmount, invoice.currency).subtract(
            credited ?? money('0', invoice.currency),
          );
          if (recurring.compare(money('0', invoice.currency)) <= 0) continue;
          const start = localDay(line.periodStart, zone);
          const end = localDay(line.periodEnd, zone);
          const rate = monthlyRate(recurring, line.periodStart, line.periodEnd, zone);
          for (const month of monthsBetween(start.slice(0, 7), end.slice(0, 7))) {
            // Covered when the month's last day is in [start, end): start < the next month's first day <= end.
            const next = firstDayAfter(month);
            if (!wanted.has(month) || start >= next || next > end) continue;
            sums.add(
              { month, customerId: invoice.customerId },
              `${month}\u0000${invoice.currency}\u0000${invoice.customerId}`,
              invoice.currency,
              rate.toString(),
            );
          }
        }
      }
      return sums
        .entries()
        .filter((entry) => entry.amount.compare(money('0', entry.currency)) > 0)
        .map(
          ({ key, currency, amount }): RecurringRevenueCell => ({
            month: key.month,
            currency,
            customerId: key.customerId,
            mrr: amount.toString(),
          }),
        );
    },
  };
}
