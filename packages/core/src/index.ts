/**
 * `@billfold/core`: exact money, pricing, periods and proration, tax and invoice math; the billing domain and
 * its schemas; the storage, payment-gateway, notifier and clock interfaces; the engine (`createBilling`) and
 * `MemoryStorage`. Pure TypeScript with no I/O. Each layer is also a subpath export
 * (`@billfold/core/money`, `/pricing`, `/periods`, `/tax`, `/invoice`, `/format`, `/errors`).
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
export {
  rate,
  rateTransactions,
  PriceSchema,
  FlatPriceSchema,
  PerUnitPriceSchema,
  PackagePriceSchema,
  GraduatedPriceSchema,
  VolumePriceSchema,
  PercentagePriceSchema,
  TierSchema,
  TiersSchema,
  RateOptionsSchema,
} from './pricing/index';
export type {
  Price,
  FlatPrice,
  PerUnitPrice,
  PackagePrice,
  GraduatedPrice,
  VolumePrice,
  PercentagePrice,
  Tier,
  RatedPrice,
  RatedTier,
  CommitmentAdjustment,
  RateOptions,
} from './pricing/index';
export {
  billingPeriods,
  prorate,
  planChange,
  BillingIntervalSchema,
  BillingPeriodsOptionsSchema,
  TimeZoneSchema,
  DateInputSchema,
  PeriodSchema,
  ProrateOptionsSchema,
  PlanChangeSchema,
} from './periods/index';
export type {
  BillingInterval,
  BillingPeriodsOptions,
  DateInput,
  Period,
  PeriodInput,
  ProrateOptions,
  PlanChange,
  PlanChangeProration,
} from './periods/index';
export {
  TaxRateSchema,
  TaxStatusSchema,
  TaxRoundingSchema,
  CashRoundingIncrementSchema,
  REVERSE_CHARGE_NOTE,
  calculateLineTax,
  calculateInvoiceTax,
  cashRound,
} from './tax/index';
export type {
  TaxRate,
  TaxStatus,
  TaxRounding,
  LineTax,
  TaxAmount,
  TaxableLine,
  TaxSummary,
  InvoiceTax,
  CashRounding,
} from './tax/index';
export {
  calculateInvoice,
  InvoiceInputSchema,
  InvoiceLineInputSchema,
  DiscountInputSchema,
  InvoicePeriodSchema,
} from './invoice/index';
export type {
  InvoiceInput,
  InvoiceLineInput,
  DiscountInput,
  InvoicePeriod,
  InvoiceResult,
  InvoiceLineResult,
  InvoiceLineTax,
  InvoiceTaxResult,
  InvoiceDiscountResult,
} from './invoice/index';
