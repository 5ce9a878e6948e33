import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { money } from './money';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isBillingError(error) ? error.code : 'not a BillingError';
  }
  return undefined;
}

describe('money', () => {
  it('adds and multiplies exactly where floats would not', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats; exactly 0.30 here.
    expect(money('0.1', 'EUR').add(money('0.2', 'EUR')).toString()).toBe('0.30');
    // 19.99 × 3 = 59.97
    expect(money('19.99', 'EUR').multiply('3').toString()).toBe('59.97');
    // 0.0004 × 1234 = 0.4936, kept unrounded until round(): 0.49
    const usage = money('0.0004', 'USD').multiply('1234');
    expect(usage.toString()).toBe('0.4936');
    expect(usage.round().toString()).toBe('0.49');
  });

  it('keeps amounts beyond 2^53 exact', () => {
    const big = money('90071992547409930.01', 'USD');
    expect(big.add(money('0.01', 'USD')).toString()).toBe('90071992547409930.02');
    expect(big.multiply('10').toString()).toBe('900719925474099300.10');
  });

  it('takes minor units from ISO 4217 via Intl', () => {
    expect(money('1500', 'JPY').toString()).toBe('1500');
    expect(money('1.5', 'KWD').toString()).toBe('1.500');
    expect(money('1', 'CLF').toString()).toBe('1.0000');
    expect(money('5', 'EUR').toString()).toBe('5.00');
    expect(money('5', 'EUR').minorUnits).toBe(2);
  });

  it('rounds with each named mode, symmetric around zero', () => {
    const cases: [string, string, string, string, string][] = [
      // value, half-up, half-even, down, up
      ['2.345', '2.35', '2.34', '2.34', '2.35'],
      ['2.355', '2.36', '2.36', '2.35', '2.36'],
      ['-2.345', '-2.35', '-2.34', '-2.34', '-2.35'],
      ['2.3449', '2.34', '2.34', '2.34', '2.35'],
      ['2.30', '2.30', '2.30', '2.30', '2.30'],
    ];
    for (const [value, halfUp, halfEven, down, up] of cases) {
      const m = money(value, 'EUR');
      expect([m.round('half-up'), m.round('half-even'), m.round('down'), m.round('up')].map(String)).toEqual([
        halfUp,
        halfEven,
        down,
        up,
      ]);
    }
    // JPY has no decimals: 100.5 → 101 (half-up), 100 (half-even)
    expect(money('100.5', 'JPY').round().toString()).toBe('101');
    expect(money('100.5', 'JPY').round('half-even').toString()).toBe('100');
    // KWD has three: 1.2345 → 1.235 half-up
    expect(money('1.2345', 'KWD').round().toString()).toBe('1.235');
  });

  it('compares, negates and serialises', () => {
    const a = money('10.00', 'EUR');
    expect(a.compare(money('10', 'EUR'))).toBe(0);
    expect(a.compare(money('10.001', 'EUR'))).toBe(-1);
    expect(a.negate().toString()).toBe('-10.00');
    expect(a.subtract(a).isZero()).toBe(true);
    expect(a.negate().isNegative()).toBe(true);
    expect(JSON.stringify({ total: a })).toBe('{"total":{"amount":"10.00","currency":"EUR"}}');
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('refuses floats, malformed strings, unknown currencies and currency mixes', () => {
    expect(codeOf(() => money(19.99 as unknown as string, 'EUR'))).toBe('invalid_input');
    expect(codeOf(() => money('1e3', 'EUR'))).toBe('invalid_input');
    expect(codeOf(() => money('12,50', 'EUR'))).toBe('invalid_input');
    expect(codeOf(() => money('', 'EUR'))).toBe('invalid_input');
    expect(codeOf(() => money('1', 'XYZ'))).toBe('unknown_currency');
    expect(codeOf(() => money('1', 'eur'))).toBe('unknown_currency');
    expect(codeOf(() => money('1', 'EUR').add(money('1', 'USD')))).toBe('currency_mismatch');
    expect(codeOf(() => money('1', 'EUR').compare(money('1', 'USD')))).toBe('currency_mismatch');
    expect(codeOf(() => money('1', 'EUR').multiply(1.5))).toBe('invalid_input');
    // integers are exact, so a safe integer factor is fine
    expect(money('1.25', 'EUR').multiply(4).toString()).toBe('5.00');
  });

  it('puts the bad argument in the error path', () => {
    try {
      money(3.5 as unknown as string, 'EUR');
      expect.unreachable();
    } catch (error) {
      expect(isBillingError(error) && error.path).toEqual(['amount']);
    }
  });

  it('addition is exact: (a + b) − b = a for any decimals', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => {
        const s = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
        const body = scale ? `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}` : s;
        return units < 0n ? `-${body}` : body;
      });
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = money(a, 'EUR');
        const y = money(b, 'EUR');
        expect(x.add(y).subtract(y).compare(x)).toBe(0);
        expect(x.add(y).compare(y.add(x))).toBe(0);
      }),
    );
  });

  it('rounding never moves an amount by more than half a minor unit (half modes) or one unit (directed)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (units) => {
        // units at scale 5, rounded to EUR's 2 decimals
        const m = money(
          `${units < 0n ? '-' : ''}${(units < 0n ? -units : units)
            .toString()
            .padStart(6, '0')
            .replace(/(\d{5})$/, '.$1')}`,
          'EUR',
        );
        for (const mode of ['half-up', 'half-even', 'down', 'up'] as const) {
          const diff = m.round(mode).subtract(m);
          const limit = money(mode.startsWith('half') ? '0.005' : '0.01', 'EUR');
          expect(diff.compare(limit)).toBeLessThanOrEqual(mode.startsWith('half') ? 0 : -1);
          expect(diff.negate().compare(limit)).toBeLessThanOrEqual(mode.startsWith('half') ? 0 : -1);
        }
      }),
    );
  });
});
