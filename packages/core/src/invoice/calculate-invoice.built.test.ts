import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BillingError } from '../errors/billing-error';
import { formatFixed } from '../money/fixed';
import type { Price } from '../pricing/price-schema';
import type { TaxRate } from '../tax/tax-rate';
import { calculateBuiltInvoice, calculateInvoice } from './calculate-invoice';
import { InvoiceInputSchema, type ValidInvoiceInput } from './invoice-input';

/*
 * `calculateBuiltInvoice` is `calculateInvoice` without the zod pass, for input the engine builds from validated
 * records. These properties hold it to that: over generated complete inputs (every default given, as the engine
 * builds them), parsing changes nothing, both entries give the same result, and the cross-field rules the engine's
 * records can still break together fail the same way in both.
 */

const CURRENCIES = [
  { code: 'EUR', scale: 2, cash: '0.05' },
  { code: 'JPY', scale: 0, cash: '5' },
  { code: 'KWD', scale: 3, cash: '0.005' },
] as const;

/** A decimal string of `units` at `scale` decimals (`1234n, 2` → `"12.34"`). */
const decimal = (units: bigint, scale: number): string => formatFixed({ units, scale }, scale);

const priceArb = (currency: string, scale: number): fc.Arbitrary<Price> => {
  const amount = fc.bigInt(0n, 500_000n).map((units) => decimal(units, scale));
  return fc.oneof(
    amount.map((value): Price => ({ model: 'flat', currency, amount: value })),
    amount.map((value): Price => ({ model: 'per_unit', currency, unitAmount: value })),
    fc.tuple(fc.integer({ min: 1, max: 20 }), amount, fc.constantFrom('up' as const, 'down' as const)).map(
      ([size, value, round]): Price => ({
        model: 'package',
        currency,
        packageSize: String(size),
        packageAmount: value,
        round,
      }),
    ),
    fc
      .tuple(fc.constantFrom('graduated' as const, 'volume' as const), fc.integer({ min: 1, max: 50 }), amount, amount)
      .map(
        ([model, upTo, first, rest]): Price => ({
          model,
          currency,
          tiers: [
            { upTo: String(upTo), unitAmount: first },
            { upTo: null, unitAmount: rest },
          ],
        }),
      ),
  );
};

const ratePool: TaxRate[] = [
  { id: 'vat', name: 'VAT 19%', percentage: '19', inclusive: false },
  { id: 'city', name: 'City 2.5%', percentage: '2.5', inclusive: false, compound: true },
  { id: 'gst', name: 'GST 10%', percentage: '10', inclusive: true },
];

/** A complete invoice input as the engine builds it: every default given, lines named by index. */
const builtInputArb: fc.Arbitrary<ValidInvoiceInput> = fc
  .constantFrom(...CURRENCIES)
  .chain(({ code, scale, cash }) =>
    fc.record({
      currency: fc.constant(code),
      lines: fc.array(
        fc.record({
          charge: fc.oneof(
            fc.record({
              price: priceArb(code, scale),
              quantity: fc.bigInt(0n, 100_000n).map((units) => decimal(units, 2)),
            }),
            fc.record({ amount: fc.bigInt(-200_000n, 900_000n).map((units) => decimal(units, scale + 1)) }),
          ),
          inclusive: fc.boolean(),
          useRates: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
          discountable: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      discounts: fc.array(
        fc.oneof(
          fc.integer({ min: 0, max: 10_000 }).map((basis) => ({ percentOff: decimal(BigInt(basis), 2) })),
          fc.bigInt(0n, 300_000n).map((units) => ({ amountOff: decimal(units, scale) })),
        ),
        { maxLength: 2 },
      ),
      scopeFirst: fc.option(fc.nat(5)),
      taxRounding: fc.constantFrom('line' as const, 'invoice' as const),
      taxStatus: fc.constantFrom('taxable' as const, 'exempt' as const, 'reverse_charge' as const),
      roundingMode: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'up' as const),
      creditBalance: fc.bigInt(0n, 400_000n).map((units) => decimal(units, scale)),
      cashRounding: fc.option(fc.constant(cash)),
    }),
  )
  .map((g) => {
    const lines = g.lines.map((line, index) => ({
      id: String(index),
      description: `Line ${index}`,
      ...line.charge,
      taxRates: ratePool.filter((rate, k) => line.useRates[k] && rate.inclusive === line.inclusive),
      discountable: line.discountable,
    }));
    const discounts = g.discounts.map((discount, d) =>
      d === 0 && g.scopeFirst !== null ? { ...discount, appliesTo: [String(g.scopeFirst % lines.length)] } : discount,
    );
    const input: ValidInvoiceInput = {
      currency: g.currency,
      lines,
      discounts,
      taxRounding: g.taxRounding,
      taxStatus: g.taxStatus,
      roundingMode: g.roundingMode,
      creditBalance: g.creditBalance,
    };
    return g.cashRounding === null ? input : { ...input, cashRounding: g.cashRounding };
  });

/** What calling `calculate` gave: its result, or the error it threw as plain data. */
function outcome(calculate: () => unknown): unknown {
  try {
    return { result: calculate() };
  } catch (error) {
    if (!(error instanceof BillingError)) throw error;
    return { code: error.code, message: error.message, path: error.path, issues: error.issues };
  }
}

describe('calculateBuiltInvoice (the engine’s entry, without the zod pass)', () => {
  it('gives what calculateInvoice gives, for input that parsing leaves unchanged', () => {
    fc.assert(
      fc.property(builtInputArb, (input) => {
        expect(InvoiceInputSchema.parse(input)).toEqual(input);
        expect(calculateBuiltInvoice(input)).toEqual(calculateInvoice(input));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks the cross-field rules with the same error as calculateInvoice', () => {
    const broken = fc.tuple(
      builtInputArb,
      fc.constantFrom('mixed rates', 'duplicate id', 'unknown line', 'finer credit'),
    );
    fc.assert(
      fc.property(broken, ([input, rule]) => {
        const [first, ...rest] = input.lines as [ValidInvoiceInput['lines'][number]];
        const bad: ValidInvoiceInput =
          rule === 'mixed rates'
            ? { ...input, lines: [{ ...first, taxRates: [ratePool[0] as TaxRate, ratePool[2] as TaxRate] }, ...rest] }
            : rule === 'duplicate id'
              ? { ...input, lines: [first, ...rest, { ...first }] }
              : rule === 'unknown line'
                ? { ...input, discounts: [{ percentOff: '10', appliesTo: ['nowhere'] }] }
                : { ...input, creditBalance: `${input.creditBalance}${input.currency === 'JPY' ? '.' : ''}1` };
        const expected = outcome(() => calculateInvoice(bad));
        expect(expected).toMatchObject({ code: 'invalid_input' });
        expect(outcome(() => calculateBuiltInvoice(bad))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('fails a line that is neither a price with a quantity nor an amount like calculateInvoice', () => {
    const input: ValidInvoiceInput = {
      currency: 'EUR',
      lines: [
        { id: '0', description: 'Setup', amount: '10.00', taxRates: [], discountable: true },
        { id: '1', description: 'Seats', price: { model: 'flat', currency: 'EUR', amount: '5' }, discountable: true },
      ],
      discounts: [],
      taxRounding: 'line',
      taxStatus: 'taxable',
      roundingMode: 'half-up',
      creditBalance: '0',
    };
    const expected = outcome(() => calculateInvoice(input));
    expect(expected).toMatchObject({ code: 'invalid_input', path: ['input', 'lines', 1, 'quantity'] });
    expect(outcome(() => calculateBuiltInvoice(input))).toEqual(expected);
  });
});

describe('calculateInvoice (the public entry) still validates every field', () => {
  const line = { description: 'Seats', price: { model: 'per_unit', currency: 'EUR', unitAmount: '8.00' } } as const;

  it.each([
    ['a negative quantity', { lines: [{ ...line, quantity: '-1' }] }, ['input', 'lines', 0, 'quantity']],
    [
      'a price amount that is no decimal',
      { lines: [{ ...line, price: { ...line.price, unitAmount: '8,00' }, quantity: '1' }] },
      ['input', 'lines', 0, 'price', 'unitAmount'],
    ],
    ['an unknown field', { lines: [{ ...line, quantity: '1', colour: 'red' }] }, ['input', 'lines', 0, 'colour']],
    [
      'an unknown rounding mode',
      { lines: [{ ...line, quantity: '1' }], roundingMode: 'nearest' },
      ['input', 'roundingMode'],
    ],
  ])('rejects %s', (_, bad, path) => {
    expect(outcome(() => calculateInvoice({ currency: 'EUR', ...bad } as never))).toMatchObject({
      code: 'invalid_input',
      path,
    });
  });
});
