/**
 * Baselines for the core benchmarks: the same computations done with plain BigInt minor-unit arithmetic,
 * the cheapest exact way to do them, so a ratio shows what Money, validation and breakdowns cost.
 */

/** Parses a decimal string to a BigInt at `scale` decimals (truncating extra digits; the inputs here have none). */
export function toScaled(text: string, scale: number): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/** Half-up integer division for non-negative values. */
function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** A graduated tier already parsed to BigInts: whole units, and amounts at 6 decimals. */
export interface BaselineTier {
  readonly upTo: bigint | null;
  readonly unitAmount: bigint;
  readonly flatAmount: bigint;
}

/** Parses tiers once (the baseline gets its price pre-parsed: the cheapest possible rating). */
export function parseBaselineTiers(
  tiers: readonly { upTo: string | null; unitAmount: string; flatAmount?: string }[],
): BaselineTier[] {
  return tiers.map((t) => ({
    upTo: t.upTo === null ? null : BigInt(t.upTo),
    unitAmount: toScaled(t.unitAmount, 6),
    flatAmount: toScaled(t.flatAmount ?? '0', 6),
  }));
}

/** Graduated rating in BigInt of a whole-unit quantity string; total rounded half-up to cents. */
export function graduatedBaseline(tiers: readonly BaselineTier[], quantity: string): bigint {
  const q = BigInt(quantity);
  let total = 0n; // at 6 decimals
  let from = 0n;
  for (const tier of tiers) {
    const upTo = tier.upTo;
    const units = (upTo === null || q < upTo ? q : upTo) - from;
    total += units * tier.unitAmount + tier.flatAmount;
    if (upTo === null || q <= upTo) break;
    from = upTo;
  }
  return divHalfUp(total, 10_000n);
}

/** A line for the invoice baseline: an amount and two exclusive tax percentages. */
export interface BaselineLine {
  readonly amount: string;
}

/**
 * A 10-line invoice in BigInt cents: a percent discount spread by largest remainder, two exclusive tax rates
 * per line rounded per line, and totals.
 */
export function invoiceBaseline(lines: readonly BaselineLine[], percentOff: bigint, rates: readonly bigint[]) {
  const amounts = lines.map((l) => toScaled(l.amount, 2));
  const subtotal = amounts.reduce((a, b) => a + b, 0n);
  // percentOff and rates are percentages pre-parsed at 4 decimals ("19" → 190000n)
  const discount = divHalfUp(subtotal * percentOff, 1_000_000n);
  const floors = amounts.map((a) => (discount * a) / subtotal);
  let left = discount - floors.reduce((a, b) => a + b, 0n);
  const order = amounts
    .map((a, i) => ({ r: (discount * a) % subtotal, i }))
    .sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    floors[i] = (floors[i] as bigint) + 1n;
    left -= 1n;
  }
  let taxTotal = 0n;
  const taxes = rates.map(() => 0n);
  amounts.forEach((amount, i) => {
    const taxable = amount - (floors[i] as bigint);
    rates.forEach((rate, k) => {
      const tax = divHalfUp(taxable * rate, 1_000_000n);
      taxes[k] = (taxes[k] as bigint) + tax;
      taxTotal += tax;
    });
  });
  return { subtotal, discount, taxes, total: subtotal - discount + taxTotal };
}
