import { divRound, type Fixed, pow10 } from '../../money/fixed';
import { type Money, money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import type { Span } from '../run-cycle/schedule';

/** An exact fraction `num / den` (`den > 0`): proration shares are summed exactly and rounded once. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** Zero as a {@link Ratio}. */
export const ZERO_RATIO: Ratio = { num: 0n, den: 1n };

/** A fixed-point value as a {@link Ratio}. */
export function ratioOf(value: Fixed): Ratio {
  return { num: value.units, den: pow10(value.scale) };
}

/** `a + b`, exact. */
export function addRatio(a: Ratio, b: Ratio): Ratio {
  return a.den === b.den
    ? { num: a.num + b.num, den: a.den }
    : { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

/** `a × b`, exact. */
export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

/** `a / b`, exact; zero when `b` is zero (a share of nothing is nothing). */
export function divRatio(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) return ZERO_RATIO;
  const num = a.num * b.den;
  const den = a.den * b.num;
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

/** A ratio as money of `currency`, rounded once to its minor units with `mode`. */
export function roundRatio(value: Ratio, currency: string, mode: RoundingMode): Money {
  const zero = money('0', currency);
  const scale = zero.minorUnits;
  return zero.with({ units: divRound(value.num * pow10(scale), value.den, mode), scale });
}

const seconds = (instant: string) => BigInt(Math.floor(Date.parse(instant) / 1000));

/**
 * The exact share of `amount` (charged for `span`) for the part of `span` from `at` on, by the second as
 * `prorate` counts: `amount × seconds([max(at, start), end)) / seconds(span)`.
 */
export function shareFrom(amount: Ratio, span: Span, at: string): Ratio {
  const length = seconds(span.end) - seconds(span.start);
  if (length <= 0n) return ZERO_RATIO;
  const from = at > span.start ? at : span.start;
  const covered = seconds(span.end) - seconds(from);
  if (covered <= 0n) return ZERO_RATIO;
  return mulRatio(amount, { num: covered, den: length });
}
