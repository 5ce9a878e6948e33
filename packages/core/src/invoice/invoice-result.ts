import type { RatedTier } from '../pricing/rated-price';
import type { TaxRounding } from '../tax/invoice-tax';
import type { TaxStatus } from '../tax/tax-status';
import type { InvoicePeriod } from './invoice-input';

/** One rate's tax on one line. */
export interface InvoiceLineTax {
  /** The `id` of the tax rate. */
  readonly rateId: string;
  /** The tax, in major units. */
  readonly amount: string;
}

/**
 * One calculated line. Amounts are decimal strings in major units with the currency's decimals.
 * `amount − discountAmount = taxableAmount` for exclusive (or no) rates, and
 * `amount − discountAmount = taxableAmount + Σ taxes` for inclusive rates (their `amount` is gross).
 */
export interface InvoiceLineResult {
  readonly id?: string;
  readonly description: string;
  readonly billingCode?: string;
  readonly period?: InvoicePeriod;
  /** The quantity rated, for price lines. */
  readonly quantity?: string;
  /** The pricing breakdown, for price lines. */
  readonly tiers?: readonly RatedTier[];
  /** What the line costs as entered, before discounts: gross for tax-inclusive lines. */
  readonly amount: string;
  /** This line's share of the invoice's discounts. */
  readonly discountAmount: string;
  /** The amount the taxes apply to: after discounts, net of inclusive taxes. */
  readonly taxableAmount: string;
  /** One entry per rate of the line, in its order; empty when the customer pays no tax. */
  readonly taxes: readonly InvoiceLineTax[];
}

/** One discount's total, in the order of the input's discounts. */
export interface InvoiceDiscountResult {
  readonly id?: string;
  /** What this discount took off, spread over its lines. */
  readonly amount: string;
}

/** One tax rate's total over the invoice; the lines' taxes of this rate sum to `amount`. */
export interface InvoiceTaxResult {
  readonly rateId: string;
  readonly name: string;
  readonly percentage: string;
  /** Whether the tax is contained in the line amounts (and so not added to the total). */
  readonly inclusive: boolean;
  readonly compound: boolean;
  readonly jurisdiction?: string;
  /** Sum of the lines' bases: taxable amounts, plus earlier taxes for a compound rate. */
  readonly taxableAmount: string;
  readonly amount: string;
}

/**
 * A calculated invoice. Invariants, exact to the minor unit:
 * `Σ lines.amount = subtotal`, `Σ lines.discountAmount = Σ discounts.amount = discountTotal`,
 * `Σ taxes.amount = taxTotal`, per rate `Σ line taxes = taxes[rate].amount`,
 * `total = subtotal − discountTotal + Σ exclusive taxes + roundingAmount` and `amountDue = total − creditApplied`.
 */
export interface InvoiceResult {
  /** ISO 4217 code of every amount. */
  readonly currency: string;
  readonly lines: readonly InvoiceLineResult[];
  /** Sum of the line amounts (gross for tax-inclusive lines). */
  readonly subtotal: string;
  readonly discountTotal: string;
  readonly discounts: readonly InvoiceDiscountResult[];
  /** One entry per tax rate, in order of first appearance; empty for exempt and reverse-charge customers. */
  readonly taxes: readonly InvoiceTaxResult[];
  /** All taxes, inclusive ones included. */
  readonly taxTotal: string;
  /** Cash rounding added to the total (negative when it went down); `0` without cash rounding. */
  readonly roundingAmount: string;
  readonly total: string;
  /**
   * Customer credit used: the smaller of the credit balance and the total. Negative when credit lines make the
   * total negative: that much goes back to the customer's credit balance (and `amountDue` is 0).
   */
  readonly creditApplied: string;
  /** What the customer still owes: `total − creditApplied`, never negative. */
  readonly amountDue: string;
  readonly taxRounding: TaxRounding;
  readonly taxStatus: TaxStatus;
  /** Whether VAT is reverse-charged; the note is then in `notes`. */
  readonly reverseCharge: boolean;
  /** Legal notes the invoice must print, e.g. the reverse-charge note. */
  readonly notes: readonly string[];
}
