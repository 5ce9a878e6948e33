import { z } from 'zod';
import { isKnownCurrency } from './currency';
import { DECIMAL_PATTERN } from './fixed';

const NEGATIVE_ZERO = /^-0(\.0+)?$/;

/** What is wrong with a decimal string, if anything (one pass: these schemas sit on every amount field). */
function decimalProblem(text: string, allowNegative: boolean): string | undefined {
  if (text.length > 64) return 'at most 64 characters';
  if (!DECIMAL_PATTERN.test(text)) {
    return 'expected a decimal string such as "19.99" (digits without leading zeros, optional "-" and ".")';
  }
  if (text.charCodeAt(0) === 45 /* - */) {
    if (NEGATIVE_ZERO.test(text)) return 'negative zero: write "0"';
    if (!allowNegative) return 'must not be negative';
  }
  return undefined;
}

const notAString = (issue: { input?: unknown }) =>
  typeof issue.input === 'number'
    ? 'expected a decimal string such as "19.99", not a number (floats are not exact)'
    : 'expected a decimal string such as "19.99"';

/**
 * The largest amounts and quantities Billfold takes from a caller: at most 15 digits before the decimal point
 * (|value| < 10^15: a quadrillion in major units) and at most 12 after it (unit prices such as `"0.000000125"`).
 * Money that moves (payments, refunds, credit notes, invoice lines, coupon amounts) is further limited to its
 * currency's minor units. Every storage keeps such values exactly, and sums and products of them (a balance, a
 * period's usage times a unit price) stay far inside what the engine reads back.
 */
export const DECIMAL_INPUT_LIMITS = { integerDigits: 15, decimals: 12 } as const;

/** What is wrong with a valid decimal string beyond {@link DECIMAL_INPUT_LIMITS}, if anything. */
function limitProblem(text: string): string | undefined {
  const unsigned = text.charCodeAt(0) === 45 /* - */ ? text.slice(1) : text;
  const dot = unsigned.indexOf('.');
  const integer = dot < 0 ? unsigned.length : dot;
  const decimals = dot < 0 ? 0 : unsigned.length - dot - 1;
  if (integer > DECIMAL_INPUT_LIMITS.integerDigits) {
    return `at most ${DECIMAL_INPUT_LIMITS.integerDigits} digits before the decimal point (less than 10^${DECIMAL_INPUT_LIMITS.integerDigits})`;
  }
  if (decimals > DECIMAL_INPUT_LIMITS.decimals) return `at most ${DECIMAL_INPUT_LIMITS.decimals} decimals`;
  return undefined;
}

/**
 * What is wrong with `text` as a zero-or-more decimal within {@link DECIMAL_INPUT_LIMITS}, or `undefined`: the check
 * of {@link BoundedNonNegativeDecimalSchema} on a string, without a schema parse (usage ingestion runs it for every
 * property of every event).
 * @internal
 */
export function boundedNonNegativeDecimalProblem(text: string): string | undefined {
  return decimalProblem(text, false) ?? limitProblem(text);
}

/** A decimal string schema: negative values allowed or not, bounded by {@link DECIMAL_INPUT_LIMITS} or not. */
function decimalSchema(allowNegative: boolean, bounded: boolean) {
  return z.string({ error: notAString }).superRefine((text, ctx) => {
    const problem = decimalProblem(text, allowNegative) ?? (bounded ? limitProblem(text) : undefined);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * A decimal amount as a string in major units (`"19.99"`, `"-5"`, `"0.0004"`), at most 64 characters. Numbers are
 * refused: a JS float cannot carry an exact amount.
 */
export const DecimalStringSchema = decimalSchema(true, false);

/** A decimal string that is zero or more. */
export const NonNegativeDecimalSchema = decimalSchema(false, false);

/** A decimal string within {@link DECIMAL_INPUT_LIMITS}: what the engine takes as an amount (may be negative). */
export const BoundedDecimalSchema = decimalSchema(true, true);

/** A decimal string within {@link DECIMAL_INPUT_LIMITS} that is zero or more: a price, a quantity, a percentage. */
export const BoundedNonNegativeDecimalSchema = decimalSchema(false, true);

/** An ISO 4217 currency code known to `Intl` (`"EUR"`, `"JPY"`, `"KWD"`). */
export const CurrencySchema = z.string().refine(isKnownCurrency, {
  error: (issue) => `unknown currency "${String(issue.input)}": use an ISO 4217 code such as "EUR"`,
});
