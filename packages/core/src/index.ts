/**
 * `@billfold/core`: exact money, pricing, periods and proration, tax and invoice math.
 * Pure TypeScript with no I/O. Each layer is also a subpath export (`@billfold/core/money`, …).
 * @module
 */
export { BillingError, BillingErrorCode, isBillingError } from './errors/index';
export type { BillingErrorOptions, BillingIssue } from './errors/index';
export {
  Money,
  money,
  allocate,
  currencyMinorUnits,
  isKnownCurrency,
  RoundingModeSchema,
  CurrencySchema,
  DecimalStringSchema,
  NonNegativeDecimalSchema,
} from './money/index';
export type { MoneyJSON, RoundingMode } from './money/index';
export { formatMoney } from './format/index';
