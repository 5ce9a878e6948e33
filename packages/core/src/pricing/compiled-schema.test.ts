import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiledSchema } from './compiled-schema';
import { PriceSchema } from './price-schema';

// Field values of every kind a caller might send: valid, negative, malformed, numbers, missing.
const value = fc.constantFrom<unknown>(
  '0',
  '1',
  '10',
  '2.5',
  '0.0004',
  '-1',
  '-0',
  '',
  'abc',
  '1e3',
  '1.',
  5,
  2.5,
  null,
  undefined,
  true,
);
const tier = fc.oneof(
  fc.record({ upTo: value, unitAmount: value, flatAmount: value, extra: value }, { requiredKeys: [] }),
  value,
);
const priceLike = fc.record(
  {
    model: fc.constantFrom<unknown>('flat', 'per_unit', 'package', 'graduated', 'volume', 'percentage', 'tiered', 7),
    currency: fc.constantFrom<unknown>('EUR', 'JPY', 'KWD', 'XXQ', 'eur', 978),
    amount: value,
    unitAmount: value,
    packageAmount: value,
    packageSize: value,
    round: fc.constantFrom<unknown>('up', 'down', 'nearest'),
    tiers: fc.oneof(fc.array(tier, { maxLength: 4 }), value),
    rate: value,
    fixedFee: value,
    minimumFee: value,
    maximumFee: value,
    minimumAmount: value,
    maximumAmount: value,
  },
  { requiredKeys: [] },
);

describe('compiledSchema', () => {
  it('accepts and rejects exactly what the runtime schema does, with the same issues and output', () => {
    const compiled = compiledSchema(PriceSchema)();
    expect(compiled).not.toBe(PriceSchema); // code generation is on under vitest: the fast path is what runs
    fc.assert(
      fc.property(priceLike, (input) => {
        const fast = compiled.safeParse(input);
        const runtime = PriceSchema.safeParse(input);
        expect(fast.success).toBe(runtime.success);
        expect(fast.success ? fast.data : fast.error.issues).toEqual(
          runtime.success ? runtime.data : runtime.error.issues,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts well-formed prices on the fast path', () => {
    const compiled = compiledSchema(PriceSchema)();
    const graduated = {
      model: 'graduated',
      currency: 'EUR',
      tiers: [
        { upTo: '10', unitAmount: '1' },
        { upTo: null, unitAmount: '0.5' },
      ],
    };
    expect(compiled.parse(graduated)).toEqual(graduated);
  });
});
