import { BillingError, BillingErrorCode, isBillingError } from '../errors/billing-error';
import { invalidInputError, validate } from '../errors/validate';
import { formatFixed, parseFixed } from '../money/fixed';
import { money } from '../money/money';
import type { RoundingMode } from '../money/rounding-mode';
import type { Price } from '../pricing/price-schema';
import { rateValid } from '../pricing/rate';
import type { RatedPrice } from '../pricing/rated-price';
import { cashRoundingUnits } from '../tax/cash-rounding';
import { type TaxedLines, taxLines } from '../tax/invoice-tax';
import type { TaxRate } from '../tax/tax-rate';
import { chargesTax, taxStatusNotes } from '../tax/tax-status';
import { spreadDiscounts } from './discounts';
import {
  type InvoiceInput,
  InvoiceInputSchema,
  invoiceRuleIssues,
  invoiceShapeIssues,
  type ValidInvoiceInput,
} from './invoice-input';
import type { InvoiceLineResult, InvoiceLineTax, InvoiceResult, InvoiceTaxResult } from './invoice-result';
import { toMinorUnits } from './minor-units';

/**
 * Calculates an invoice: rates price lines, spreads discounts over lines (before tax), taxes each line
 * (rounded per line or per invoice), applies cash rounding to the total and then customer credit.
 * Tax-inclusive lines keep their gross `amount`; their `taxableAmount` is net and their taxes are not added to
 * the total. All arithmetic is exact (scaled BigInt) with rounding only at named points: line amounts,
 * percentage discounts, taxes and cash rounding, each with `roundingMode`. See {@link InvoiceResult} for the
 * invariants the result keeps.
 * @throws BillingError `invalid_input` with the `path` of the bad field (`["input", "lines", 1, "amount"]`),
 * `currency_mismatch` when a price is in another currency than the invoice.
 * @example
 * ```ts
 * const vat = { id: 'de-vat', name: 'VAT 19%', percentage: '19', inclusive: false };
 * const invoice = calculateInvoice({
 *   currency: 'EUR',
 *   lines: [
 *     { id: 'seats', description: 'Seats', price: { model: 'per_unit', currency: 'EUR', unitAmount: '12.50' }, quantity: '4', taxRates: [vat] },
 *     { id: 'setup', description: 'Setup', amount: '100.00', taxRates: [vat], discountable: false },
 *   ],
 *   discounts: [{ percentOff: '10' }],   // 10% of the 50.00 of seats: 5.00
 *   creditBalance: '20.00',
 * });
 * // subtotal "150.00", discountTotal "5.00", taxTotal "27.55" (45.00 × 19% = 8.55, 100.00 × 19% = 19.00),
 * // total "172.55", creditApplied "20.00", amountDue "152.55"
 * ```
 */
export function calculateInvoice(input: InvoiceInput): InvoiceResult {
  return calculateValidInvoice(validate(InvoiceInputSchema, input, 'input'));
}

/**
 * {@link calculateInvoice} of an input the engine built from records it validated when they were stored (catalog
 * prices, tax rates, subscription items, usage totals): the same result without parsing every field again with zod,
 * which costs more than the calculation. The cross-field rules (a line is a price with a quantity or an amount, line
 * ids, `appliesTo`, tax-rate conflicts, minor units) still apply, since records valid one by one can break them
 * together, and fail with the same `invalid_input` error as {@link calculateInvoice}. Not part of the public API:
 * input from a caller goes through {@link calculateInvoice}.
 * @internal
 */
export function calculateBuiltInvoice(invoice: ValidInvoiceInput): InvoiceResult {
  const shape = invoiceShapeIssues(invoice);
  const issues = shape.length > 0 ? shape : invoiceRuleIssues(invoice);
  if (issues.length > 0) {
    throw invalidInputError(issues.map((issue) => ({ path: ['input', ...issue.path], message: issue.message })));
  }
  return calculateValidInvoice(invoice);
}

/** The calculation itself, over an input whose every field and rule holds. */
function calculateValidInvoice(invoice: ValidInvoiceInput): InvoiceResult {
  const { currency, lines, roundingMode: mode, taxStatus } = invoice;
  const unit = money('0', currency);
  const scale = unit.minorUnits;
  const format = (units: bigint) => formatFixed({ units, scale }, scale);
  const n = lines.length;

  const amounts = new Array<bigint>(n);
  const rated = new Array<RatedPrice | undefined>(n);
  for (let l = 0; l < n; l++) {
    const line = lines[l] as (typeof lines)[number];
    if (line.price === undefined) {
      amounts[l] = toMinorUnits(line.amount as string, scale, mode);
    } else {
      const result = rateLine(line.price, line.quantity as string, mode, currency, l);
      rated[l] = result;
      amounts[l] = toMinorUnits(result.amount, scale, mode);
    }
  }

  const discounts = spreadDiscounts(amounts, lines, invoice.discounts, unit, mode);
  const discounted = amounts.map((amount, l) => amount - (discounts.perLine[l] as bigint));
  const rateLists = lines.map((line) => line.taxRates);
  const taxed: TaxedLines | undefined = chargesTax(taxStatus)
    ? taxLines(discounted, rateLists, invoice.taxRounding, mode, unit, ['input'])
    : undefined;

  const taxes: InvoiceTaxResult[] = [];
  let taxTotal = 0n;
  let exclusiveTax = 0n;
  if (taxed !== undefined) {
    for (let k = 0; k < taxed.rates.length; k++) {
      const taxRate = taxed.rates[k] as TaxRate;
      const amount = taxed.rateTaxes[k] as bigint;
      taxTotal += amount;
      if (!taxRate.inclusive) exclusiveTax += amount;
      const entry: InvoiceTaxResult = {
        rateId: taxRate.id,
        name: taxRate.name,
        percentage: taxRate.percentage,
        inclusive: taxRate.inclusive,
        compound: taxRate.compound === true,
        taxableAmount: format(taxed.rateBases[k] as bigint),
        amount: format(amount),
      };
      taxes.push(taxRate.jurisdiction === undefined ? entry : { ...entry, jurisdiction: taxRate.jurisdiction });
    }
  }

  const lineResults = new Array<InvoiceLineResult>(n);
  let subtotal = 0n;
  let discountTotal = 0n;
  for (let l = 0; l < n; l++) {
    const line = lines[l] as (typeof lines)[number];
    const amount = amounts[l] as bigint;
    const discount = discounts.perLine[l] as bigint;
    subtotal += amount;
    discountTotal += discount;
    const lineTaxes: InvoiceLineTax[] = [];
    const list = rateLists[l];
    if (taxed !== undefined && list !== undefined) {
      const units = taxed.lineTaxes[l] as readonly bigint[];
      for (let i = 0; i < list.length; i++) {
        lineTaxes.push({ rateId: (list[i] as TaxRate).id, amount: format(units[i] as bigint) });
      }
    }
    const result: { -readonly [K in keyof InvoiceLineResult]: InvoiceLineResult[K] } = {} as InvoiceLineResult;
    if (line.id !== undefined) result.id = line.id;
    result.description = line.description;
    if (line.billingCode !== undefined) result.billingCode = line.billingCode;
    if (line.period !== undefined) result.period = line.period;
    const pricing = rated[l];
    if (pricing !== undefined) {
      result.quantity = line.quantity as string;
      result.tiers = pricing.tiers;
    }
    result.amount = format(amount);
    result.discountAmount = format(discount);
    result.taxableAmount = format(taxed === undefined ? (discounted[l] as bigint) : (taxed.lineNet[l] as bigint));
    result.taxes = lineTaxes;
    lineResults[l] = result;
  }

  const beforeRounding = subtotal - discountTotal + exclusiveTax;
  const roundingAmount =
    invoice.cashRounding === undefined
      ? 0n
      : cashRoundingUnits(beforeRounding, toMinorUnits(invoice.cashRounding, scale, mode), mode);
  const total = beforeRounding + roundingAmount;
  const credit = toMinorUnits(invoice.creditBalance, scale, mode);
  const creditApplied = credit < total ? credit : total;
  return {
    currency,
    lines: lineResults,
    subtotal: format(subtotal),
    discountTotal: format(discountTotal),
    discounts: invoice.discounts.map((d, i) => {
      const amount = format(discounts.perDiscount[i] as bigint);
      return d.id === undefined ? { amount } : { id: d.id, amount };
    }),
    taxes,
    taxTotal: format(taxTotal),
    roundingAmount: format(roundingAmount),
    total: format(total),
    creditApplied: format(creditApplied),
    amountDue: format(total - creditApplied),
    taxRounding: invoice.taxRounding,
    taxStatus,
    reverseCharge: taxStatus === 'reverse_charge',
    notes: taxStatusNotes(taxStatus),
  };
}

/** Rates a price line in the invoice's currency, reporting any error at the line's path. */
function rateLine(price: Price, quantity: string, mode: RoundingMode, currency: string, l: number): RatedPrice {
  if (price.currency !== currency) {
    throw new BillingError(
      BillingErrorCode.currencyMismatch,
      `lines[${l}].price is in ${price.currency} but the invoice is in ${currency}`,
      { path: ['input', 'lines', l, 'price', 'currency'] },
    );
  }
  try {
    // The invoice input was validated as a whole (price and quantity included): no need to parse them again.
    return rateValid(price, parseFixed(quantity), mode);
  } catch (error) {
    if (!isBillingError(error)) throw error;
    const prefix = ['input', 'lines', l];
    throw new BillingError(error.code, error.message, {
      path: [...prefix, ...error.path],
      issues: error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] })),
      cause: error,
    });
  }
}
