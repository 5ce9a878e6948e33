import { type Money, money } from '../../money/money';
import { monthsBetween, previousMonth } from '../../periods/recognise-revenue';
import type { MonthRange, RecurringRevenueCell } from '../../storage/report-queries';

/** How MRR moved in one month and currency. */
export interface MrrMovement {
  readonly month: string;
  readonly currency: string;
  /** MRR at the end of the month before. */
  readonly opening: string;
  /** From customers with none the month before. */
  readonly new: string;
  /** Increases of customers who had some. */
  readonly expansion: string;
  /** Decreases of customers who keep some (a positive amount). */
  readonly contraction: string;
  /** MRR of customers who had some and now have none (a positive amount). */
  readonly churn: string;
  /** `opening + new + expansion − contraction − churn`: MRR at the end of the month. */
  readonly closing: string;
  /** `closing × 12`. */
  readonly arr: string;
  readonly customers: number;
  readonly newCustomers: number;
  readonly churnedCustomers: number;
}

/** MRR and ARR per month and currency, with new, expansion, contraction and churn movements. */
export interface MrrReport extends MonthRange {
  readonly months: readonly MrrMovement[];
}

/**
 * The MRR report (pure), from each customer's MRR at the end of each month (the cells must include the month
 * before the range). A customer at 100.00 then 150.00 is 50.00 expansion; at 100.00 then none, 100.00 churn.
 */
export function buildMrrReport(cells: readonly RecurringRevenueCell[], range: MonthRange): MrrReport {
  const byMonth = new Map<string, Map<string, Money>>();
  const currencies = new Set<string>();
  for (const cell of cells) {
    const key = `${cell.month}\u0000${cell.currency}`;
    const customers = byMonth.get(key) ?? new Map<string, Money>();
    customers.set(cell.customerId, money(cell.mrr, cell.currency));
    byMonth.set(key, customers);
    currencies.add(cell.currency);
  }
  const months: MrrMovement[] = [];
  for (const month of monthsBetween(range.fromMonth, range.toMonth)) {
    for (const currency of [...currencies].sort()) {
      const zero = money('0', currency);
      const before = byMonth.get(`${previousMonth(month)}\u0000${currency}`) ?? new Map<string, Money>();
      const now = byMonth.get(`${month}\u0000${currency}`) ?? new Map<string, Money>();
      const sum = { opening: zero, new: zero, expansion: zero, contraction: zero, churn: zero, closing: zero };
      let newCustomers = 0;
      let churnedCustomers = 0;
      for (const [customer, was] of before) {
        sum.opening = sum.opening.add(was);
        if (!now.has(customer)) {
          sum.churn = sum.churn.add(was);
          churnedCustomers += 1;
        }
      }
      for (const [customer, is] of now) {
        sum.closing = sum.closing.add(is);
        const was = before.get(customer);
        if (was === undefined) {
          sum.new = sum.new.add(is);
          newCustomers += 1;
        } else if (is.compare(was) > 0) sum.expansion = sum.expansion.add(is.subtract(was));
        else sum.contraction = sum.contraction.add(was.subtract(is));
      }
      if (before.size === 0 && now.size === 0) continue;
      months.push({
        month,
        currency,
        opening: sum.opening.toString(),
        new: sum.new.toString(),
        expansion: sum.expansion.toString(),
        contraction: sum.contraction.toString(),
        churn: sum.churn.toString(),
        closing: sum.closing.toString(),
        arr: sum.closing.multiply(12).toString(),
        customers: now.size,
        newCustomers,
        churnedCustomers,
      });
    }
  }
  return { fromMonth: range.fromMonth, toMonth: range.toMonth, months };
}
