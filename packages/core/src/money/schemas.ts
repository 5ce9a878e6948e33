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
 * A decimal amount as a string in major units (`"19.99"`, `"-5"`, `"0.0004"`). Numbers are refused:
 * a JS float cannot carry an exact amount.
 */
export const DecimalStringSchema = z.string({ error: notAString }).superRefine((text, ctx) => {
  const problem = decimalProblem(text, true);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** A decimal string that is zero or more. */
export const NonNegativeDecimalSchema = z.string({ error: notAString }).superRefine((text, ctx) => {
  const problem = decimalProblem(text, false);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** An ISO 4217 currency code known to `Intl` (`"EUR"`, `"JPY"`, `"KWD"`). */
export const CurrencySchema = z.string().refine(isKnownCurrency, {
  error: (issue) => `unknown currency "${String(issue.input)}": use an ISO 4217 code such as "EUR"`,
});
