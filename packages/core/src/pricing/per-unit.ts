import { type Fixed, formatFixed, mulFixed } from '../money/fixed';
import type { ModelCharge } from './charge';
import type { PerUnitPrice } from './price-schema';
import { parseSpecDecimal } from './spec-decimal';

/**
 * Rates a `per_unit` price: quantity × unit amount, exact (a sub-cent unit amount stays exact until rounding).
 * @internal
 */
export function ratePerUnit(price: PerUnitPrice, quantity: Fixed, minorUnits: number): ModelCharge {
  const total = mulFixed(quantity, parseSpecDecimal(price.unitAmount));
  const line = {
    index: 0,
    from: '0',
    upTo: null,
    quantity: formatFixed(quantity),
    unitAmount: price.unitAmount,
    flatAmount: '0',
    amount: formatFixed(total, minorUnits),
  };
  return { total, tiers: [line] };
}
