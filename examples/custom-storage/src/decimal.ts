/** A decimal number as `units × 10^-scale`, exact (BigInt), never a float. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Zero, with no decimals. */
export const ZERO: Decimal = { units: 0n, scale: 0 };

/** The value of a decimal string (`"19.99"`, `"-0.0004"`), or `undefined` when it is not one. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? '';
  return { units: BigInt(`${match[1]}${match[2]}${fraction}`), scale: fraction.length };
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** a + b, exactly, at the larger scale. */
export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: atScale(a, scale) + atScale(b, scale), scale };
}

/** Negative, zero or positive as a < b, a = b, a > b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = atScale(a, scale) - atScale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** The decimal string of a value, with all of its scale (`{ 400n, 2 }` → `"4.00"`). */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const text =
    value.scale === 0 ? digits : `${digits.slice(0, digits.length - value.scale)}.${digits.slice(-value.scale)}`;
  return negative ? `-${text}` : text;
}
