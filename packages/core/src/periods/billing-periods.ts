import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { DateInputSchema, type Period } from './period';
import { type WallClock, daysInMonth, fieldsToEpoch, fromWallClock, toWallClock } from './wall-clock';

/** The unit a billing period repeats by. */
export const BillingIntervalSchema = z.enum(['day', 'week', 'month', 'year']);

/** One of the units of {@link BillingIntervalSchema}. */
export type BillingInterval = z.infer<typeof BillingIntervalSchema>;

const knownTimeZones = new Set<string>();

function isKnownTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return false;
  }
  // Zones are only ever added: the runtime's zone database does not change while it runs.
  knownTimeZones.add(timeZone);
  return true;
}

/** An IANA time zone name the runtime's `Intl` knows (`"Europe/Berlin"`, `"America/New_York"`, `"UTC"`). */
export const TimeZoneSchema = z.string().refine(isKnownTimeZone, {
  error: (issue) => `unknown time zone ${JSON.stringify(issue.input)}: use an IANA name such as "Europe/Berlin"`,
});

/** The most periods one call returns (`count` at most); page with `from` for more. */
const MAX_PERIODS = 10_000;

/** Validates the argument of {@link billingPeriods}. */
export const BillingPeriodsOptionsSchema = z.strictObject({
  /** An instant on which a period starts; every period starts at the same wall-clock time. */
  anchor: DateInputSchema,
  interval: BillingIntervalSchema,
  /** How many intervals one period spans (2 with `"week"` is fortnightly). Default 1. */
  intervalCount: z.int().min(1).default(1),
  /** The customer's IANA time zone; boundaries keep their wall-clock time in it across DST changes. */
  timeZone: TimeZoneSchema,
  /** The first period returned is the one that contains this instant. */
  from: DateInputSchema,
  /** How many consecutive periods to return. */
  count: z.int().min(1).max(MAX_PERIODS),
});

/** The argument of {@link billingPeriods}: dates as `Date`s or ISO-8601 strings with an offset. */
export type BillingPeriodsOptions = z.input<typeof BillingPeriodsOptionsSchema>;

const DAY_MS = 86_400_000;

/**
 * Start of period `k` of a schedule: the anchor's wall clock moved by `k × intervalCount` intervals, always
 * from the anchor (never chained), so a month-end anchor clamps per month and comes back (31 → 28 → 31).
 */
function periodStart(anchor: WallClock, interval: BillingInterval, steps: number, timeZone: string): number {
  switch (interval) {
    case 'day':
      return fromWallClock({ ...anchor, day: anchor.day + steps }, timeZone);
    case 'week':
      return fromWallClock({ ...anchor, day: anchor.day + 7 * steps }, timeZone);
    case 'month': {
      const months = anchor.month + steps;
      const year = anchor.year + Math.floor(months / 12);
      const month = months - 12 * Math.floor(months / 12);
      return fromWallClock({ ...anchor, year, month, day: Math.min(anchor.day, daysInMonth(year, month)) }, timeZone);
    }
    case 'year': {
      const year = anchor.year + steps;
      return fromWallClock({ ...anchor, year, day: Math.min(anchor.day, daysInMonth(year, anchor.month)) }, timeZone);
    }
    default: {
      const never: never = interval;
      throw new Error(`unknown billing interval ${String(never)}`);
    }
  }
}

/** A first guess at the index of the period containing `from`, from calendar fields alone (off by at most one). */
function estimateIndex(anchor: WallClock, from: WallClock, interval: BillingInterval, intervalCount: number): number {
  const midnight = { hour: 0, minute: 0, second: 0, millisecond: 0 };
  const days = Math.round(
    (fieldsToEpoch({ ...from, ...midnight }) - fieldsToEpoch({ ...anchor, ...midnight })) / DAY_MS,
  );
  switch (interval) {
    case 'day':
      return Math.floor(days / intervalCount);
    case 'week':
      return Math.floor(days / (7 * intervalCount));
    case 'month':
      return Math.floor(((from.year - anchor.year) * 12 + from.month - anchor.month) / intervalCount);
    case 'year':
      return Math.floor((from.year - anchor.year) / intervalCount);
    default: {
      const never: never = interval;
      throw new Error(`unknown billing interval ${String(never)}`);
    }
  }
}

/**
 * The `count` consecutive billing periods of a schedule, starting with the one that contains `from`.
 * Periods are half-open `[start, end)` and contiguous (each `end` is the next `start`). They are computed in
 * the customer's time zone: period `k` starts at the anchor's wall-clock time `k × intervalCount` intervals
 * after (or, for `k < 0`, before) the anchor, so DST never moves a boundary's local time and month-end
 * anchors clamp (Jan 31 → Feb 28/29 → Mar 31 → Apr 30). A local time skipped by a DST change moves
 * forward by the gap; one that occurs twice is the earlier instant.
 *
 * @throws BillingError `invalid_input` (with the path of the bad field) for an invalid date, an unknown
 * time zone, an `intervalCount` or `count` below 1 (or `count` above 10 000), or periods past the range of `Date`.
 * @example
 * ```ts
 * billingPeriods({
 *   anchor: '2024-01-31T00:00:00Z', interval: 'month', timeZone: 'UTC',
 *   from: '2024-02-10T00:00:00Z', count: 2,
 * });
 * // [{ start: 2024-01-31T00:00Z, end: 2024-02-29T00:00Z }, { start: 2024-02-29T00:00Z, end: 2024-03-31T00:00Z }]
 * ```
 */
export function billingPeriods(options: BillingPeriodsOptions): Period[] {
  return validBillingPeriods(validate(BillingPeriodsOptionsSchema, options, 'options'));
}

/**
 * {@link billingPeriods} of options that are valid already (the engine's own stored subscriptions): the same
 * periods without parsing the options again.
 * @throws BillingError `invalid_input` for periods past the range of `Date` (or an invalid date).
 * @internal
 */
export function validBillingPeriods(options: z.output<typeof BillingPeriodsOptionsSchema>): Period[] {
  const { anchor, interval, intervalCount, timeZone, from, count } = options;
  const anchorWall = toWallClock(anchor.getTime(), timeZone);
  const fromTime = from.getTime();
  // Each start costs time-zone lookups: the search and the result share them.
  const starts = new Map<number, number>();
  const startOf = (k: number) => {
    let start = starts.get(k);
    if (start === undefined) {
      start = periodStart(anchorWall, interval, k * intervalCount, timeZone);
      starts.set(k, start);
    }
    return start;
  };

  let k = estimateIndex(anchorWall, toWallClock(fromTime, timeZone), interval, intervalCount);
  while (startOf(k) > fromTime) k -= 1;
  while (startOf(k + 1) <= fromTime) k += 1;

  const bounds = [startOf(k)];
  for (let i = k + 1; bounds.length <= count; i += 1) {
    const next = startOf(i);
    // A day the zone skipped entirely (Samoa, 2011-12-30) lands on the next day's start: no empty period.
    if (!(next <= (bounds[bounds.length - 1] as number))) bounds.push(next);
  }
  if (bounds.some(Number.isNaN)) {
    throw new BillingError(BillingErrorCode.invalidInput, 'The periods run past the dates JavaScript can represent', {
      path: ['options', 'count'],
    });
  }
  return bounds.slice(0, count).map((start, i) => ({ start: new Date(start), end: new Date(bounds[i + 1] as number) }));
}
