import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { fromProviderMinorUnits, toProviderDecimal, toProviderMinorUnits } from './provider-amounts';

const plain = { exponent: 2 };
const jpy = { exponent: 0 };
const stripeKwd = { exponent: 3, step: 10n };
const stripeIsk = { exponent: 2, step: 100n };

function refusal(run: () => unknown): { code: string; path: readonly (string | number)[]; message: string } {
  try {
    run();
  } catch (error) {
    if (isBillingError(error)) return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('toProviderMinorUnits (worked examples)', () => {
  it('EUR 19.99 is 1999 cents; 19.9 and 19.990 are the same 1990 and 1999', () => {
    expect(toProviderMinorUnits('19.99', 'EUR', plain, 'Stripe', ['amount'])).toBe(1999n);
    expect(toProviderMinorUnits('19.9', 'EUR', plain, 'Stripe', ['amount'])).toBe(1990n);
    expect(toProviderMinorUnits('19.990', 'EUR', plain, 'Stripe', ['amount'])).toBe(1999n);
  });

  it('JPY 1500 is 1500 (zero-decimal), 1500.00 too, 1500.5 is refused', () => {
    expect(toProviderMinorUnits('1500', 'JPY', jpy, 'Stripe', ['amount'])).toBe(1500n);
    expect(toProviderMinorUnits('1500.00', 'JPY', jpy, 'Stripe', ['amount'])).toBe(1500n);
    const refused = refusal(() => toProviderMinorUnits('1500.5', 'JPY', jpy, 'Stripe', ['input', 'amount']));
    expect(refused).toMatchObject({ code: 'invalid_input', path: ['input', 'amount'] });
    expect(refused.message).toContain('steps of 1');
  });

  it('KWD 1.250 is 1250 fils; Stripe wants steps of 10, so 5.124 is refused, never rounded', () => {
    expect(toProviderMinorUnits('1.250', 'KWD', stripeKwd, 'Stripe', ['amount'])).toBe(1250n);
    expect(toProviderMinorUnits('5.12', 'KWD', stripeKwd, 'Stripe', ['amount'])).toBe(5120n);
    expect(refusal(() => toProviderMinorUnits('5.124', 'KWD', stripeKwd, 'Stripe', ['amount'])).message).toBe(
      'Invalid amount: Stripe charges KWD in steps of 0.010; 5.124 is not one',
    );
  });

  it('ISK at Stripe is counted in hundredths but charged in whole krónur', () => {
    expect(toProviderMinorUnits('500', 'ISK', stripeIsk, 'Stripe', ['amount'])).toBe(50000n);
  });

  it('refuses amounts finer than the provider can charge (EUR 10.001)', () => {
    expect(refusal(() => toProviderMinorUnits('10.001', 'EUR', plain, 'PayPal', ['amount'])).code).toBe(
      'invalid_input',
    );
  });
});

describe('fromProviderMinorUnits and toProviderDecimal', () => {
  it('writes amounts with the ISO 4217 decimals of the currency', () => {
    expect(fromProviderMinorUnits(1999, 'EUR', plain, 'Stripe')).toBe('19.99');
    expect(fromProviderMinorUnits(1500, 'JPY', jpy, 'Stripe')).toBe('1500');
    expect(fromProviderMinorUnits(1250, 'KWD', stripeKwd, 'Stripe')).toBe('1.250');
    expect(fromProviderMinorUnits(50000, 'ISK', stripeIsk, 'Stripe')).toBe('500');
  });

  it('refuses a provider amount that is not a safe integer', () => {
    expect(refusal(() => fromProviderMinorUnits(19.99, 'EUR', plain, 'Stripe')).code).toBe('gateway_rejected');
  });

  it('gives PayPal its decimal text: EUR "10.00", JPY "1500"', () => {
    expect(toProviderDecimal('10', 'EUR', plain, 'PayPal', ['amount'])).toBe('10.00');
    expect(toProviderDecimal('1500', 'JPY', jpy, 'PayPal', ['amount'])).toBe('1500');
    expect(toProviderDecimal('0.5', 'USD', plain, 'PayPal', ['amount'])).toBe('0.50');
  });
});

describe('round trip (property)', () => {
  const cases = [
    { currency: 'EUR', rule: plain, decimals: 2 },
    { currency: 'JPY', rule: jpy, decimals: 0 },
    { currency: 'KWD', rule: { exponent: 3 }, decimals: 3 },
  ] as const;

  it('any whole number of minor units survives decimal → minor units → decimal exactly', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.bigInt({ min: 1n, max: 10n ** 15n }), (c, units) => {
        const decimal = fromProviderMinorUnits(units, c.currency, c.rule, 'Test');
        expect(toProviderMinorUnits(decimal, c.currency, c.rule, 'Test', ['amount'])).toBe(units);
        const [, fraction = ''] = decimal.split('.');
        expect(fraction.length).toBe(c.decimals);
      }),
    );
  });
});
