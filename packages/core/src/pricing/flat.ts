import { type Fixed, formatFixed } from '../money/fixed';
import type { ModelCharge } from './charge';
import type { FlatPrice } from './price-schema';
import { parseSpecDecimal } from './spec-decimal';

/**
 * Rates a `flat` price: its amount, whatever the quantity (shown on the line for reference).
 * @internal
 */
export function rateFlat(price: FlatPrice, quantity: Fixed, minorUnits: number): ModelCharge {
  const total = parseSpecDecimal(price.amount);
  const amount = formatFixed(total, minorUnits);
  return {
    total,
    tiers: [
      {
        index: 0,
        from: '0',
        upTo: null,
        quantity: formatFixed(quantity),
        unitAmount: '0',
        flatAmount: price.amount,
        amount,
      },
    ],
  };
}
