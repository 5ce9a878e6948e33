import { allocate } from '../money/allocate';
import { divFixed } from '../money/fixed';
import type { Money } from '../money/money';
import { addDays, daysBetween, localDay } from './local-days';

/** The part of an amount recognised in one calendar month (`2026-03`). */
export interface MonthlyPart {
  readonly month: string;
  readonly amount: Money;
}

/** The first day of the month after `day`'s. */
function nextMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * Spreads `amount` over the calendar months of a service period `[start, end)` in proportion to its days in each
 * month, counted in `timeZone` (the customer's calendar), day-exact; the parts sum to `amount` exactly
 * (largest remainder: leftover minor units go to the months with the largest remainders, ties to the earlier
 * month). A period of no days is recognised whole in the month it starts.
 * @example
 * ```ts
 * // A yearly 365.00 from 15 Jan 2026: 17 days in January (17.00), 28 in February (28.00), …, 14 in January 2027.
 * recogniseOverPeriod(money('365.00', 'EUR'), '2026-01-15T00:00:00Z', '2027-01-15T00:00:00Z', 'UTC');
 * ```
 */
export function recogniseOverPeriod(amount: Money, start: string, end: string, timeZone: string): MonthlyPart[] {
  const first = localDay(start, timeZone);
  const last = localDay(end, timeZone);
  if (daysBetween(first, last) <= 0) return [{ month: first.slice(0, 7), amount }];
  const months: { month: string; days: number }[] = [];
  for (let day = first; day < last; ) {
    // The month's end, or the period's when it ends first (days as text compare in calendar order).
    let until = nextMonth(day);
    if (until > last) until = last;
    months.push({ month: day.slice(0, 7), days: daysBetween(day, until) });
    day = until;
  }
  const parts = allocate(
    amount,
    months.map((m) => m.days),
  );
  return months.map((m, i) => ({ month: m.month, amount: parts[i] as Money }));
}

/** Average days in a month (365.25 / 12): how a period shorter than a month is scaled to a month's worth. */
const DAYS_PER_MONTH = '30.4375';

/**
 * The monthly rate of a recurring charge for a service period `[start, end)`: the amount over the period's whole
 * months, where months are `round(days / 30.4375)` (Jan 31 → Feb 28 is one month, a year is twelve); a period
 * shorter than half a month is scaled to 30.4375 days. Rounded half-up to the currency's minor unit.
 * @example
 * ```ts
 * monthlyRate(money('1200.00', 'EUR'), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'UTC').toString(); // "100.00"
 * ```
 */
export function monthlyRate(amount: Money, start: string, end: string, timeZone: string): Money {
  const days = daysBetween(localDay(start, timeZone), localDay(end, timeZone));
  if (days <= 0) return amount;
  const months = Math.round(days / 30.4375);
  const [factor, divisor] = months >= 1 ? [amount.fixed, months] : [amount.multiply(DAYS_PER_MONTH).fixed, days];
  return amount.with(divFixed(factor, { units: BigInt(divisor), scale: 0 }, amount.minorUnits, 'half-up'));
}

/** The months from `fromMonth` to `toMonth`, both included: `2026-01`, `2026-02`, … */
export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const months: string[] = [];
  for (let day = `${fromMonth}-01`; day.slice(0, 7) <= toMonth; day = nextMonth(day)) months.push(day.slice(0, 7));
  return months;
}

/** The first day of the month after `month` (`2026-12` → `2027-01-01`). */
export function firstDayAfter(month: string): string {
  return nextMonth(`${month}-01`);
}

/** The month before `month` (`2026-01` → `2025-12`). */
export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}
