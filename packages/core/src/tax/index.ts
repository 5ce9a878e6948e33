/**
 * Tax: tax rates as validated plain JSON (exclusive, inclusive, compound), tax codes and the rates they pick for a
 * customer's location, the taxes of one amount, per-line or per-invoice rounding, customer tax status (exempt,
 * reverse charge) and cash rounding of totals.
 * @module
 */
export { TaxRateSchema, findTaxRateConflicts } from './tax-rate';
export type { TaxRate, TaxRateConflict } from './tax-rate';
export { TaxStatusSchema, REVERSE_CHARGE_NOTE, chargesTax, taxStatusNotes } from './tax-status';
export type { TaxStatus } from './tax-status';
export { calculateLineTax } from './line-tax';
export type { LineTax, TaxAmount } from './line-tax';
export { TaxRoundingSchema, calculateInvoiceTax } from './invoice-tax';
export type { TaxRounding, TaxableLine, TaxSummary, InvoiceTax } from './invoice-tax';
export { CashRoundingIncrementSchema, cashRound } from './cash-rounding';
export {
  TaxCategoryCodeSchema,
  TaxExemptionSchema,
  TaxTypeSchema,
  lineTaxCategory,
  taxCategoryProblem,
} from './tax-category';
export type {
  CategorizedRate,
  LineTaxCategory,
  LineTaxCategoryProblem,
  TaxCategoryCode,
  TaxExemption,
  TaxType,
} from './tax-category';
export { isVatId } from './vat-id';
export { CountryCodeSchema, TaxCodeSchema, ratesForTaxCode } from './tax-code';
export type { TaxCode, TaxLocation } from './tax-code';
export type { CashRounding } from './cash-rounding';
