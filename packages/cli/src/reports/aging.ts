import { type Invoice, money } from '@billfold/core';
import { CurrencyTotals } from '../money-totals';

/** The aging buckets: not yet due, then days past the due date. */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;

/** One aging bucket; see {@link AGING_BUCKETS}. */
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** What one customer owes in one currency, by bucket. */
export interface AgingRow {
  readonly customerId: string;
  /** As on the customer's latest open invoice. */
  readonly customerName: string;
  readonly currency: string;
  readonly buckets: Readonly<Record<AgingBucket, string>>;
  readonly total: string;
  readonly invoices: number;
}

/** The totals of one currency, by bucket. */
export interface AgingTotal {
  readonly currency: string;
  readonly buckets: Readonly<Record<AgingBucket, string>>;
  readonly total: string;
  readonly invoices: number;
}

/** A customer aging report: receivables by how long they are past due, per customer and currency. */
export interface AgingReport {
  readonly asOf: string;
  /** By currency, then customer name, then customer id. */
  readonly rows: readonly AgingRow[];
  /** One per currency, alphabetically. */
  readonly totals: readonly AgingTotal[];
}

const DAY = 86_400_000;

/**
 * Whole days an invoice is past due at `asOf`: 0 until the due instant, then 1 from the first millisecond after
 * it (due dates are the last millisecond of a local day, so the next local day is day 1).
 * @example
 * ```ts
 * daysPastDue('2026-01-15T22:59:59.999Z', '2026-01-16T10:00:00Z'); // 1
 * ```
 */
export function daysPastDue(dueAt: string, asOf: string): number {
  const late = Date.parse(asOf) - Date.parse(dueAt);
  return late <= 0 ? 0 : Math.ceil(late / DAY);
}

/** The bucket of a number of days past due: 0 is `current`, 1–30, 31–60, 61–90, then `90+`. */
export function agingBucket(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

interface Sums {
  name: string;
  invoices: number;
  readonly buckets: Record<AgingBucket, CurrencyTotals>;
}

const emptyBuckets = () =>
  Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, new CurrencyTotals()])) as Record<
    AgingBucket,
    CurrencyTotals
  >;

function figures(sums: Sums, currency: string) {
  const buckets = Object.fromEntries(
    AGING_BUCKETS.map((bucket) => [bucket, sums.buckets[bucket].get(currency)]),
  ) as Record<AgingBucket, string>;
  const total = new CurrencyTotals();
  for (const bucket of AGING_BUCKETS) total.add(currency, buckets[bucket]);
  return { buckets, total: total.get(currency), invoices: sums.invoices };
}

/**
 * Ages the receivables (pure): every `open` invoice issued by `asOf` with something remaining, its
 * `amountRemaining` put in the bucket of its days past due at `asOf`. Paid, void and written-off
 * (`uncollectible`) invoices and drafts are left out. The amounts are those of the invoices as given (today's
 * `amountRemaining`), aged as of `asOf`.
 * @example
 * ```ts
 * agingReport(invoices, '2026-04-01T00:00:00Z').totals; // [{ currency: 'EUR', buckets: { current: '120.00', … } }]
 * ```
 */
export function agingReport(invoices: readonly Invoice[], asOf: string): AgingReport {
  const byCustomer = new Map<string, Sums>();
  const byCurrency = new Map<string, Sums>();
  for (const invoice of invoices) {
    if (invoice.status !== 'open' || invoice.issuedAt === undefined || invoice.issuedAt > asOf) continue;
    if (money(invoice.amountRemaining, invoice.currency).isZero()) continue;
    const bucket = agingBucket(invoice.dueAt === undefined ? 0 : daysPastDue(invoice.dueAt, asOf));
    const name = invoice.customerSnapshot?.name ?? invoice.customerId;
    for (const [map, key] of [
      [byCustomer, `${invoice.currency}\u0000${invoice.customerId}`],
      [byCurrency, invoice.currency],
    ] as const) {
      const sums = map.get(key) ?? { name, invoices: 0, buckets: emptyBuckets() };
      // Invoices arrive in creation order: the latest snapshot names the customer.
      sums.name = name;
      sums.invoices += 1;
      sums.buckets[bucket].add(invoice.currency, invoice.amountRemaining);
      map.set(key, sums);
    }
  }
  const rows = [...byCustomer].map(([key, sums]) => {
    const [currency, customerId] = key.split('\u0000') as [string, string];
    return { customerId, customerName: sums.name, currency, ...figures(sums, currency) };
  });
  // Code-unit order, not the locale's: the same report everywhere.
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort(
    (a, b) =>
      compare(a.currency, b.currency) || compare(a.customerName, b.customerName) || compare(a.customerId, b.customerId),
  );
  const totals = [...byCurrency]
    .sort(([a], [b]) => compare(a, b))
    .map(([currency, sums]) => ({ currency, ...figures(sums, currency) }));
  return { asOf, rows, totals };
}
