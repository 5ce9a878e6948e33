import { type CreditNote, type Invoice, money } from '@billfold/core';
import { CurrencyTotals } from '../money-totals';

/** The code under which revenue without a billing code is reported (one-off lines given as a bare amount). */
export const NO_BILLING_CODE = '(none)';

/** The code under which credit notes not tied to an invoice line are reported. */
export const UNALLOCATED_CREDIT = '(credit)';

/** Net revenue of one billing code in one month and currency. */
export interface RevenueRow {
  /** `2026-02`: the month of issue, in UTC. */
  readonly month: string;
  readonly currency: string;
  readonly billingCode: string;
  /** Σ line `taxableAmount` of the invoices issued in the month: after discounts, before tax. */
  readonly invoiced: string;
  /** Σ net amount of the credit-note lines issued in the month against this code's invoice lines. */
  readonly credited: string;
  /** `invoiced − credited`. */
  readonly net: string;
}

/** Net revenue per month of one currency, all codes together. */
export interface RevenueTotal {
  readonly month: string;
  readonly currency: string;
  readonly invoiced: string;
  readonly credited: string;
  readonly net: string;
}

/** Revenue per month per billing code, net of discounts, tax and credit notes. */
export interface RevenueReport {
  /** Documents issued before this instant are counted. */
  readonly until: string;
  /** By month, currency, then billing code. */
  readonly rows: readonly RevenueRow[];
  /** By month, then currency. */
  readonly totals: readonly RevenueTotal[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const subtract = (currency: string, a: string, b: string) => money(a, currency).subtract(money(b, currency)).toString();
const zero = (currency: string) => money('0', currency).toString();

/**
 * Revenue per month and billing code (pure), from finalized invoices (`open`, `paid`, `uncollectible`; void
 * ones and drafts are left out) and the credit notes against them, issued before `until`. An invoice line counts
 * its `taxableAmount` (after discounts, without tax; negative for proration credits) in its invoice's month; a
 * credit-note line takes its net amount off the code of the invoice line it corrects, in the credit note's month,
 * or off {@link UNALLOCATED_CREDIT} when it corrects no particular line.
 * @example
 * ```ts
 * revenueReport(invoices, creditNotes, '2026-04-01T00:00:00Z').rows[0];
 * // { month: '2026-01', currency: 'EUR', billingCode: 'DATA', invoiced: '42.50', credited: '0.00', net: '42.50' }
 * ```
 */
export function revenueReport(
  invoices: readonly Invoice[],
  creditNotes: readonly CreditNote[],
  until: string,
): RevenueReport {
  const invoiced = new Map<string, CurrencyTotals>();
  const credited = new Map<string, CurrencyTotals>();
  const add = (map: Map<string, CurrencyTotals>, key: string, currency: string, amount: string) =>
    map.set(key, (map.get(key) ?? new CurrencyTotals()).add(currency, amount));
  const key = (month: string, currency: string, code: string) => `${month}\u0000${currency}\u0000${code}`;

  const codeOfLine = new Map<string, string>();
  for (const invoice of invoices) {
    for (const line of invoice.lines) codeOfLine.set(line.id, line.billingCode ?? NO_BILLING_CODE);
    const finalized = invoice.status === 'open' || invoice.status === 'paid' || invoice.status === 'uncollectible';
    if (!finalized || invoice.issuedAt === undefined || invoice.issuedAt >= until) continue;
    const month = invoice.issuedAt.slice(0, 7);
    for (const line of invoice.lines) {
      add(
        invoiced,
        key(month, invoice.currency, line.billingCode ?? NO_BILLING_CODE),
        invoice.currency,
        line.taxableAmount,
      );
    }
  }
  for (const note of creditNotes) {
    if (note.issuedAt >= until) continue;
    const month = note.issuedAt.slice(0, 7);
    for (const line of note.lines) {
      const code =
        line.invoiceLineId === undefined
          ? UNALLOCATED_CREDIT
          : (codeOfLine.get(line.invoiceLineId) ?? UNALLOCATED_CREDIT);
      add(credited, key(month, note.currency, code), note.currency, line.amount);
    }
  }

  const rows: RevenueRow[] = [...new Set([...invoiced.keys(), ...credited.keys()])].sort(compare).map((k) => {
    const [month, currency, billingCode] = k.split('\u0000') as [string, string, string];
    const inv = invoiced.get(k)?.get(currency) ?? zero(currency);
    const cred = credited.get(k)?.get(currency) ?? zero(currency);
    return { month, currency, billingCode, invoiced: inv, credited: cred, net: subtract(currency, inv, cred) };
  });

  const totals = new Map<string, { invoiced: CurrencyTotals; credited: CurrencyTotals }>();
  for (const row of rows) {
    const k = `${row.month}\u0000${row.currency}`;
    const sums = totals.get(k) ?? { invoiced: new CurrencyTotals(), credited: new CurrencyTotals() };
    sums.invoiced.add(row.currency, row.invoiced);
    sums.credited.add(row.currency, row.credited);
    totals.set(k, sums);
  }
  return {
    until,
    rows,
    totals: [...totals].map(([k, sums]) => {
      const [month, currency] = k.split('\u0000') as [string, string];
      const inv = sums.invoiced.get(currency);
      const cred = sums.credited.get(currency);
      return { month, currency, invoiced: inv, credited: cred, net: subtract(currency, inv, cred) };
    }),
  };
}
