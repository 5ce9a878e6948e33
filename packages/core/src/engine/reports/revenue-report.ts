import { type Money, money } from '../../money/money';
import type { MonthRange, RevenueCell } from '../../storage/report-queries';

/** Revenue of one billing code (or one category) in one month and currency. */
export interface RevenueRow {
  readonly month: string;
  readonly currency: string;
  readonly invoiced: string;
  readonly credited: string;
  /** `invoiced − credited`. */
  readonly net: string;
}

/**
 * Revenue recognised over the service period, per month: by billing code (with its product category), by
 * category, and in total, per currency.
 */
export interface RevenueReport extends MonthRange {
  /** By month, currency, billing code. */
  readonly byBillingCode: readonly (RevenueRow & { readonly billingCode: string; readonly category: string })[];
  /** By month, currency, category. */
  readonly byCategory: readonly (RevenueRow & { readonly category: string })[];
  /** By month, currency. */
  readonly totals: readonly RevenueRow[];
}

const compare = (a: readonly string[], b: readonly string[]) => {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  return 0;
};

/** Sums cells under a key made of some of their fields. */
function rollUp<K extends readonly string[]>(cells: readonly RevenueCell[], keyOf: (cell: RevenueCell) => K) {
  const rows = new Map<string, { key: K; invoiced: Money; credited: Money }>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const id = key.join('\u0000');
    const zero = money('0', cell.currency);
    const row = rows.get(id) ?? { key, invoiced: zero, credited: zero };
    row.invoiced = row.invoiced.add(money(cell.invoiced, cell.currency));
    row.credited = row.credited.add(money(cell.credited, cell.currency));
    rows.set(id, row);
  }
  return [...rows.values()]
    .sort((a, b) => compare(a.key, b.key))
    .map((row) => ({
      key: row.key,
      invoiced: row.invoiced.toString(),
      credited: row.credited.toString(),
      net: row.invoiced.subtract(row.credited).toString(),
    }));
}

/**
 * The revenue report (pure) from recognised cells: a yearly 1,200.00 invoiced on 1 January shows 101.92 in
 * January (31 of 365 days), 92.05 in February, … — not 1,200.00 in January.
 */
export function buildRevenueReport(cells: readonly RevenueCell[], range: MonthRange): RevenueReport {
  return {
    fromMonth: range.fromMonth,
    toMonth: range.toMonth,
    byBillingCode: rollUp(cells, (c) => [c.month, c.currency, c.billingCode, c.category] as const).map(
      ({ key: [month, currency, billingCode, category], ...sums }) => ({ month, currency, billingCode, category, ...sums }),
    ),
    byCategory: rollUp(cells, (c) => [c.month, c.currency, c.category] as const).map(
      ({ key: [month, currency, category], ...sums }) => ({ month, currency, category, ...sums }),
    ),
    totals: rollUp(cells, (c) => [c.month, c.currency] as const).map(({ key: [month, currency], ...sums }) => ({
      month,
      currency,
      ...sums,
    })),
  };
}
