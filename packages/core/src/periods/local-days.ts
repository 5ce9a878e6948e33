import { fromWallClock, toWallClock } from './wall-clock';

/*
 * Calendar days in a customer's time zone, as `YYYY-MM-DD` text: collections count days the way the customer's
 * calendar does (a reminder "7 days after the due date" goes out at the start of that local day, whatever the
 * length of the days between is across a DST change).
 */

const DAY_MS = 86_400_000;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The customer's calendar day at `instant`: `"2026-02-14"`. */
export function localDay(instant: string, timeZone: string): string {
  const wall = toWallClock(Date.parse(instant), timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month + 1, 2)}-${pad(wall.day, 2)}`;
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (`to − from`; negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** The instant the local `day` begins in `timeZone` (its midnight, or the first instant after a skipped one). */
export function startOfDay(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = { year, month: month - 1, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 };
  return new Date(fromWallClock(wall, timeZone)).toISOString();
}
