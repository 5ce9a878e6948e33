/**
 * Exact fixed-point decimal arithmetic on scaled BigInts: the one arithmetic backend behind `Money`,
 * pricing and tax. A value is `units × 10^-scale`. Nothing here ever touches a JS float.
 * @internal
 */
import type { RoundingMode } from './rounding-mode';

/** A decimal value `units / 10^scale`. */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * Matches a plain decimal string in major units: `"19.99"`, `"-0.0004"`, `"5"`. No leading zeros (`"007"`), so a
 * value has one spelling per scale and storage (a `numeric` column) gives back exactly the text it was given.
 */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

const POW10: bigint[] = [];
/** 10^n as a BigInt (cached). */
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

/** Parses a string already known to match {@link DECIMAL_PATTERN}. */
export function parseFixed(text: string): Fixed {
  const dot = text.indexOf('.');
  if (dot < 0) return { units: BigInt(text), scale: 0 };
  return { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

/** Formats as a decimal string with at least `minScale` decimals, trailing zeros beyond it trimmed. */
export function formatFixed(value: Fixed, minScale = 0): string {
  let { units, scale } = value;
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  if (scale < minScale) {
    units *= pow10(minScale - scale);
    scale = minScale;
  }
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** Re-expresses `value` at a larger (or equal) scale, exactly. */
export function rescale(value: Fixed, scale: number): bigint {
  return value.scale === scale ? value.units : value.units * pow10(scale - value.scale);
}

/** a + b, exactly. */
export function addFixed(a: Fixed, b: Fixed): Fixed {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** a × b, exactly. */
export function mulFixed(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Sign of a − b: -1, 0 or 1. */
export function compareFixed(a: Fixed, b: Fixed): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * numerator / denominator rounded to an integer with `mode` (symmetric around zero:
 * `half-up` sends ties away from zero, `down` truncates toward zero, `up` goes away from zero).
 */
export function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  if (r !== 0n) {
    switch (mode) {
      case 'down':
        break;
      case 'up':
        q += 1n;
        break;
      case 'half-up':
        if (2n * r >= denominator) q += 1n;
        break;
      case 'half-even': {
        const twice = 2n * r;
        if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
        break;
      }
      default: {
        const never: never = mode;
        throw new Error(`unknown rounding mode ${String(never)}`);
      }
    }
  }
  return negative ? -q : q;
}

/** `value` rounded to `scale` decimals with `mode`; exact when it already fits. */
export function roundFixed(value: Fixed, scale: number, mode: RoundingMode): Fixed {
  if (value.scale <= scale) return value;
  return { units: divRound(value.units, pow10(value.scale - scale), mode), scale };
}

/** a / b rounded to `scale` decimals with `mode`, computed exactly (no precision cap). */
export function divFixed(a: Fixed, b: Fixed, scale: number, mode: RoundingMode): Fixed {
  // a/b = (a.units/10^a.s) / (b.units/10^b.s); result units = a.units * 10^(scale + b.s - a.s) / b.units
  const shift = scale + b.scale - a.scale;
  const numerator = shift >= 0 ? a.units * pow10(shift) : a.units;
  const denominator = shift >= 0 ? b.units : b.units * pow10(-shift);
  return { units: divRound(numerator, denominator, mode), scale };
}
