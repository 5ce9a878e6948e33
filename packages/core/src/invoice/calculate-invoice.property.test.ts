import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../money/rounding-mode';
import type { TaxRate } from '../tax/tax-rate';
import { REVERSE_CHARGE_NOTE } from '../tax/tax-status';
import { calculateInvoice } from './calculate-invoice';
import type { InvoiceInput } from './invoice-input';
import type { InvoiceResult } from './invoice-result';

/** Currencies with their minor units and cash-rounding increments that fit them. */
const CURRENCIES = [
  { code: 'EUR', scale: 2, increments: ['0.05', '0.10', '1'] },
  { code: 'CHF', scale: 2, increments: ['0.05'] },
  { code: 'JPY', scale: 0, increments: ['5', '10'] },
  { code: 'KWD', scale: 3, increments: ['0.005', '0.050'] },
] as const;

const format = (units: bigint, scale: number): string => {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
};

/** Parses an output amount, checking it has exactly the currency's decimals. */
const units = (text: string, scale: number): bigint => {
  expect(text).toMatch(scale === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${scale}}$`));
  return BigInt(text.replace('.', ''));
};

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
const abs = (v: bigint) => (v < 0n ? -v : v);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** A percentage as an exact fraction num/den of 1 (`"9.975"` → 9975 / 100000). */
const fraction = (percentage: string): [bigint, bigint] => {
  const [whole, frac = ''] = percentage.split('.');
  return [BigInt(whole + frac), 100n * 10n ** BigInt(frac.length)];
};

const percentArb = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 999 }))
  .map(([w, f]) => (f === 0 ? `${w}` : `${w}.${String(f).padStart(3, '0')}`));

const invoiceArb = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    pool: fc.array(fc.record({ percentage: percentArb, inclusive: fc.boolean(), compound: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    lines: fc.array(
      fc.record({
        units: fc.oneof(
          { weight: 6, arbitrary: fc.bigInt(0n, 3_000_000n) },
          { weight: 1, arbitrary: fc.bigInt(-80_000n, -1n) },
          { weight: 1, arbitrary: fc.bigInt(0n, 20n) },
        ),
        finerDigit: fc.option(fc.integer({ min: 0, max: 9 }), { freq: 5 }),
        discountable: fc.boolean(),
        inclusive: fc.boolean(),
        useRates: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    discounts: fc.array(
      fc.record({
        percent: fc.option(fc.integer({ min: 0, max: 10_000 })),
        amount: fc.bigInt(0n, 2_000_000n),
        appliesTo: fc.option(fc.array(fc.nat(7), { minLength: 1, maxLength: 3 })),
      }),
      { maxLength: 3 },
    ),
    taxRounding: fc.constantFrom('line' as const, 'invoice' as const),
    taxStatus: fc.constantFrom('taxable' as const, 'taxable' as const, 'exempt' as const, 'reverse_charge' as const),
    roundingMode: fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up'),
    credit: fc.bigInt(0n, 4_000_000n),
    cash: fc.option(fc.nat(2)),
  })
  .map((g) => {
    const { code, scale, increments } = g.currency;
    const pool: TaxRate[] = g.pool.map((r, i) => ({ id: `r${i}`, name: `Rate ${i}`, ...r }));
    const lines = g.lines.map((l, i) => {
      let amount = format(l.units, scale);
      if (l.finerDigit !== null) amount += `${scale === 0 ? '.' : ''}${l.finerDigit}`;
      // Rates in pool order (so compound orders never conflict), all on the line's inclusive side.
      const taxRates = pool.filter((r, k) => l.useRates[k] && r.inclusive === l.inclusive);
      return { id: `l${i}`, description: `Line ${i}`, amount, discountable: l.discountable, taxRates };
    });
    const discounts = g.discounts.map((d) => {
      const appliesTo = d.appliesTo?.filter((i) => i < lines.length).map((i) => `l${i}`);
      const scope = appliesTo !== undefined && appliesTo.length > 0 ? { appliesTo } : {};
      return d.percent === null
        ? { amountOff: format(d.amount, scale), ...scope }
        : { percentOff: format(BigInt(d.percent), 2), ...scope };
    });
    const input: InvoiceInput = {
      currency: code,
      lines,
      discounts,
      taxRounding: g.taxRounding,
      taxStatus: g.taxStatus,
      roundingMode: g.roundingMode,
      creditBalance: format(g.credit, scale),
    };
    if (g.cash !== null) input.cashRounding = increments[g.cash % increments.length];
    return { input, scale, pool };
  });

/** Asserts every invariant of {@link InvoiceResult} and the accuracy of each rounding. */
function checkInvariants(input: InvoiceInput, result: InvoiceResult, scale: number, pool: readonly TaxRate[]) {
  const u = (text: string) => units(text, scale);
  const lines = input.lines as Required<(typeof input.lines)[number]>[];
  const subtotal = u(result.subtotal);
  const discountTotal = u(result.discountTotal);
  expect(sum(result.lines.map((l) => u(l.amount)))).toBe(subtotal);
  expect(sum(result.lines.map((l) => u(l.discountAmount)))).toBe(discountTotal);
  expect(sum(result.discounts.map((d) => u(d.amount)))).toBe(discountTotal);
  expect(sum(result.taxes.map((t) => u(t.amount)))).toBe(u(result.taxTotal));

  // Discounts never make a line negative and skip credit and non-discountable lines.
  result.lines.forEach((line, l) => {
    const amount = u(line.amount);
    const discount = u(line.discountAmount);
    expect(discount >= 0n).toBe(true);
    if (amount <= 0n || !lines[l]?.discountable) expect(discount).toBe(0n);
    else expect(discount <= amount).toBe(true);
  });
  input.discounts?.forEach((d, i) => {
    const taken = u(result.discounts[i]?.amount as string);
    if (d.amountOff !== undefined) expect(taken <= u(d.amountOff)).toBe(true);
  });
  // The first discount sees the eligible lines untouched: exact percentage (within rounding) or capped amount.
  const first = input.discounts?.[0];
  if (first !== undefined) {
    const rest = sum(
      result.lines
        .filter((l, i) => lines[i]?.discountable && u(l.amount) > 0n)
        .filter((l) => first.appliesTo === undefined || first.appliesTo.includes(l.id as string))
        .map((l) => u(l.amount)),
    );
    const taken = u(result.discounts[0]?.amount as string);
    if (first.percentOff !== undefined) {
      const [num, den] = fraction(first.percentOff);
      expect(abs(taken * den - rest * num) <= den).toBe(true);
    } else {
      const off = u(first.amountOff as string);
      expect(taken).toBe(min(off, rest));
    }
  }

  if (input.taxStatus !== 'taxable') {
    expect([result.taxes, result.taxTotal]).toEqual([[], format(0n, scale)]);
    result.lines.forEach((line) => {
      expect(line.taxes).toEqual([]);
      expect(u(line.taxableAmount)).toBe(u(line.amount) - u(line.discountAmount));
    });
    expect(result.notes).toEqual(input.taxStatus === 'reverse_charge' ? [REVERSE_CHARGE_NOTE] : []);
  } else {
    checkTaxes(input, result, scale, pool);
  }

  const exclusive = sum(result.taxes.filter((t) => !t.inclusive).map((t) => u(t.amount)));
  const rounding = u(result.roundingAmount);
  const total = u(result.total);
  expect(total).toBe(subtotal - discountTotal + exclusive + rounding);
  if (input.cashRounding === undefined) expect(rounding).toBe(0n);
  else {
    const [whole, frac = ''] = input.cashRounding.split('.');
    const stepUnits = BigInt(whole + frac.padEnd(scale, '0'));
    expect(total % stepUnits).toBe(0n);
    const half = input.roundingMode === 'half-up' || input.roundingMode === 'half-even';
    expect(abs(rounding) * (half ? 2n : 1n) <= stepUnits).toBe(true);
  }
  const credit = u(input.creditBalance as string);
  const applied = u(result.creditApplied);
  expect(applied).toBe(min(credit, total));
  expect(u(result.amountDue)).toBe(total - applied);
  expect(u(result.amountDue) >= 0n).toBe(true);
}

/** Tax invariants: line taxes sum to each rate, bases add up, and each tax is its exact value within rounding. */
function checkTaxes(input: InvoiceInput, result: InvoiceResult, scale: number, pool: readonly TaxRate[]) {
  const u = (text: string) => units(text, scale);
  const perInvoice = input.taxRounding === 'invoice';
  for (const tax of result.taxes) {
    const rate = pool.find((r) => r.id === tax.rateId) as TaxRate;
    const [num, den] = fraction(rate.percentage);
    let lineSum = 0n;
    let baseSum = 0n;
    let exactNum = 0n; // Σ exact line shares, over `exactDen`
    let exactDen = 1n;
    result.lines.forEach((line, l) => {
      const rates = input.lines[l]?.taxRates ?? [];
      const pos = rates.findIndex((r) => r.id === rate.id);
      if (pos < 0) return;
      const taxes = line.taxes.map((t) => u(t.amount));
      const part = taxes[pos] as bigint;
      lineSum += part;
      const gross = u(line.amount) - u(line.discountAmount);
      const net = u(line.taxableAmount);
      expect(gross).toBe(net + (rate.inclusive ? sum(taxes) : 0n));
      const base = net + (rate.compound ? sum(taxes.slice(0, pos)) : 0n);
      baseSum += base;
      // The exact share of this line: base × r (exclusive), or gross × c / (1 + Σ c) (inclusive).
      let shareNum: bigint;
      let shareDen: bigint;
      if (!rate.inclusive) [shareNum, shareDen] = [base * num, den];
      else {
        let cNum = 0n;
        let cDen = 1n;
        let mine: [bigint, bigint] = [0n, 1n];
        for (const r of rates) {
          const [rn, rd] = fraction(r.percentage);
          const c: [bigint, bigint] = r.compound ? [rn * (cDen + cNum), rd * cDen] : [rn, rd];
          if (r.id === rate.id) mine = c;
          [cNum, cDen] = [cNum * c[1] + c[0] * cDen, cDen * c[1]];
        }
        [shareNum, shareDen] = [gross * mine[0] * cDen, mine[1] * (cDen + cNum)];
      }
      // Rounded per line: within one minor unit; spread back from the invoice total: within two.
      expect(abs(part * shareDen - shareNum) <= (perInvoice ? 2n : 1n) * shareDen).toBe(true);
      [exactNum, exactDen] = [exactNum * shareDen + shareNum * exactDen, exactDen * shareDen];
    });
    expect(lineSum).toBe(u(tax.amount));
    expect(baseSum).toBe(u(tax.taxableAmount));
    expect([tax.inclusive, tax.compound, tax.percentage]).toEqual([rate.inclusive, rate.compound, rate.percentage]);
    // Rounded once per invoice, the rate's total is within one minor unit of the exact sum.
    if (perInvoice) expect(abs(u(tax.amount) * exactDen - exactNum) <= exactDen).toBe(true);
  }
  const used = new Set(input.lines.flatMap((l) => (l.taxRates ?? []).map((r) => r.id)));
  expect(result.taxes.map((t) => t.rateId).sort()).toEqual([...used].sort());
}

describe('calculateInvoice properties', () => {
  it('keeps every invariant for random invoices', () => {
    fc.assert(
      fc.property(invoiceArb, ({ input, scale, pool }) => {
        checkInvariants(input, calculateInvoice(input), scale, pool);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and does not touch its input', () => {
    fc.assert(
      fc.property(invoiceArb, ({ input }) => {
        const copy = structuredClone(input);
        const once = calculateInvoice(input);
        expect(calculateInvoice(input)).toEqual(once);
        expect(input).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });
});
