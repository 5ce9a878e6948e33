import { addFixed, compareFixed, type Fixed, formatFixed, mulFixed } from '../money/fixed';
import { type ModelCharge, parseOptional } from './charge';
import type { VolumePrice } from './price-schema';
import { parseSpecDecimal } from './spec-decimal';

/**
 * Rates a `volume` price: every unit at the unit amount of the tier the whole quantity falls in
 * (zero falls in the first tier), plus that tier's flat amount.
 * @internal
 */
export function rateVolume(price: VolumePrice, quantity: Fixed, minorUnits: number): ModelCharge {
  const tiers = price.tiers;
  let index = 0;
  // Schema guarantees the last tier is open-ended, so the loop stops on a tier.
  while (index < tiers.length - 1) {
    const upTo = (tiers[index] as VolumePrice['tiers'][number]).upTo as string;
    if (compareFixed(quantity, parseSpecDecimal(upTo)) <= 0) break;
    index++;
  }
  const tier = tiers[index] as VolumePrice['tiers'][number];
  const total = addFixed(mulFixed(quantity, parseSpecDecimal(tier.unitAmount)), parseOptional(tier.flatAmount));
  const line = {
    index,
    from: index === 0 ? '0' : ((tiers[index - 1] as VolumePrice['tiers'][number]).upTo as string),
    upTo: tier.upTo,
    quantity: formatFixed(quantity),
    unitAmount: tier.unitAmount,
    flatAmount: tier.flatAmount ?? '0',
    amount: formatFixed(total, minorUnits),
  };
  return { total, tiers: [line] };
}
