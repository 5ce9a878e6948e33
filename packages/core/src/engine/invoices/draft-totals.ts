import { BillingError, isBillingError } from '../../errors/billing-error';
import { calculateBuiltInvoice } from '../../invoice/calculate-invoice';
import type { ValidInvoiceInput } from '../../invoice/invoice-input';
import type { InvoiceLineResult, InvoiceResult, InvoiceTaxResult } from '../../invoice/invoice-result';
import { type Money, money } from '../../money/money';
import { cashRound } from '../../tax/cash-rounding';
import { roundTaxOnce } from './round-tax-once';
import type { EngineContext } from '../context';
import type { DraftDiscount, DraftInvoiceInput, DraftLine } from './build-invoice';

/** The figures of a draft: calculated lines (aligned with the draft lines) and invoice totals. */
export interface DraftTotals {
  readonly lines: readonly InvoiceLineResult[];
  readonly subtotal: string;
  readonly discountTotal: string;
  readonly taxes: readonly Pick<InvoiceTaxResult, 'rateId' | 'taxableAmount' | 'amount'>[];
  readonly taxTotal: string;
  readonly roundingAmount: string;
  readonly total: string;
  /** Credit used; negative when the total is negative (credit given to the customer). */
  readonly creditApplied: string;
  readonly amountDue: string;
}

const isNegative = (line: DraftLine) => line.price === undefined && line.amount?.startsWith('-') === true;

/**
 * Calculates a draft's figures with `calculateInvoice` (its entry for engine-built input, `calculateBuiltInvoice`:
 * the draft's prices, rates and amounts come from validated records). Without negative lines this is one call. Negative
 * lines (proration credits) are calculated apart, as positive amounts at the same tax rates and without
 * discounts, and subtracted line by line and rate by rate; cash rounding then applies to the combined total,
 * and a negative total applies no credit: `creditApplied` is that negative total and `amountDue` 0. With
 * per-invoice tax rounding, each rate is then rounded once over all lines, charges and credits together.
 */
export function draftTotals(ctx: EngineContext, input: DraftInvoiceInput): DraftTotals {
  const { currency } = input;
  const base = {
    currency,
    taxRounding: ctx.config.taxRounding,
    roundingMode: ctx.config.roundingMode,
    taxStatus: input.customer.taxStatus,
    creditBalance: '0',
  };
  const ratesOf = (line: DraftLine) => line.taxRates ?? input.taxRates;
  // Lines are named by their index in the draft, so a discount limited to products or prices can name its lines.
  const toInput = (index: number, negate: boolean): ValidInvoiceInput['lines'][number] => {
    const line = input.lines[index] as DraftLine;
    return {
      id: String(index),
      description: line.description,
      ...(line.price !== undefined
        ? { price: line.price, quantity: line.quantity ?? '1' }
        : { amount: negate ? (line.amount as string).slice(1) : line.amount }),
      taxRates: [...ratesOf(line)],
      discountable: !negate && (line.discountable ?? true),
    };
  };
  const cash = ctx.config.cashRounding[currency];
  const m = (amount: string) => money(amount, currency);
  const negatives = input.lines.flatMap((line, index) => (isNegative(line) ? [index] : []));
  if (negatives.length === 0) {
    const all = input.lines.map((_, index) => index);
    const result = calculateBuiltInvoice({
      ...base,
      lines: all.map((index) => toInput(index, false)),
      discounts: scopedDiscounts(input, all),
      ...(cash !== undefined ? { cashRounding: cash } : {}),
    });
    return { ...result, taxes: result.taxes, ...applyCredit(m(result.total), m(input.creditBalance), ctx) };
  }
  const positives = input.lines.flatMap((line, index) => (isNegative(line) ? [] : [index]));
  const debit = calculateWithPaths(positives, () =>
    calculateBuiltInvoice({
      ...base,
      lines: positives.map((i) => toInput(i, false)),
      discounts: scopedDiscounts(input, positives),
    }),
  );
  const credit = calculateWithPaths(negatives, () =>
    calculateBuiltInvoice({ ...base, lines: negatives.map((i) => toInput(i, true)), discounts: [] }),
  );
  const lines: InvoiceLineResult[] = new Array(input.lines.length);
  positives.forEach((index, j) => {
    lines[index] = debit.lines[j] as InvoiceLineResult;
  });
  negatives.forEach((index, j) => {
    const line = credit.lines[j] as InvoiceLineResult;
    lines[index] = {
      ...line,
      amount: m(line.amount).negate().toString(),
      taxableAmount: m(line.taxableAmount).negate().toString(),
      taxes: line.taxes.map((tax) => ({ rateId: tax.rateId, amount: m(tax.amount).negate().toString() })),
    };
  });
  const taxes = new Map<string, { rateId: string; taxableAmount: Money; amount: Money }>();
  for (const [result, sign] of [
    [debit, 1],
    [credit, -1],
  ] as const) {
    for (const tax of result.taxes) {
      const entry = taxes.get(tax.rateId) ?? { rateId: tax.rateId, taxableAmount: m('0'), amount: m('0') };
      const taxable = m(tax.taxableAmount);
      const amount = m(tax.amount);
      entry.taxableAmount = sign === 1 ? entry.taxableAmount.add(taxable) : entry.taxableAmount.subtract(taxable);
      entry.amount = sign === 1 ? entry.amount.add(amount) : entry.amount.subtract(amount);
      taxes.set(tax.rateId, entry);
    }
  }
  // Per-invoice rounding rounds each rate once over the whole invoice, charges and credits together.
  const once =
    ctx.config.taxRounding === 'invoice' && lines.some((line) => line.taxes.length > 0)
      ? roundTaxOnce(
          lines,
          input.lines.map((line) => ratesOf(line)),
          currency,
          ctx.config.roundingMode,
        )
      : undefined;
  const beforeRounding = once ? m(once.total) : m(debit.total).subtract(m(credit.total));
  const rounded =
    cash === undefined
      ? { total: beforeRounding, roundingAmount: m('0') }
      : cashRound(beforeRounding, cash, { roundingMode: ctx.config.roundingMode });
  const total = rounded.total;
  const { creditApplied, amountDue } = applyCredit(total, m(input.creditBalance), ctx);
  return {
    lines: once?.lines ?? lines,
    subtotal: m(debit.subtotal).subtract(m(credit.subtotal)).toString(),
    discountTotal: debit.discountTotal,
    taxes:
      once?.taxes ??
      [...taxes.values()].map((tax) => ({
        rateId: tax.rateId,
        taxableAmount: tax.taxableAmount.toString(),
        amount: tax.amount.toString(),
      })),
    taxTotal: once?.taxTotal ?? m(debit.taxTotal).subtract(m(credit.taxTotal)).toString(),
    roundingAmount: rounded.roundingAmount.toString(),
    total: total.toString(),
    creditApplied,
    amountDue,
  };
}

/**
 * The draft's discounts for a calculation of the lines at `indexes`: a discount limited to products or prices
 * names the discountable lines it applies to (by index), and is left out when none of them is on the invoice.
 */
function scopedDiscounts(input: DraftInvoiceInput, indexes: readonly number[]): ValidInvoiceInput['discounts'] {
  const discounts: ValidInvoiceInput['discounts'] = [];
  for (const { appliesTo, ...discount } of input.discounts ?? ([] as DraftDiscount[])) {
    if (appliesTo === undefined) {
      discounts.push(discount);
      continue;
    }
    const lines = indexes.filter((index) => {
      const line = input.lines[index] as DraftLine;
      return (
        (line.discountable ?? true) &&
        ((line.priceId !== undefined && appliesTo.priceIds?.includes(line.priceId) === true) ||
          (line.productId !== undefined && appliesTo.productIds?.includes(line.productId) === true))
      );
    });
    if (lines.length > 0) discounts.push({ ...discount, appliesTo: lines.map(String) });
  }
  return discounts;
}

/**
 * The credit a total takes from the customer's balance (at most the total; a negative total "applies" itself:
 * credit given) and what is left due. Applied here rather than by `calculateInvoice`, so a balance of any size
 * read back from the ledger applies.
 */
function applyCredit(
  total: Money,
  balance: Money,
  ctx: EngineContext,
): Pick<DraftTotals, 'creditApplied' | 'amountDue'> {
  if (total.isNegative()) return { creditApplied: total.toString(), amountDue: money('0', total.currency).toString() };
  const spendable = balance.round(ctx.config.roundingMode);
  const creditApplied = spendable.compare(total) < 0 ? spendable : total;
  return { creditApplied: creditApplied.toString(), amountDue: total.subtract(creditApplied).toString() };
}

/** Runs a partial calculation, mapping `["input", "lines", j, …]` in its errors back to the draft's line index. */
function calculateWithPaths(indexes: readonly number[], calculate: () => InvoiceResult): InvoiceResult {
  try {
    return calculate();
  } catch (error) {
    if (!isBillingError(error)) throw error;
    const remap = (path: readonly (string | number)[]) =>
      path[1] === 'lines' && typeof path[2] === 'number'
        ? [path[0], 'lines', indexes[path[2]] ?? path[2], ...path.slice(3)]
        : path;
    throw new BillingError(error.code, error.message, {
      path: remap(error.path) as (string | number)[],
      issues: error.issues.map((issue) => ({ ...issue, path: remap(issue.path) as (string | number)[] })),
      cause: error,
    });
  }
}
