import { divFixed, type Fixed, formatFixed, mulFixed } from '../money/fixed';
import type { ModelCharge } from './charge';
import type { PackagePrice } from './price-schema';
import { parseSpecDecimal } from './spec-decimal';

/**
 * Rates a `package` price: the number of packages of `packageSize` units (started packages count with
 * `round: "up"`, only completed ones with `"down"`) times the package amount.
 * @internal
 */
export function ratePackage(price: PackagePrice, quantity: Fixed, minorUnits: number): ModelCharge {
  const packages = divFixed(quantity, parseSpecDecimal(price.packageSize), 0, price.round);
  const total = mulFixed(packages, parseSpecDecimal(price.packageAmount));
  const line = {
    index: 0,
    from: '0',
    upTo: null,
    quantity: formatFixed(packages),
    unitAmount: price.packageAmount,
    flatAmount: '0',
    amount: formatFixed(total, minorUnits),
  };
  return { total, tiers: [line] };
}
