import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { type Money, money } from '../money/money';
import { NonNegativeDecimalSchema } from '../money/schemas';
import { PriceSchema } from '../pricing/price-schema';
import { rate } from '../pricing/rate';
import { DateInputSchema, type Period, PeriodSchema, parsed } from './period';
import { type ProrateOptions, prorate } from './prorate';

/** A price and the quantity billed on it for a whole period. */
const SubscribedPriceSchema = z.strictObject({
  price: PriceSchema.refine((price) => price.model !== 'percentage', {
    path: ['model'],
    error: 'a percentage price charges per transaction, not per period, so it cannot be prorated',
  }),
  /** Units billed per period, a decimal string. Default `"1"`. */
  quantity: NonNegativeDecimalSchema.default('1'),
});

/** Validates the argument of {@link planChange}. */
export const PlanChangeSchema = z
  .object({
    /** What the customer paid for the period until now. */
    from: SubscribedPriceSchema,
    /** What the customer pays from `at` on. */
    to: SubscribedPriceSchema,
    /** The billing period the change falls in. */
    period: PeriodSchema,
    /** When the change takes effect: inside the period, `period.start ≤ at < period.end`. */
    at: DateInputSchema,
  })
  .refine(
    ({ at, period }) =>
      !(at instanceof Date && parsed(period)) ||
      (at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime()),
    { path: ['at'], error: 'must lie inside the period: period.start ≤ at < period.end' },
  );

/** The argument of {@link planChange}: prices as plain JSON, dates as `Date`s or ISO-8601 strings with an offset. */
export type PlanChange = z.input<typeof PlanChangeSchema>;

/** The proration lines of a mid-period price or quantity change. */
export interface PlanChangeProration {
  /** The rest of the period the lines cover: `[at, period.end)`. */
  readonly span: Period;
  /** Credit for the unused time on the old price and quantity: zero or negative, rounded on its own. */
  readonly credit: Money;
  /** Charge for the rest of the period on the new price and quantity: zero or positive, rounded on its own. */
  readonly debit: Money;
  /** `credit + debit`, exactly the sum of the two rounded lines, so the lines a customer sees add up. */
  readonly net: Money;
}

/**
 * The proration of changing a subscription's price or quantity at `at` inside a billing period: a credit
 * for the unused part of the old charge and a debit for the same time on the new one, each prorated by the
 * second over the whole period (see `prorate`) and rounded on its own. Each charge is the price rated for the
 * quantity (`rate`, commitments included), taken exactly so that it is rounded only once.
 *
 * @param options the rounding mode of both lines (default `half-up`).
 * @throws BillingError `invalid_input` (with the path of the bad field) for an invalid price, quantity or
 * date, a percentage price, or `at` outside the period; `currency_mismatch` when the two prices differ in currency.
 * @example
 * ```ts
 * // Upgrade from 10.00 to 25.00 a month, 10 days into a 30-day period (20 days left):
 * planChange({
 *   from: { price: { model: 'flat', currency: 'EUR', amount: '10.00' } },
 *   to: { price: { model: 'flat', currency: 'EUR', amount: '25.00' } },
 *   period: { start: '2024-04-01T00:00:00Z', end: '2024-05-01T00:00:00Z' },
 *   at: '2024-04-11T00:00:00Z',
 * });
 * // credit −6.67 EUR (−10.00 × 20/30), debit 16.67 EUR (25.00 × 20/30), net 10.00 EUR
 * ```
 */
export function planChange(change: PlanChange, options: ProrateOptions = {}): PlanChangeProration {
  const { from, to, period, at } = validate(PlanChangeSchema, change, 'change');
  if (from.price.currency !== to.price.currency) {
    throw new BillingError(
      BillingErrorCode.currencyMismatch,
      `Cannot change from a ${from.price.currency} price to a ${to.price.currency} price within one period: use prices in one currency`,
      { path: ['change', 'to', 'price', 'currency'] },
    );
  }
  const span: Period = { start: at, end: period.end };
  const periodCharge = (line: typeof from): Money => {
    const rated = rate(line.price, line.quantity);
    return money(rated.unroundedAmount, rated.currency);
  };
  const credit = prorate(periodCharge(from), period, span, options).negate();
  const debit = prorate(periodCharge(to), period, span, options);
  return { span, credit, debit, net: credit.add(debit) };
}
