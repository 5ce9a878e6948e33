import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { allocate } from '../money/allocate';
import { divRound, pow10, rescale } from '../money/fixed';
import type { Money } from '../money/money';
import type { RoundingMode } from '../money/rounding-mode';
import type { InclusiveShares } from './line-tax';
import { rateFraction, type TaxRate } from './tax-rate';

/** The rate lists of an invoice's lines (`undefined`: untaxed line). @internal */
export type RateLists = readonly (readonly TaxRate[] | undefined)[];

/**
 * Rounds one rate once over all its lines and spreads the total back, writing the line parts into `lineTaxes`.
 * Each line's exact share: for an inclusive rate `gross × weight / divisor` (summed over a common denominator
 * when lines have different rate sets); for an exclusive rate `base × rate`, where the base is the amount plus,
 * for a compound rate, the line's taxes listed before it (already spread).
 * @returns the rate's total in minor units.
 * @internal
 */
export function roundRateOnce(
  rate: TaxRate,
  amounts: readonly bigint[],
  rateLists: RateLists,
  shares: readonly (InclusiveShares | undefined)[],
  lineTaxes: bigint[][],
  mode: RoundingMode,
  unit: Money,
): bigint {
  const lines: number[] = [];
  const positions: number[] = [];
  for (let l = 0; l < rateLists.length; l++) {
    const pos = rateLists[l]?.findIndex((r) => r.id === rate.id) ?? -1;
    if (pos >= 0) {
      lines.push(l);
      positions.push(pos);
    }
  }
  let exact: bigint[];
  let denominator: bigint;
  if (rate.inclusive) {
    denominator = 1n;
    for (const l of lines) denominator = lcm(denominator, (shares[l] as InclusiveShares).divisor);
    exact = lines.map((l, j) => {
      const { weights, divisor } = shares[l] as InclusiveShares;
      return (amounts[l] as bigint) * (weights[positions[j] as number] as bigint) * (denominator / divisor);
    });
  } else {
    const fraction = rateFraction(rate);
    denominator = pow10(fraction.scale);
    exact = lines.map((l, j) => {
      let base = amounts[l] as bigint;
      if (rate.compound === true)
        for (let i = 0; i < (positions[j] as number); i++) base += lineTaxes[l]?.[i] as bigint;
      return base * fraction.units;
    });
  }
  const total = divRound(sum(exact), denominator, mode);
  const parts = spreadTax(total, exact, denominator, unit);
  for (let j = 0; j < lines.length; j++) {
    (lineTaxes[lines[j] as number] as bigint[])[positions[j] as number] = parts[j] as bigint;
  }
  return total;
}

/**
 * Splits a rounded `total` over lines whose exact shares are `exact[j] / denominator`, parts summing to `total`.
 * Shares of one sign go through `allocate` (largest remainder, proportional); shares of both signs (credit
 * lines) get the largest remainder on the exact shares themselves, since proportions of a near-zero sum mean
 * nothing: each part is its share floored, plus one for the largest remainders until the total is reached.
 * @internal
 */
export function spreadTax(total: bigint, exact: readonly bigint[], denominator: bigint, unit: Money): bigint[] {
  if (exact.length === 1) return [total];
  const positive = exact.some((s) => s > 0n);
  const negative = exact.some((s) => s < 0n);
  if (!(positive && negative)) {
    if (total === 0n) return exact.map(() => 0n);
    return allocateBy(total, negative ? exact.map((s) => -s) : exact, unit);
  }
  const parts = exact.map((s) => floorDiv(s, denominator));
  let left = total - sum(parts);
  const order = exact
    .map((s, j) => ({ remainder: s - (parts[j] as bigint) * denominator, j }))
    .sort((a, b) => (a.remainder === b.remainder ? a.j - b.j : a.remainder > b.remainder ? -1 : 1));
  for (const { j } of order) {
    if (left <= 0n) break;
    parts[j] = (parts[j] as bigint) + 1n;
    left -= 1n;
  }
  return parts;
}

/** `allocate` over non-negative integer ratios, reduced so they fit its 64-digit decimal strings. */
function allocateBy(total: bigint, ratios: readonly bigint[], unit: Money): bigint[] {
  let divisor = 0n;
  for (const r of ratios) divisor = gcd(divisor, r);
  let reduced = ratios.map((r) => r / divisor);
  // Past 60 digits only the leading digits of a ratio matter; truncating keeps the parts summing to the total.
  const digits = sum(reduced).toString().length;
  if (digits > 60) reduced = reduced.map((r) => r / pow10(digits - 60));
  const scale = unit.minorUnits;
  return allocate(unit.with({ units: total, scale }), reduced.map(String)).map((part) => rescale(part.fixed, scale));
}

/**
 * The order to round rates in per invoice: inclusive and plain exclusive rates first (they depend on no other
 * tax), then compound exclusive rates so that each comes after the compound rates listed before it on any line.
 * @throws BillingError `invalid_input` at `[...path, "lines", i, "taxRates"]` when no such order exists.
 * @internal
 */
export function perInvoiceOrder(
  rates: readonly TaxRate[],
  rateLists: RateLists,
  path: readonly (string | number)[],
): number[] {
  const order: number[] = [];
  const compound: number[] = [];
  for (let k = 0; k < rates.length; k++) {
    const rate = rates[k] as TaxRate;
    (rate.compound === true && !rate.inclusive ? compound : order).push(k);
  }
  if (compound.length < 2) return order.concat(compound);
  const done = new Set<string>(order.map((k) => (rates[k] as TaxRate).id));
  const ready = (rate: TaxRate) =>
    rateLists.every((list) => {
      const pos = list?.findIndex((r) => r.id === rate.id) ?? -1;
      return list === undefined || list.slice(0, Math.max(pos, 0)).every((r) => done.has(r.id));
    });
  let pending = compound;
  while (pending.length > 0) {
    const next = pending.find((k) => ready(rates[k] as TaxRate));
    if (next === undefined) {
      // Report the last line listing a pending compound rate after another: it contradicts an earlier line.
      let line = -1;
      rateLists.forEach((list, l) => {
        if (list?.some((r, i) => !done.has(r.id) && list.slice(0, i).some((p) => !done.has(p.id)))) line = l;
      });
      throw new BillingError(
        BillingErrorCode.invalidInput,
        'compound tax rates are listed in conflicting orders on different lines; per-invoice rounding needs one order',
        { path: [...path, 'lines', line, 'taxRates'] },
      );
    }
    order.push(next);
    done.add((rates[next] as TaxRate).id);
    pending = pending.filter((k) => k !== next);
  }
  return order;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function sum(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
