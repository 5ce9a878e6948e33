import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { divRound, parseFixed, pow10, rescale } from '../money/fixed';
import { Money } from '../money/money';
import { type RoundingMode, RoundingModeSchema } from '../money/rounding-mode';
import { DecimalStringSchema } from '../money/schemas';

/** A cash-rounding increment: a decimal string greater than zero (`"0.05"` for CHF, `"1"`, `"10"` for JPY). */
export const CashRoundingIncrementSchema = DecimalStringSchema.refine(
  (s) => !s.startsWith('-') && /[1-9]/.test(s),
  'must be greater than zero',
);

/**
 * The adjustment, in minor units, that rounds `total` to a multiple of `increment` (both minor units)
 * with `mode`: `rounded − total`.
 * @internal
 */
export function cashRoundingUnits(total: bigint, increment: bigint, mode: RoundingMode): bigint {
  return divRound(total, increment, mode) * increment - total;
}

/** A total after cash rounding and the adjustment that got it there. */
export interface CashRounding {
  /** The total, a multiple of the increment. */
  readonly total: Money;
  /** What rounding added to the total (negative when it went down), shown as its own line. */
  readonly roundingAmount: Money;
}

const OptionsSchema = z.strictObject({ roundingMode: RoundingModeSchema.optional() }).optional();

/**
 * Rounds a total to a cash increment where a currency needs one (Swiss francs to 0.05) with `roundingMode`
 * (default `half-up`, to the nearest increment). The increment must be a multiple of the currency's minor unit.
 * @throws BillingError `invalid_input` at `["increment"]` for an increment that is not positive or finer than the minor unit.
 * @example
 * ```ts
 * cashRound(money('10.01', 'CHF'), '0.05').roundingAmount.toString(); // "-0.01" (total 10.00)
 * cashRound(money('10.09', 'CHF'), '0.05').total.toString();          // "10.10"
 * ```
 */
export function cashRound(
  total: Money,
  increment: string,
  options?: { readonly roundingMode?: RoundingMode },
): CashRounding {
  if (!(total instanceof Money)) {
    throw new BillingError(BillingErrorCode.invalidInput, 'total must be a Money', { path: ['total'] });
  }
  let step = parseFixed(validate(CashRoundingIncrementSchema, increment, 'increment'));
  const mode = validate(OptionsSchema, options, 'options')?.roundingMode ?? 'half-up';
  if (step.scale > total.minorUnits) {
    const extra = pow10(step.scale - total.minorUnits);
    if (step.units % extra !== 0n) {
      throw new BillingError(
        BillingErrorCode.invalidInput,
        `increment ${increment} is finer than the minor unit of ${total.currency}`,
        { path: ['increment'] },
      );
    }
    step = { units: step.units / extra, scale: total.minorUnits };
  }
  const scale = Math.max(total.minorUnits, total.fixed.scale);
  const units = rescale(total.fixed, scale);
  const adjustment = cashRoundingUnits(units, rescale(step, scale), mode);
  return {
    total: total.with({ units: units + adjustment, scale }),
    roundingAmount: total.with({ units: adjustment, scale }),
  };
}
