/**
 * A time zone's UTC offset at an instant, remembered per span of time: a billing run converts thousands of
 * instants of the same few months in the same few zones, and each `Intl` lookup is the costly part of period maths.
 * @internal
 */
import { tzOffset } from '@date-fns/tz';

/**
 * The offsets of one span of time in one zone: `before` until the instant `changesAt`, `after` from it on (one
 * value throughout when the zone did not change in the span: `changesAt` is then the span's end).
 */
interface SpanOffsets {
  readonly before: number;
  readonly changesAt: number;
  readonly after: number;
}

/**
 * Length of a span (6 hours). A span whose start and end have the same offset is taken to have it throughout, and one
 * whose ends differ to hold one change: no zone changes its offset twice within 6 hours (changes are months apart,
 * at least days in the oddest history), and the wall-clock conversions already rely on a day either side of an
 * instant bracketing at most one change.
 */
const SPAN_MS = 6 * 3_600_000;

/** Spans remembered per zone before its cache is cleared (some 34 years of them): memory stays bounded. */
const MAX_SPANS_PER_ZONE = 50_000;

/** Zones remembered before all are cleared (the IANA database has some 600). */
const MAX_ZONES = 1_000;

const spansByZone = new Map<string, Map<number, SpanOffsets>>();

/** The zone's UTC offset at `instant` in milliseconds, read with `Intl` (historical offsets may carry seconds). */
export function exactOffsetMs(timeZone: string, instant: number): number {
  return Math.round(tzOffset(timeZone, new Date(instant)) * 60) * 1000;
}

/**
 * The zone's UTC offset at `instant`, in milliseconds: {@link exactOffsetMs}, from a bounded cache of 6-hour spans.
 * A span costs two `Intl` lookups the first time (the instant a change happens inside it is found by bisection,
 * to the millisecond, once); every later instant in it costs none.
 */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const index = Math.floor(instant / SPAN_MS);
  let spans = spansByZone.get(timeZone);
  const known = spans?.get(index);
  if (known !== undefined) return instant < known.changesAt ? known.before : known.after;
  const span = spanOffsets(timeZone, index);
  // Past the range of `Date` (or not a number): nothing to remember.
  if (span === undefined) return exactOffsetMs(timeZone, instant);
  if (spans === undefined) {
    if (spansByZone.size >= MAX_ZONES) spansByZone.clear();
    spans = new Map();
    spansByZone.set(timeZone, spans);
  } else if (spans.size >= MAX_SPANS_PER_ZONE) {
    spans.clear();
  }
  spans.set(index, span);
  return instant < span.changesAt ? span.before : span.after;
}

/** The offsets of span `index` of the zone, or `undefined` when an end of it has no offset (outside `Date`'s range). */
function spanOffsets(timeZone: string, index: number): SpanOffsets | undefined {
  const start = index * SPAN_MS;
  const end = start + SPAN_MS;
  const before = exactOffsetMs(timeZone, start);
  const after = exactOffsetMs(timeZone, end);
  if (Number.isNaN(before) || Number.isNaN(after)) return undefined;
  if (before === after) return { before, changesAt: end, after };
  // The first instant with the new offset: `low` always has the old one, `high` the new one.
  let low = start;
  let high = end;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (exactOffsetMs(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  return { before, changesAt: high, after };
}
