import { z } from 'zod';
import { isKnownCurrency } from './currency';
import { DECIMAL_PATTERN } from './fixed';

/**
 * A decimal amount as a string in major units (`"19.99"`, `"-5"`, `"0.0004"`). Numbers are refused:
 * a JS float cannot carry an exact amount.
 */
export const DecimalStringSchema = z
  .string({ error: (issue) => (typeof issue.input === 'number' ? 'expected a decimal string such as "19.99", not a number (floats are not exact)' : 'expected a decimal string such as "19.99"') })
  .max(64, 'at most 64 characters')
  .regex(DECIMAL_PATTERN, 'expected a decimal string such as "19.99" (digits without leading zeros, optional "-" and ".")')
  .refine((s) => !/^-0(\.0+)?$/.test(s), 'negative zero: write "0"');

/** A decimal string that is zero or more. */
export const NonNegativeDecimalSchema = DecimalStringSchema.refine((s) => !s.startsWith('-'), 'must not be negative');

/** An ISO 4217 currency code known to `Intl` (`"EUR"`, `"JPY"`, `"KWD"`). */
export const CurrencySchema = z.string().refine(isKnownCurrency, { error: (issue) => `unknown currency "${String(issue.input)}": use an ISO 4217 code such as "EUR"` });
