import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMinutes, addMonths, addSeconds, addWeeks, addYears } from 'date-fns';
import { z } from 'zod';
import { INSTANT_RANGE, InstantInputSchema, instantRangeProblem } from '../domain/common';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import type { Clock } from './clock';

/** One part of a move: a whole number from 0 up to more than the whole {@link INSTANT_RANGE} (230 years) in its unit. */
const part = (max: number) => z.number().int().min(0).max(max).optional();

/**
 * How far to move a test clock; the parts are applied from years down to seconds. The clock must stay within
 * {@link INSTANT_RANGE}.
 */
export const AdvanceSchema = z.strictObject({
  years: part(300),
  months: part(3_600),
  weeks: part(15_700),
  days: part(110_000),
  hours: part(2_630_000),
  minutes: part(157_800_000),
  seconds: part(9_467_000_000),
});

/** How far to move a test clock. */
export type Advance = z.input<typeof AdvanceSchema>;

/**
 * A clock that stands still until told to move: drives tests and demos through months in seconds. It stays within
 * {@link INSTANT_RANGE}: a start, a jump or a move outside it is `invalid_input`, and the clock does not move.
 */
export interface TestClock extends Clock {
  /** Moves forward (UTC calendar arithmetic) and returns the new now. */
  advance(by: Advance): Date;
  /** Jumps to an instant (forward or back). */
  set(to: Date | string): Date;
}

/**
 * Creates a {@link TestClock} standing at `start`.
 * @example
 * ```ts
 * const clock = createTestClock('2026-01-01T00:00:00Z');
 * clock.advance({ months: 1 }); // 2026-02-01T00:00:00.000Z
 * ```
 */
export function createTestClock(start: Date | string): TestClock {
  let current = new Date(validate(InstantInputSchema, start, 'start'));
  return {
    now: () => new Date(current.getTime()),
    advance(by) {
      const step = validate(AdvanceSchema, by, 'by');
      // Calendar steps in UTC, whatever the process time zone is.
      let next: Date = new TZDate(current.getTime(), 'UTC');
      next = addYears(next, step.years ?? 0);
      next = addMonths(next, step.months ?? 0);
      next = addWeeks(next, step.weeks ?? 0);
      next = addDays(next, step.days ?? 0);
      next = addHours(next, step.hours ?? 0);
      next = addMinutes(next, step.minutes ?? 0);
      next = addSeconds(next, step.seconds ?? 0);
      if (instantRangeProblem(next.getTime()) !== undefined) {
        throw new BillingError(
          BillingErrorCode.invalidInput,
          `Invalid by: the clock must stay from ${INSTANT_RANGE.from} and before ${INSTANT_RANGE.to}`,
          { path: ['by'] },
        );
      }
      current = new Date(next.getTime());
      return new Date(current.getTime());
    },
    set(to) {
      current = new Date(validate(InstantInputSchema, to, 'to'));
      return new Date(current.getTime());
    },
  };
}
