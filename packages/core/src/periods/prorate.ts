import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { divFixed, mulFixed } from '../money/fixed';
import { Money } from '../money/money';
import { RoundingModeSchema } from '../money/rounding-mode';
import { DateInputSchema, type Period, type PeriodInput, PeriodSchema, parsed } from './period';

/** Validates the options of {@link prorate}. */
export const ProrateOptionsSchema = z.strictObject({
  /** How the share is rounded to the currency's minor units. Default `half-up`. */
  roundingMode: RoundingModeSchema.default('half-up'),
});

/** Options of {@link prorate}. */
export type ProrateOptions = z.input<typeof ProrateOptionsSchema>;

/** A span may be empty (`end` equal to `start`); it then covers nothing. */
const SpanSchema = z
  .object({ start: DateInputSchema, end: DateInputSchema })
  .refine((span) => !parsed(span) || span.end.getTime() >= span.start.getTime(), {
    path: ['end'],
    error: 'must not be before start',
  });

/**
 * Whole Unix seconds: proration counts seconds, as a Unix timestamp does, so milliseconds are dropped.
 * A `Date` holds at most ±8.64e12 seconds, well inside the safe integers.
 */
function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * The share of `amount` for the part of `span` that lies inside `period`, by the second:
 * `amount × seconds(span ∩ period) / seconds(period)`, computed exactly and rounded once to the
 * currency's minor units. A span outside the period gives zero; the whole period gives `amount` rounded.
 * Instants count in whole Unix seconds (milliseconds are dropped).
 *
 * Prorating the parts of a period one by one rounds each part on its own, so the parts may differ from the
 * rounded whole by a minor unit; use `allocate` when parts must add up exactly.
 *
 * @param amount the charge for the whole period.
 * @param period the billing period `[start, end)`, at least one second long.
 * @param span the time charged for, `[start, end)`.
 * @throws BillingError `invalid_input` (with the path of the bad field) for a non-Money amount, an invalid
 * date, a period shorter than one second, a span ending before it starts, or an unknown rounding mode.
 * @example
 * ```ts
 * const period = { start: '2024-04-01T00:00:00Z', end: '2024-05-01T00:00:00Z' }; // 30 days
 * prorate(money('30.00', 'EUR'), period, { start: '2024-04-21T00:00:00Z', end: '2024-05-01T00:00:00Z' });
 * // 10.00 EUR
 * ```
 */
export function prorate(amount: Money, period: PeriodInput, span: PeriodInput, options: ProrateOptions = {}): Money {
  if (!(amount instanceof Money)) {
    throw new BillingError(BillingErrorCode.invalidInput, 'prorate expects a Money as its first argument', {
      path: ['amount'],
    });
  }
  const whole: Period = validate(PeriodSchema, period, 'period');
  const part: Period = validate(SpanSchema, span, 'span');
  const { roundingMode } = validate(ProrateOptionsSchema, options, 'options');

  const periodStart = unixSeconds(whole.start);
  const periodEnd = unixSeconds(whole.end);
  if (periodEnd <= periodStart) {
    throw new BillingError(BillingErrorCode.invalidInput, 'Invalid period: must be at least one second long', {
      path: ['period', 'end'],
    });
  }
  const covered = Math.max(
    0,
    Math.min(unixSeconds(part.end), periodEnd) - Math.max(unixSeconds(part.start), periodStart),
  );

  const share = divFixed(
    mulFixed(amount.fixed, { units: BigInt(covered), scale: 0 }),
    { units: BigInt(periodEnd - periodStart), scale: 0 },
    amount.minorUnits,
    roundingMode,
  );
  return amount.with(share);
}
