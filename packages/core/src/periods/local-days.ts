import { fromWallClock, toWallClock } from './wall-clock';

/*
 * Calendar days in a customer's time zone, as `YYYY-MM-DD` text: collections count days the way the customer's
 * calendar does (a reminder "7 days after the due date" goes out at the start of that local day, whatever the
 * length of the days between is across a DST change).
 */

const DAY_MS = 86_400_000;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Answers already worked out, by time zone and instant or day: a collections batch asks about the same few due
 * dates and days thousands of times, and each answer costs an `Intl` lookup. Bounded: cleared when it grows large.
 */
const known = new Map<string, string>();

function remembered(key: string, work: () => string): string {
  let answer = known.get(key);
  if (answer === undefined) {
    if (known.size >= 10_000) known.clear();
    answer = work();
    known.set(key, answer);
  }
  return answer;
}

/** The customer's calendar day at `instant`: `"2026-02-14"`. */
export function localDay(instant: string, timeZone: string): string {
  return remembered(`d\u0000${timeZone}\u0000${instant}`, () => {
    const wall = toWallClock(Date.parse(instant), timeZone);
    return `${pad(wall.year, 4)}-${pad(wall.month + 1, 2)}-${pad(wall.day, 2)}`;
  });
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
  return remembered(`s\u0000${timeZone}\u0000${day}`, () => {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const wall = { year, month: month - 1, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 };
    return new Date(fromWallClock(wall, timeZone)).toISOString();
  });
}
