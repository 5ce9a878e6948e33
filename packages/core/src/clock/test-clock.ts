import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMinutes, addMonths, addSeconds, addWeeks, addYears } from 'date-fns';
import { z } from 'zod';
import { InstantInputSchema } from '../domain/common';
import { validate } from '../errors/validate';
import type { Clock } from './clock';

/** How far to move a test clock; the parts are applied from years down to seconds. */
export const AdvanceSchema = z
  .object({
    years: z.number().int().min(0).optional(),
    months: z.number().int().min(0).optional(),
    weeks: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
    hours: z.number().int().min(0).optional(),
    minutes: z.number().int().min(0).optional(),
    seconds: z.number().int().min(0).optional(),
  })
  .strict();

/** How far to move a test clock. */
export type Advance = z.input<typeof AdvanceSchema>;

/** A clock that stands still until told to move: drives tests and demos through months in seconds. */
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
      current = addSeconds(next, step.seconds ?? 0);
      return new Date(current.getTime());
    },
    set(to) {
      current = new Date(validate(InstantInputSchema, to, 'to'));
      return new Date(current.getTime());
    },
  };
}
