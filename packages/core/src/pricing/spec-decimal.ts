import { DECIMAL_PATTERN, type Fixed, parseFixed } from '../money/fixed';

const MAX_ENTRIES = 4096;
const parsed = new Map<string, Fixed>();

/**
 * Whether `value` passes the shape checks of `DecimalStringSchema` (a string of at most 64 characters matching
 * `DECIMAL_PATTERN`): zod runs object and array refinements even when a field failed its own checks, so a
 * refinement must test a field before it parses it.
 * @internal
 */
export function isDecimalText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && DECIMAL_PATTERN.test(value);
}

/**
 * Parses a validated decimal string from a price spec, memoized by its text: prices are rated again and
 * again with the same amounts, and `BigInt(text)` is the costliest step of a small rating. Keyed by the
 * string's content (never by object identity) and `Fixed` is immutable, so a mutated price cannot hit a
 * stale entry. Bounded: the memo is cleared when it fills up.
 * @internal
 */
export function parseSpecDecimal(text: string): Fixed {
  let value = parsed.get(text);
  if (value === undefined) {
    if (parsed.size >= MAX_ENTRIES) parsed.clear();
    value = parseFixed(text);
    parsed.set(text, value);
  }
  return value;
}
