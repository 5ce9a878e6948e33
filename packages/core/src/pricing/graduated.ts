import { addFixed, compareFixed, type Fixed, formatFixed, mulFixed } from '../money/fixed';
import { type ModelCharge, subtractFixed, ZERO } from './charge';
import type { GraduatedPrice } from './price-schema';
import type { RatedTier } from './rated-price';
import { parseSpecDecimal } from './spec-decimal';

/**
 * Rates a `graduated` price: the units inside each tier at that tier's unit amount, plus the flat amount of
 * every tier the quantity reaches into (the first tier always, so its flat amount is charged at zero usage).
 * @internal
 */
export function rateGraduated(price: GraduatedPrice, quantity: Fixed, minorUnits: number): ModelCharge {
  const tiers = price.tiers;
  const lines: RatedTier[] = [];
  let total = ZERO;
  let from = ZERO;
  let fromText = '0';
  // The schema guarantees increasing bounds and an open-ended last tier, so the loop always ends on a break.
  for (let index = 0; index < tiers.length; index++) {
    const tier = tiers[index] as GraduatedPrice['tiers'][number];
    const upTo = tier.upTo === null ? null : parseSpecDecimal(tier.upTo);
    const beyond = upTo !== null && compareFixed(quantity, upTo) > 0;
    const units = subtractFixed(upTo !== null && beyond ? upTo : quantity, from);
    let amount = mulFixed(units, parseSpecDecimal(tier.unitAmount));
    if (tier.flatAmount !== undefined) amount = addFixed(amount, parseSpecDecimal(tier.flatAmount));
    total = addFixed(total, amount);
    lines.push({
      index,
      from: fromText,
      upTo: tier.upTo,
      quantity: formatFixed(units),
      unitAmount: tier.unitAmount,
      flatAmount: tier.flatAmount ?? '0',
      amount: formatFixed(amount, minorUnits),
    });
    if (upTo === null || !beyond) break;
    from = upTo;
    fromText = tier.upTo as string;
  }
  return { total, tiers: lines };
}
