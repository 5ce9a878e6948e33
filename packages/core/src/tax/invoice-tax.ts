import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { rescale, roundFixed } from '../money/fixed';
import { Money } from '../money/money';
import { type RoundingMode, RoundingModeSchema } from '../money/rounding-mode';
import { type InclusiveShares, inclusiveShares, type LineTax, taxBases, taxUnits } from './line-tax';
import { perInvoiceOrder, type RateLists, roundRateOnce } from './per-invoice-rounding';
import { findTaxRateConflicts, type TaxRate, TaxRateSchema } from './tax-rate';

/**
 * Where tax is rounded: `line` (default) rounds each line's tax; `invoice` rounds each rate once on the sum
 * of its lines' taxable amounts, then spreads that total back over the lines by largest remainder, so line
 * taxes still sum to the rate's total.
 */
export const TaxRoundingSchema = z.enum(['line', 'invoice']);

/** Where tax is rounded; see {@link TaxRoundingSchema}. */
export type TaxRounding = z.infer<typeof TaxRoundingSchema>;

/**
 * The taxes of all lines of an invoice, in minor units: per line (aligned with its rates), its net amount,
 * and per rate (in order of first appearance) the base and the tax.
 * @internal
 */
export interface TaxedLines {
  readonly lineTaxes: readonly (readonly bigint[])[];
  readonly lineNet: readonly bigint[];
  readonly rates: readonly TaxRate[];
  readonly rateBases: readonly bigint[];
  readonly rateTaxes: readonly bigint[];
}

/**
 * Taxes `amounts` (minor units of `unit`'s currency; gross for inclusive rates) under each line's rates,
 * rounded per line or per invoice. Rates must already be free of {@link findTaxRateConflicts}.
 * @throws BillingError `invalid_input` at `[...path, "lines", i, "taxRates"]` when compound rates are listed in
 * orders that contradict each other and rounding is per invoice.
 * @internal
 */
export function taxLines(
  amounts: readonly bigint[],
  rateLists: RateLists,
  rounding: TaxRounding,
  mode: RoundingMode,
  unit: Money,
  path: readonly (string | number)[],
): TaxedLines {
  const index = new Map<string, number>();
  const rates: TaxRate[] = [];
  for (const list of rateLists) {
    if (list === undefined) continue;
    for (const rate of list) {
      if (!index.has(rate.id)) {
        index.set(rate.id, rates.length);
        rates.push(rate);
      }
    }
  }
  const n = amounts.length;
  const lineTaxes: bigint[][] = new Array(n);
  const rateTaxes = new Array<bigint>(rates.length).fill(0n);
  if (rounding === 'line') {
    for (let l = 0; l < n; l++) {
      const list = rateLists[l];
      lineTaxes[l] = list === undefined ? [] : taxUnits(amounts[l] as bigint, list, mode);
    }
  } else {
    for (let l = 0; l < n; l++) lineTaxes[l] = new Array<bigint>(rateLists[l]?.length ?? 0).fill(0n);
    const shares: (InclusiveShares | undefined)[] = rateLists.map((list) =>
      list !== undefined && list.length > 0 && (list[0] as TaxRate).inclusive ? inclusiveShares(list) : undefined,
    );
    for (const k of perInvoiceOrder(rates, rateLists, path)) {
      rateTaxes[k] = roundRateOnce(rates[k] as TaxRate, amounts, rateLists, shares, lineTaxes, mode, unit);
    }
  }
  const lineNet = new Array<bigint>(n);
  const rateBases = new Array<bigint>(rates.length).fill(0n);
  for (let l = 0; l < n; l++) {
    const list = rateLists[l] ?? [];
    const taxes = lineTaxes[l] as bigint[];
    const { net, bases } = taxBases(amounts[l] as bigint, list, taxes);
    lineNet[l] = net;
    for (let i = 0; i < list.length; i++) {
      const k = index.get((list[i] as TaxRate).id) as number;
      rateBases[k] = (rateBases[k] as bigint) + (bases[i] as bigint);
      if (rounding === 'line') rateTaxes[k] = (rateTaxes[k] as bigint) + (taxes[i] as bigint);
    }
  }
  return { lineTaxes, lineNet, rates, rateBases, rateTaxes };
}

/** An amount and the tax rates that apply to it: one line of {@link calculateInvoiceTax}. */
export interface TaxableLine {
  /** The line's amount after discounts: gross for tax-inclusive rates, net for exclusive ones. */
  readonly amount: Money;
  /** The rates that apply, all inclusive or all exclusive; none means untaxed. */
  readonly taxRates?: readonly TaxRate[];
}

/** One rate's total over an invoice: what it applied to and the tax. */
export interface TaxSummary {
  /** The `id` of the tax rate. */
  readonly rateId: string;
  /** The rate itself (as first listed). */
  readonly rate: TaxRate;
  /** Sum of the lines' bases for this rate (net amounts, plus earlier taxes for a compound rate). */
  readonly taxableAmount: Money;
  /** The rate's tax; the lines' taxes of this rate sum to it. */
  readonly amount: Money;
}

/** The taxes of an invoice's lines: per line (as {@link calculateLineTax}) and per rate. */
export interface InvoiceTax {
  readonly lines: readonly LineTax[];
  readonly taxes: readonly TaxSummary[];
}

const LinesSchema = z.array(
  z.strictObject({ amount: z.instanceof(Money), taxRates: z.array(TaxRateSchema).optional() }),
);
const OptionsSchema = z
  .object({ taxRounding: TaxRoundingSchema.optional(), roundingMode: RoundingModeSchema.optional() })
  .optional();

/**
 * The taxes of several lines of one invoice, rounded per line or per invoice (see {@link TaxRoundingSchema}).
 * Amounts finer than the minor unit are rounded first.
 * @throws BillingError `invalid_input` for malformed or conflicting rates, `currency_mismatch` for mixed currencies.
 * @example
 * ```ts
 * const vat = { id: 'vat', name: 'VAT', percentage: '19', inclusive: false };
 * const lines = [{ amount: money('0.50', 'EUR'), taxRates: [vat] }, { amount: money('0.50', 'EUR'), taxRates: [vat] }];
 * calculateInvoiceTax(lines).taxes[0]?.amount.toString();                            // "0.20" (0.10 + 0.10)
 * calculateInvoiceTax(lines, { taxRounding: 'invoice' }).taxes[0]?.amount.toString(); // "0.19" (1.00 × 19%)
 * ```
 */
export function calculateInvoiceTax(
  lines: readonly TaxableLine[],
  options?: { readonly taxRounding?: TaxRounding; readonly roundingMode?: RoundingMode },
): InvoiceTax {
  const valid = validate(LinesSchema, lines, 'lines');
  const settings = validate(OptionsSchema, options, 'options');
  const mode = settings?.roundingMode ?? 'half-up';
  const first = valid[0]?.amount;
  if (first === undefined) return { lines: [], taxes: [] };
  valid.forEach((line, i) => {
    if (line.amount.currency !== first.currency) {
      throw new BillingError(
        BillingErrorCode.currencyMismatch,
        `lines[${i}] is in ${line.amount.currency}, not ${first.currency}`,
        {
          path: ['lines', i, 'amount'],
        },
      );
    }
  });
  const rateLists = valid.map((line) => line.taxRates);
  const conflict = findTaxRateConflicts(rateLists)[0];
  if (conflict !== undefined) {
    throw new BillingError(BillingErrorCode.invalidInput, conflict.message, {
      path: ['lines', conflict.line, 'taxRates', conflict.rate, conflict.field],
    });
  }
  const scale = first.minorUnits;
  const amounts = valid.map((line) => rescale(roundFixed(line.amount.fixed, scale, mode), scale));
  const taxed = taxLines(amounts, rateLists, settings?.taxRounding ?? 'line', mode, first, []);
  const at = (units: bigint) => first.with({ units, scale });
  return {
    lines: valid.map((line, l) => {
      const list = line.taxRates ?? [];
      const taxes = taxed.lineTaxes[l] as readonly bigint[];
      const { net, bases } = taxBases(amounts[l] as bigint, list, taxes);
      return {
        taxableAmount: at(net),
        taxes: list.map((rate, i) => ({
          rateId: rate.id,
          taxableAmount: at(bases[i] as bigint),
          amount: at(taxes[i] as bigint),
        })),
      };
    }),
    taxes: taxed.rates.map((rate, k) => ({
      rateId: rate.id,
      rate,
      taxableAmount: at(taxed.rateBases[k] as bigint),
      amount: at(taxed.rateTaxes[k] as bigint),
    })),
  };
}
