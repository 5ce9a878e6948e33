import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { rescale } from './fixed';
import { Money, parseDecimalArgument } from './money';

/**
 * Splits `total` into parts proportional to `ratios` that always sum exactly to `total`
 * (largest-remainder method, at the currency's minor unit or the amount's own finer scale).
 * Each part differs from its exact share by less than one minor unit; leftover units go to the parts
 * with the largest remainders, ties to the earlier part.
 *
 * @param ratios non-negative decimal strings or safe integers, not all zero.
 * @example
 * ```ts
 * allocate(money('100.00', 'EUR'), ['1', '1', '1']).map(String); // ["33.34", "33.33", "33.33"]
 * ```
 */
export function allocate(total: Money, ratios: readonly (string | number)[]): Money[] {
  if (!(total instanceof Money)) {
    throw new BillingError(BillingErrorCode.invalidInput, 'allocate expects a Money as its first argument', {
      path: ['total'],
    });
  }
  if (!Array.isArray(ratios) || ratios.length === 0) {
    throw new BillingError(BillingErrorCode.invalidInput, 'ratios must be a non-empty array', { path: ['ratios'] });
  }
  const parsed = ratios.map((r, i) => {
    try {
      return parseDecimalArgument(r, 'ratios');
    } catch (error) {
      throw new BillingError(BillingErrorCode.invalidInput, `ratios[${i}] must be a decimal string or integer`, {
        path: ['ratios', i],
        cause: error,
      });
    }
  });
  const ratioScale = Math.max(...parsed.map((r) => r.scale));
  const weights = parsed.map((r, i) => {
    const w = rescale(r, ratioScale);
    if (w < 0n) {
      throw new BillingError(BillingErrorCode.invalidInput, `ratios[${i}] must not be negative`, {
        path: ['ratios', i],
      });
    }
    return w;
  });
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    throw new BillingError(BillingErrorCode.invalidInput, 'ratios must not all be zero', { path: ['ratios'] });
  }
  const scale = Math.max(total.minorUnits, total.fixed.scale);
  const units = rescale(total.fixed, scale);
  const negative = units < 0n;
  const whole = negative ? -units : units;
  const floors = weights.map((w) => (whole * w) / weightSum);
  const remainders = weights.map((w) => (whole * w) % weightSum);
  let left = whole - floors.reduce((a, b) => a + b, 0n);
  // Hand out the leftover units by largest remainder; the stable sort keeps ties in input order.
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    floors[i] = (floors[i] as bigint) + 1n;
    left -= 1n;
  }
  return floors.map((part) => total.with({ units: negative ? -part : part, scale }));
}
