import { z } from 'zod';

const DATE_INPUT_MESSAGE =
  'expected a valid Date or an ISO-8601 date-time with an offset, such as "2024-01-31T00:00:00Z" or "2024-01-31T00:00:00+01:00"';

/**
 * An instant as a `Date` or an ISO-8601 date-time string with seconds and an explicit offset (`Z` or `±hh:mm`).
 * Strings without an offset, and impossible dates such as `2023-02-29`, are refused: their meaning would
 * depend on the machine's time zone or on `Date`'s silent rollover. Parses to a fresh `Date`.
 */
export const DateInputSchema = z
  .union([z.date(), z.iso.datetime({ offset: true, error: DATE_INPUT_MESSAGE })], { error: DATE_INPUT_MESSAGE })
  .transform((value) => new Date(typeof value === 'string' ? value : value.getTime()));

/** What {@link DateInputSchema} accepts: a `Date` or an ISO-8601 date-time string with an offset. */
export type DateInput = z.input<typeof DateInputSchema>;

/**
 * Whether both ends parsed. Zod runs an object's refinements even when a field failed (the field then keeps
 * its raw input), so a refinement comparing dates checks this first.
 * @internal
 */
export function parsed(span: { start: unknown; end: unknown }): span is { start: Date; end: Date } {
  return span.start instanceof Date && span.end instanceof Date;
}

/**
 * A half-open span of time `[start, end)` with `end` after `start`: a billing period, or the part of
 * one that a charge covers.
 */
export const PeriodSchema = z
  .object({ start: DateInputSchema, end: DateInputSchema })
  .refine((period) => !parsed(period) || period.end.getTime() > period.start.getTime(), {
    path: ['end'],
    error: 'must be after start (periods are half-open: [start, end))',
  });

/** A half-open span of time `[start, end)`: `start` is inside it, `end` is the first instant after it. */
export interface Period {
  readonly start: Date;
  readonly end: Date;
}

/** What {@link PeriodSchema} accepts: `start` and `end` as `Date`s or ISO-8601 strings with an offset. */
export type PeriodInput = z.input<typeof PeriodSchema>;
