import { addFixed, compareFixed, type Fixed, formatFixed, roundFixed } from '../money/fixed';
import type { RoundingMode } from '../money/rounding-mode';
import type { Price } from './price-schema';
import type { CommitmentAdjustment, RatedPrice, RatedTier } from './rated-price';
import { parseSpecDecimal } from './spec-decimal';

/**
 * What a price model charges before commitments and rounding: the exact total and its breakdown.
 * @internal
 */
export interface ModelCharge {
  readonly total: Fixed;
  readonly tiers: RatedTier[];
}

/** @internal Zero, at scale 0. */
export const ZERO: Fixed = { units: 0n, scale: 0 };

/** @internal a − b, exactly. */
export function subtractFixed(a: Fixed, b: Fixed): Fixed {
  return addFixed(a, { units: -b.units, scale: b.scale });
}

/** @internal Parses an optional decimal string, `undefined` as zero. */
export function parseOptional(text: string | undefined): Fixed {
  return text === undefined ? ZERO : parseSpecDecimal(text);
}

/**
 * Applies the price's minimum/maximum commitment to a model's charge and rounds the result once.
 * @internal
 */
export function settleCharge(price: Price, charge: ModelCharge, minorUnits: number, mode: RoundingMode): RatedPrice {
  let total = charge.total;
  let adjustment: CommitmentAdjustment | null = null;
  const { minimumAmount, maximumAmount } = price;
  if (minimumAmount !== undefined && compareFixed(total, parseSpecDecimal(minimumAmount)) < 0) {
    adjustment = commitmentAdjustment('minimum', minimumAmount, charge.total, minorUnits);
    total = parseSpecDecimal(minimumAmount);
  } else if (maximumAmount !== undefined && compareFixed(total, parseSpecDecimal(maximumAmount)) > 0) {
    adjustment = commitmentAdjustment('maximum', maximumAmount, charge.total, minorUnits);
    total = parseSpecDecimal(maximumAmount);
  }
  const rounded = roundFixed(total, minorUnits, mode);
  const unroundedAmount = formatFixed(total, minorUnits);
  return {
    // roundFixed hands back the same value when nothing was rounded: skip formatting it twice.
    amount: rounded === total ? unroundedAmount : formatFixed(rounded, minorUnits),
    currency: price.currency,
    unroundedAmount,
    tiers: charge.tiers,
    adjustment,
  };
}

function commitmentAdjustment(
  kind: CommitmentAdjustment['kind'],
  commitment: string,
  total: Fixed,
  minorUnits: number,
): CommitmentAdjustment {
  return { kind, commitment, amount: formatFixed(subtractFixed(parseSpecDecimal(commitment), total), minorUnits) };
}
