/**
 * Invoice math: validated invoice input (price or amount lines, discounts, tax rates, tax status, credit, cash
 * rounding) and `calculateInvoice`, which turns it into exact line and invoice totals; the wording of the lines the
 * engine writes, per language (`lineTexts`).
 * @module
 */
export { calculateInvoice } from './calculate-invoice';
export { InvoiceInputSchema, InvoiceLineInputSchema, DiscountInputSchema, InvoicePeriodSchema } from './invoice-input';
export type { InvoiceInput, ValidInvoiceInput, InvoiceLineInput, DiscountInput, InvoicePeriod } from './invoice-input';
export type {
  InvoiceResult,
  InvoiceLineResult,
  InvoiceLineTax,
  InvoiceTaxResult,
  InvoiceDiscountResult,
} from './invoice-result';
export { LineTextsInputSchema, lineTexts } from './line-texts';
export type { LineTexts, LineTextsInput, LineTextTemplates } from './line-texts';
