import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay } from 'date-fns';

/**
 * When an invoice issued at `issuedAt` falls due: the end of the day (23:59:59.999) `paymentTermsDays` calendar
 * days later, counted in the customer's time zone, so "14 days" means the whole fourteenth local day
 * (0 days: the end of the issue day). Returned as an ISO UTC timestamp.
 * @example
 * ```ts
 * dueDate('2026-01-10T09:00:00.000Z', 14, 'Europe/Berlin'); // "2026-01-24T22:59:59.999Z"
 * ```
 */
export function dueDate(issuedAt: string, paymentTermsDays: number, timeZone: string): string {
  const local = new TZDate(new Date(issuedAt).getTime(), timeZone);
  return new Date(endOfDay(addDays(local, paymentTermsDays)).getTime()).toISOString();
}
