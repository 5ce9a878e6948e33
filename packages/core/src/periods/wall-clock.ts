/**
 * Conversions between instants and wall-clock time in an IANA time zone, independent of the machine's
 * own time zone (offsets come from `Intl` through `tzOffset`, remembered per span of time by `zoneOffsetMs`).
 * @internal
 */
import { zoneOffsetMs } from './zone-offset';

/** Calendar fields as a clock on the wall shows them; `month` is 0–11 and `day` may overflow (normalized). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const DAY_MS = 86_400_000;

/** Zones whose offset is zero at every instant: their wall clock needs no `Intl` lookup (the costly part). */
const ALWAYS_UTC = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);

/** The zone's UTC offset at `instant`, in milliseconds (historical offsets may carry seconds). */
function offsetMs(timeZone: string, instant: number): number {
  if (ALWAYS_UTC.has(timeZone)) return 0;
  return zoneOffsetMs(timeZone, instant);
}

/** The fields read as if they were UTC, in epoch milliseconds; years 0–99 are not shifted to 19xx. */
export function fieldsToEpoch(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Days in `month` (0–11) of `year` in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month + 1, 0);
  return date.getUTCDate();
}

/** The wall clock in `timeZone` at `instant` (epoch milliseconds). */
export function toWallClock(instant: number, timeZone: string): WallClock {
  const local = new Date(instant + offsetMs(timeZone, instant));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

/**
 * The instant (epoch milliseconds) at which the wall clock in `timeZone` shows `wall`. Like Temporal's
 * `"compatible"` disambiguation: a time shown twice (clocks turned back) is the earlier instant; a time
 * skipped (clocks turned forward) moves forward by the length of the gap (02:30 → 03:30).
 */
export function fromWallClock(wall: WallClock, timeZone: string): number {
  const local = fieldsToEpoch(wall);
  // Offsets in force a day either side bracket any single transition near this wall time.
  const before = offsetMs(timeZone, local - DAY_MS);
  const after = offsetMs(timeZone, local + DAY_MS);
  // The same offset either side: the checks below could only pick `local - before` (the common case, done fast).
  if (before === after) return local - before;
  const candidates = [local - before, local - after].filter(
    (instant) => local - instant === offsetMs(timeZone, instant),
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // Skipped wall time: read it with the offset from before the jump, which lands after the gap.
  return local - before;
}
