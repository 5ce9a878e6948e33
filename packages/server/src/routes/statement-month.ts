import type { StatementPeriod } from '@billfold/core';
import { PortalProblem } from '../http/problem';

/** The month (`YYYY-MM`) `instant` falls in, in `timeZone`. */
function monthAt(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(
    instant,
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/**
 * The days of a statement month (`YYYY-MM`) and the instant it is as of: a past month as of its end (or its newest
 * record, as `buildStatement` decides), the month under way as of `now`. A month not yet begun in the customer's time
 * zone has no statement.
 * @throws PortalProblem `invalid_input` at `params.month` for a month after the current one.
 */
export function statementMonth(
  month: string,
  now: Date,
  timeZone: string,
): { readonly period: StatementPeriod; readonly asOf?: string } {
  const current = monthAt(now, timeZone);
  if (month > current) {
    throw new PortalProblem('invalid_input', `There is no statement for ${month} yet: it is ${current}.`, {}, [
      'params',
      'month',
    ]);
  }
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const period = { start: `${month}-01`, end: `${month}-${String(lastDay).padStart(2, '0')}` };
  return month === current ? { period, asOf: now.toISOString() } : { period };
}
