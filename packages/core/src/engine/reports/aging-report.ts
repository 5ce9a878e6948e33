import { money } from '../../money/money';
import { AGING_BUCKETS, type AgingBucket, type AgingCell } from '../../storage/report-queries';

/** What one customer owes in one currency, by aging bucket. */
export interface AgingRow {
  readonly customerId: string;
  /** As on the customer's newest open invoice in this currency. */
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

/** Customer aging: receivables by how many of the customer's calendar days they are past due, per currency. */
export interface AgingReport {
  readonly asOf: string;
  /** By currency, then customer name, then customer id (code-unit order: the same report everywhere). */
  readonly rows: readonly AgingRow[];
  /** One per currency, alphabetically. */
  readonly totals: readonly AgingTotal[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Bucket amounts of one currency, as decimal strings, with their total. */
function figures(cells: readonly AgingCell[], currency: string) {
  const zero = money('0', currency);
  const sums = new Map(AGING_BUCKETS.map((bucket) => [bucket, zero]));
  let invoices = 0;
  for (const cell of cells) {
    sums.set(cell.bucket, (sums.get(cell.bucket) ?? zero).add(money(cell.amount, currency)));
    invoices += cell.invoices;
  }
  const buckets = Object.fromEntries(AGING_BUCKETS.map((b) => [b, (sums.get(b) ?? zero).toString()])) as Record<
    AgingBucket,
    string
  >;
  const total = [...sums.values()].reduce((sum, amount) => sum.add(amount), zero);
  return { buckets, total: total.toString(), invoices };
}

/**
 * The aging report from its cells (pure): a row per customer and currency with every bucket (zero where nothing
 * is owed), and totals per currency. Amounts are formatted with the currency's decimals.
 */
export function buildAgingReport(cells: readonly AgingCell[], asOf: string): AgingReport {
  const byOwner = new Map<string, AgingCell[]>();
  const byCurrency = new Map<string, AgingCell[]>();
  for (const cell of cells) {
    const owner = `${cell.currency}\u0000${cell.customerId}`;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), cell]);
    byCurrency.set(cell.currency, [...(byCurrency.get(cell.currency) ?? []), cell]);
  }
  const rows = [...byOwner.values()].map((own): AgingRow => {
    const { customerId, customerName, currency } = own[0] as AgingCell;
    return { customerId, customerName, currency, ...figures(own, currency) };
  });
  rows.sort(
    (a, b) =>
      compare(a.currency, b.currency) || compare(a.customerName, b.customerName) || compare(a.customerId, b.customerId),
  );
  const totals = [...byCurrency]
    .sort(([a], [b]) => compare(a, b))
    .map(([currency, own]): AgingTotal => ({ currency, ...figures(own, currency) }));
  return { asOf, rows, totals };
}
