import { allocate } from '../money/allocate';
import { divRound, parseFixed, pow10, rescale } from '../money/fixed';
import type { Money } from '../money/money';
import type { RoundingMode } from '../money/rounding-mode';
import { toMinorUnits } from './minor-units';

/** What {@link spreadDiscounts} needs of a line. @internal */
export interface DiscountableLine {
  readonly id?: string | undefined;
  readonly discountable: boolean;
}

/** What {@link spreadDiscounts} needs of a discount (validated: exactly one of the two, amounts fit the currency). @internal */
export interface DiscountTerms {
  readonly percentOff?: string | undefined;
  readonly amountOff?: string | undefined;
  readonly appliesTo?: readonly string[] | undefined;
}

/** Discount amounts in minor units, per line and per discount. @internal */
export interface DiscountSplit {
  readonly perLine: bigint[];
  readonly perDiscount: bigint[];
}

/**
 * Applies discounts in order, each to what the earlier ones left on its lines (the discountable lines it
 * applies to, credit lines excluded): a percentage of that rest rounded once with `mode`, or a fixed amount capped at the rest.
 * Each discount is spread over its lines with `allocate`, proportional to what each line has left, so no
 * line goes below zero and the parts sum to the discount.
 * @param amounts line amounts in minor units of `unit`'s currency.
 * @internal
 */
export function spreadDiscounts(
  amounts: readonly bigint[],
  lines: readonly DiscountableLine[],
  discounts: readonly DiscountTerms[],
  unit: Money,
  mode: RoundingMode,
): DiscountSplit {
  const scale = unit.minorUnits;
  const perLine = new Array<bigint>(amounts.length).fill(0n);
  const perDiscount: bigint[] = [];
  for (const discount of discounts) {
    const targets: number[] = [];
    const left: bigint[] = [];
    let rest = 0n;
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l] as DiscountableLine;
      // Credit lines (negative amounts) are never discounted.
      if (!line.discountable || (amounts[l] as bigint) <= 0n) continue;
      if (discount.appliesTo !== undefined && (line.id === undefined || !discount.appliesTo.includes(line.id)))
        continue;
      const remaining = (amounts[l] as bigint) - (perLine[l] as bigint);
      targets.push(l);
      left.push(remaining);
      rest += remaining;
    }
    let total: bigint;
    if (discount.percentOff !== undefined) {
      const percent = parseFixed(discount.percentOff);
      total = divRound(rest * percent.units, 100n * pow10(percent.scale), mode);
    } else {
      const offUnits = toMinorUnits(discount.amountOff ?? '0', scale, mode);
      total = offUnits < rest ? offUnits : rest;
    }
    perDiscount.push(total);
    if (total === 0n) continue;
    if (targets.length === 1) {
      perLine[targets[0] as number] = (perLine[targets[0] as number] as bigint) + total;
      continue;
    }
    const parts = allocate(unit.with({ units: total, scale }), left.map(String));
    for (let j = 0; j < targets.length; j++) {
      const l = targets[j] as number;
      perLine[l] = (perLine[l] as bigint) + rescale((parts[j] as Money).fixed, scale);
    }
  }
  return { perLine, perDiscount };
}
