import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { addFixed, divRound, type Fixed, mulFixed, pow10, rescale, roundFixed } from '../money/fixed';
import { Money } from '../money/money';
import { type RoundingMode, RoundingModeSchema } from '../money/rounding-mode';
import { findTaxRateConflicts, rateFraction, type TaxRate, TaxRateSchema } from './tax-rate';

/** One rate's tax on an amount, with the base it was charged on. */
export interface TaxAmount {
  /** The `id` of the tax rate. */
  readonly rateId: string;
  /** What the rate applies to: the net amount, plus earlier taxes for a compound rate. */
  readonly taxableAmount: Money;
  /** The tax, rounded to the currency's minor units. */
  readonly amount: Money;
}

/** The taxes of one amount: its net (taxable) amount and one entry per rate, in the order of the rates. */
export interface LineTax {
  /** The amount without tax: the amount itself for exclusive rates, gross minus the taxes for inclusive ones. */
  readonly taxableAmount: Money;
  /** One entry per rate, in the order given. */
  readonly taxes: readonly TaxAmount[];
}

const ONE: Fixed = { units: 1n, scale: 0 };

/**
 * For tax-inclusive rates, the exact share of the gross amount each rate takes: `tax_i = gross × weights[i] / divisor`.
 * With coefficients `c_i = r_i` (or `r_i × (1 + Σ_{j<i} c_j)` for a compound rate), `gross = net × (1 + Σ c)`.
 * @internal
 */
export interface InclusiveShares {
  readonly weights: readonly bigint[];
  readonly divisor: bigint;
}

/** @internal See {@link InclusiveShares}. */
export function inclusiveShares(rates: readonly TaxRate[]): InclusiveShares {
  let sum: Fixed = { units: 0n, scale: 0 };
  const coefficients: Fixed[] = [];
  for (const rate of rates) {
    const fraction = rateFraction(rate);
    const c = rate.compound === true ? mulFixed(fraction, addFixed(ONE, sum)) : fraction;
    coefficients.push(c);
    sum = addFixed(sum, c);
  }
  const scale = Math.max(sum.scale, ...coefficients.map((c) => c.scale));
  return { weights: coefficients.map((c) => rescale(c, scale)), divisor: pow10(scale) + rescale(sum, scale) };
}

/**
 * The taxes, in minor units, of `amount` (minor units; gross for inclusive rates, net for exclusive ones)
 * under `rates`, all inclusive or all exclusive, each rounded once with `mode`. A compound exclusive rate
 * applies to the amount plus the rounded taxes of the rates before it.
 * @internal
 */
export function taxUnits(amount: bigint, rates: readonly TaxRate[], mode: RoundingMode): bigint[] {
  const taxes = new Array<bigint>(rates.length);
  if (rates.length === 0) return taxes;
  if ((rates[0] as TaxRate).inclusive) {
    const { weights, divisor } = inclusiveShares(rates);
    for (let i = 0; i < rates.length; i++) taxes[i] = divRound(amount * (weights[i] as bigint), divisor, mode);
    return taxes;
  }
  let earlier = 0n;
  for (let i = 0; i < rates.length; i++) {
    const rate = rates[i] as TaxRate;
    const fraction = rateFraction(rate);
    const base = rate.compound === true ? amount + earlier : amount;
    const tax = divRound(base * fraction.units, pow10(fraction.scale), mode);
    taxes[i] = tax;
    earlier += tax;
  }
  return taxes;
}

/**
 * The net amount and each rate's base, given the line's amount (gross for inclusive rates) and its rounded
 * taxes: net = amount − taxes for inclusive rates; a compound rate's base adds the taxes listed before it.
 * @internal
 */
export function taxBases(
  amount: bigint,
  rates: readonly TaxRate[],
  taxes: readonly bigint[],
): { net: bigint; bases: bigint[] } {
  let net = amount;
  if (rates.length > 0 && (rates[0] as TaxRate).inclusive) for (const tax of taxes) net -= tax;
  const bases = new Array<bigint>(rates.length);
  let earlier = 0n;
  for (let i = 0; i < rates.length; i++) {
    bases[i] = (rates[i] as TaxRate).compound === true ? net + earlier : net;
    earlier += taxes[i] as bigint;
  }
  return { net, bases };
}

const RatesSchema = z.array(TaxRateSchema);
const OptionsSchema = z.strictObject({ roundingMode: RoundingModeSchema.optional() }).optional();

/**
 * The taxes of one amount under a set of rates (state + city, GST + compound QST, or one VAT rate), each
 * rounded to the currency's minor units with `roundingMode` (default `half-up`). For inclusive rates the
 * amount is gross: each rate's tax is its exact share `gross × rate / (1 + Σ rates)`, rounded, and the net
 * is gross minus the rounded taxes. An amount finer than the minor unit is rounded first.
 * @throws BillingError `invalid_input` for malformed rates, a repeated rate or inclusive and exclusive rates mixed.
 * @example
 * ```ts
 * const vat = { id: 'de-vat', name: 'VAT', percentage: '4', inclusive: true };
 * const { taxableAmount, taxes } = calculateLineTax(money('2.99', 'EUR'), [vat]);
 * taxableAmount.toString(); taxes[0]?.amount.toString(); // "2.87", "0.12" (0.115 rounds half-up)
 * ```
 */
export function calculateLineTax(
  amount: Money,
  rates: readonly TaxRate[],
  options?: { readonly roundingMode?: RoundingMode },
): LineTax {
  if (!(amount instanceof Money)) {
    throw new BillingError(BillingErrorCode.invalidInput, 'amount must be a Money', { path: ['amount'] });
  }
  const valid = validate(RatesSchema, rates, 'rates');
  const mode = validate(OptionsSchema, options, 'options')?.roundingMode ?? 'half-up';
  const conflict = findTaxRateConflicts([valid])[0];
  if (conflict !== undefined) {
    throw new BillingError(BillingErrorCode.invalidInput, conflict.message, {
      path: ['rates', conflict.rate, conflict.field],
    });
  }
  const scale = amount.minorUnits;
  const units = roundFixed(amount.fixed, scale, mode);
  const taxes = taxUnits(rescale(units, scale), valid, mode);
  const { net, bases } = taxBases(rescale(units, scale), valid, taxes);
  const at = (value: bigint) => amount.with({ units: value, scale });
  return {
    taxableAmount: at(net),
    taxes: valid.map((rate, i) => ({
      rateId: rate.id,
      taxableAmount: at(bases[i] as bigint),
      amount: at(taxes[i] as bigint),
    })),
  };
}
