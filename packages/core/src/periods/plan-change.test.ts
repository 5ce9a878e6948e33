import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import type { Money } from '../money/money';
import type { Price } from '../pricing/price-schema';
import { type PlanChange, planChange } from './plan-change';

// April 2024 in UTC: 30 days.
const april = { start: '2024-04-01T00:00:00Z', end: '2024-05-01T00:00:00Z' };
const flat = (amount: string, currency = 'EUR'): Price => ({ model: 'flat', currency, amount });
const perUnit = (unitAmount: string, currency = 'EUR'): Price => ({ model: 'per_unit', currency, unitAmount });

function lines(change: PlanChange): Record<'credit' | 'debit' | 'net', string> {
  const { credit, debit, net } = planChange(change);
  const show = (m: Money) => `${m.toString()} ${m.currency}`;
  return { credit: show(credit), debit: show(debit), net: show(net) };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('planChange: worked examples', () => {
  it('upgrade from 10.00 to 25.00 flat on day 10 of a 30-day period', () => {
    // From Apr 11 00:00, 20 of 30 days are left: credit −10.00 × 20/30 = −6.666… → −6.67,
    // debit 25.00 × 20/30 = 16.666… → 16.67, net −6.67 + 16.67 = 10.00.
    const change = {
      from: { price: flat('10.00') },
      to: { price: flat('25.00') },
      period: april,
      at: '2024-04-11T00:00:00Z',
    };
    expect(lines(change)).toEqual({ credit: '-6.67 EUR', debit: '16.67 EUR', net: '10.00 EUR' });
    const { span } = planChange(change);
    expect([span.start.toISOString(), span.end.toISOString()]).toEqual([
      '2024-04-11T00:00:00.000Z',
      '2024-05-01T00:00:00.000Z',
    ]);
  });

  it('quantity change on a per_unit price: net is the sum of the rounded lines, not the rounded difference', () => {
    // 5.00 EUR a seat, 1 → 2 seats on Apr 21 (10 of 30 days left): credit −5.00 × 1/3 = −1.666… → −1.67,
    // debit 10.00 × 1/3 = 3.333… → 3.33, net −1.67 + 3.33 = 1.66 (the exact difference 1.666… would round to 1.67).
    expect(
      lines({
        from: { price: perUnit('5.00'), quantity: '1' },
        to: { price: perUnit('5.00'), quantity: '2' },
        period: april,
        at: '2024-04-21T00:00:00Z',
      }),
    ).toEqual({ credit: '-1.67 EUR', debit: '3.33 EUR', net: '1.66 EUR' });
  });

  it('downgrade: the net is negative', () => {
    // 3000 → 1000 JPY on Apr 11 (20 of 30 days left): credit −3000 × 2/3 = −2000, debit 1000 × 2/3 = 666.67 → 667,
    // net −1333.
    expect(
      lines({
        from: { price: flat('3000', 'JPY') },
        to: { price: flat('1000', 'JPY') },
        period: april,
        at: '2024-04-11T00:00:00Z',
      }),
    ).toEqual({ credit: '-2000 JPY', debit: '667 JPY', net: '-1333 JPY' });
  });

  it('a change at the very start of the period swaps the whole charges', () => {
    // 12 seats at 2.50 = 30.00 → 7 seats = 17.50, for the whole period.
    expect(
      lines({
        from: { price: perUnit('2.50'), quantity: '12' },
        to: { price: perUnit('2.50'), quantity: '7' },
        period: april,
        at: april.start,
      }),
    ).toEqual({ credit: '-30.00 EUR', debit: '17.50 EUR', net: '-12.50 EUR' });
  });

  it('prorates the exact charge, rounding only once', () => {
    // 0.125 USD a period, dropped to quantity 0 at the middle of a 2-second period: the credit is
    // −0.125 / 2 = −0.0625 → −0.06 (prorating the charge rounded first, 0.13, would give −0.065 → −0.07).
    expect(
      lines({
        from: { price: perUnit('0.125', 'USD'), quantity: '1' },
        to: { price: perUnit('0.125', 'USD'), quantity: '0' },
        period: { start: '2024-01-01T00:00:00Z', end: '2024-01-01T00:00:02Z' },
        at: '2024-01-01T00:00:01Z',
      }),
    ).toEqual({ credit: '-0.06 USD', debit: '0.00 USD', net: '-0.06 USD' });
  });

  it('uses the rounding mode for both lines', () => {
    // 20 of 30 days: −6.666… and 16.666… truncated to −6.66 and 16.66.
    const { credit, debit, net } = planChange(
      { from: { price: flat('10.00') }, to: { price: flat('25.00') }, period: april, at: '2024-04-11T00:00:00Z' },
      { roundingMode: 'down' },
    );
    expect([credit.toString(), debit.toString(), net.toString()]).toEqual(['-6.66', '16.66', '10.00']);
  });
});

describe('planChange: validation', () => {
  const valid = {
    from: { price: flat('10.00') },
    to: { price: flat('25.00') },
    period: april,
    at: '2024-04-11T00:00:00Z',
  };
  it.each([
    ['at the period end (periods are half-open)', { at: april.end }, ['change', 'at']],
    ['at before the period', { at: '2024-03-31T23:59:59Z' }, ['change', 'at']],
    ['an invalid at', { at: '2024-04-31T00:00:00Z' }, ['change', 'at']],
    [
      'a period ending before it starts',
      { period: { start: april.end, end: april.start } },
      ['change', 'period', 'end'],
    ],
    ['a negative price', { from: { price: flat('-10.00') } }, ['change', 'from', 'price', 'amount']],
    ['a negative quantity', { to: { price: flat('25.00'), quantity: '-1' } }, ['change', 'to', 'quantity']],
    [
      'a percentage price',
      { from: { price: { model: 'percentage', currency: 'EUR', rate: '2.9' } } },
      ['change', 'from', 'price', 'model'],
    ],
  ])('refuses %s with the path of the field', (_, override, path) => {
    const error = thrown(() => planChange({ ...valid, ...override } as PlanChange));
    expect(isBillingError(error) && error.code).toBe('invalid_input');
    expect(isBillingError(error) && error.path).toEqual(path);
  });

  it('refuses prices in two currencies with currency_mismatch', () => {
    const error = thrown(() => planChange({ ...valid, to: { price: flat('25.00', 'USD') } }));
    expect(isBillingError(error) && error.code).toBe('currency_mismatch');
    expect(isBillingError(error) && error.path).toEqual(['change', 'to', 'price', 'currency']);
  });
});

describe('planChange: properties', () => {
  const cents = fc
    .integer({ min: 0, max: 10_000_000 })
    .map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
  const quantity = fc.integer({ min: 0, max: 1000 }).map(String);
  const change = fc
    .tuple(cents, quantity, cents, quantity, fc.integer({ min: 0, max: 30 * 86_400 - 1 }))
    .map(([fromAmount, fromQuantity, toAmount, toQuantity, offset]) => ({
      from: { price: perUnit(fromAmount), quantity: fromQuantity },
      to: { price: perUnit(toAmount), quantity: toQuantity },
      period: april,
      at: new Date(Date.parse(april.start) + offset * 1000),
    }));

  it('credit ≤ 0 ≤ debit, and net is exactly credit + debit', () => {
    fc.assert(
      fc.property(change, (c) => {
        const { credit, debit, net } = planChange(c);
        expect(credit.isNegative() || credit.isZero()).toBe(true);
        expect(debit.isNegative()).toBe(false);
        expect(net.compare(credit.add(debit))).toBe(0);
      }),
    );
  });

  it('changing to the same price and quantity nets to zero', () => {
    fc.assert(
      fc.property(change, (c) => {
        expect(planChange({ ...c, to: c.from }).net.isZero()).toBe(true);
      }),
    );
  });
});
