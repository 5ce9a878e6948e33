/**
 * Money: exact, immutable, currency-aware amounts; rounding modes; largest-remainder allocation.
 * @module
 */
export { Money, money } from './money';
export type { MoneyJSON } from './money';
export { allocate } from './allocate';
export { currencyMinorUnits, isKnownCurrency } from './currency';
export { RoundingModeSchema } from './rounding-mode';
export type { RoundingMode } from './rounding-mode';
export {
  BoundedDecimalSchema,
  BoundedNonNegativeDecimalSchema,
  CurrencySchema,
  DECIMAL_INPUT_LIMITS,
  DecimalStringSchema,
  NonNegativeDecimalSchema,
} from './schemas';
