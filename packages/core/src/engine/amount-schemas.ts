import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { currencyMinorUnits, isKnownCurrency } from '../money/currency';
import { parseFixed, pow10 } from '../money/fixed';
import { BoundedDecimalSchema } from '../money/schemas';

/** An amount that must be greater than zero: a decimal string (`"19.99"`), never a number. */
export const PositiveAmountSchema = BoundedDecimalSchema.refine(
  (text) => !text.startsWith('-') && /[1-9]/.test(text),
  'must be greater than zero',
);

/** An idempotency key: any 1–255 characters the caller chooses (a UUID, a request id). */
export const IdempotencyKeySchema = z.string().min(1).max(255);

/**
 * Adds an issue at `path` when `amount` has more decimals than `currency`'s minor unit (`"10.001"` EUR):
 * money that moves is always a whole number of minor units.
 */
export function checkMinorUnits(
  amount: string,
  currency: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  if (!isKnownCurrency(currency) || !/^-?\d+(\.\d+)?$/.test(amount)) return;
  const scale = currencyMinorUnits(currency);
  const { units, scale: own } = parseFixed(amount);
  if (own > scale && units % pow10(own - scale) !== 0n) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${currency} has ${scale} decimals; ${amount} is finer than its minor unit`,
    });
  }
}

/**
 * Throws `invalid_input` at `path` when `amount` is finer than `currency`'s minor unit; for checks that can
 * only run once the currency is known (the customer's, the invoice's).
 */
export function assertMinorUnits(amount: string, currency: string, path: readonly (string | number)[]): void {
  const scale = currencyMinorUnits(currency);
  const { units, scale: own } = parseFixed(amount);
  if (own > scale && units % pow10(own - scale) !== 0n) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid ${path.join('.')}: ${currency} has ${scale} decimals; ${amount} is finer than its minor unit`,
      { path },
    );
  }
}
