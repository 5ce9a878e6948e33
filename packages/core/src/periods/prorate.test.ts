import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { type Money, money } from '../money/money';
import type { RoundingMode } from '../money/rounding-mode';
import { prorate } from './prorate';

// April 2024 in UTC: 30 days = 2 592 000 seconds.
const april = { start: '2024-04-01T00:00:00Z', end: '2024-05-01T00:00:00Z' };
const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.UTC(2024, 3, 1) + ms);
const show = (m: Money) => `${m.toString()} ${m.currency}`;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('prorate: worked examples', () => {
  it('30.00 EUR over a 30-day period for its last 10 days is 10.00', () => {
    // 30.00 × 864 000 / 2 592 000 = 10.00 exactly.
    expect(show(prorate(money('30.00', 'EUR'), april, { start: at(20 * DAY), end: at(30 * DAY) }))).toBe('10.00 EUR');
  });

  it('rounds once, half-up by default: 10.00 EUR for 10 of 30 days is 3.33, for 20 days 6.67', () => {
    // 10 × 1/3 = 3.333… → 3.33; 10 × 2/3 = 6.666… → 6.67.
    expect(show(prorate(money('10.00', 'EUR'), april, { start: at(0), end: at(10 * DAY) }))).toBe('3.33 EUR');
    expect(show(prorate(money('10.00', 'EUR'), april, { start: at(10 * DAY), end: at(30 * DAY) }))).toBe('6.67 EUR');
  });

  it('one second of 1 296 000 JPY a 30-day period is exactly half a yen: 1 half-up, 0 half-even and down', () => {
    // 1 296 000 / 2 592 000 = 0.5 JPY, and JPY has no minor unit.
    const second = { start: at(5 * DAY), end: at(5 * DAY + 1000) };
    const amount = money('1296000', 'JPY');
    expect(show(prorate(amount, april, second))).toBe('1 JPY');
    expect(show(prorate(amount, april, second, { roundingMode: 'half-even' }))).toBe('0 JPY');
    expect(show(prorate(amount, april, second, { roundingMode: 'down' }))).toBe('0 JPY');
    // 2 592 000 JPY gives 1 yen a second, exactly.
    expect(show(prorate(money('2592000', 'JPY'), april, second))).toBe('1 JPY');
  });

  it('a tie in cents: 0.05 EUR over 2 seconds for 1 second is 0.025 → 0.03 half-up, 0.02 half-even', () => {
    const period = { start: '2024-01-01T00:00:00Z', end: '2024-01-01T00:00:02Z' };
    const span = { start: '2024-01-01T00:00:01Z', end: '2024-01-01T00:00:02Z' };
    expect(prorate(money('0.05', 'EUR'), period, span).toString()).toBe('0.03');
    expect(prorate(money('0.05', 'EUR'), period, span, { roundingMode: 'half-even' }).toString()).toBe('0.02');
    expect(prorate(money('-0.05', 'EUR'), period, span).toString()).toBe('-0.03'); // symmetric around zero
  });

  it('counts only the part of the span inside the period', () => {
    // Span Mar 22 → Apr 11 overlaps April for 10 days: 30.00 × 10/30 = 10.00.
    const span = { start: '2024-03-22T00:00:00Z', end: '2024-04-11T00:00:00Z' };
    expect(prorate(money('30.00', 'EUR'), april, span).toString()).toBe('10.00');
    // A span covering more than the period is capped at the whole amount.
    expect(
      prorate(money('30.00', 'EUR'), april, { start: '2024-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' }).toString(),
    ).toBe('30.00');
  });

  it('is zero for a span outside the period, touching it, or empty', () => {
    const before = { start: '2024-03-01T00:00:00Z', end: '2024-04-01T00:00:00Z' }; // ends where April starts
    const after = { start: '2024-05-01T00:00:00Z', end: '2024-05-02T00:00:00Z' };
    const apart = { start: '2024-03-01T00:00:00Z', end: '2024-03-02T00:00:00Z' }; // a month before
    const later = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };
    const empty = { start: '2024-04-10T00:00:00Z', end: '2024-04-10T00:00:00Z' };
    for (const span of [before, after, apart, later, empty]) {
      const share = prorate(money('30.00', 'EUR'), april, span);
      expect(share.isZero()).toBe(true);
      expect(share.toString()).toBe('0.00');
    }
  });

  it('rounds a sub-cent amount only once, at the end', () => {
    // 0.125 EUR over 2 s for 1 s is 0.0625 → 0.06; rounding 0.125 to 0.13 first would give 0.065 → 0.07.
    const period = { start: '2024-01-01T00:00:00Z', end: '2024-01-01T00:00:02Z' };
    const share = prorate(money('0.125', 'EUR'), period, { start: period.start, end: '2024-01-01T00:00:01Z' });
    expect(share.toString()).toBe('0.06');
    expect(share.fixed.scale).toBe(2);
  });

  it('counts whole seconds: milliseconds are dropped from every instant', () => {
    // [00:00:00.999, 00:00:01.001) counts as [0, 1): one second of a 2-second period.
    const period = { start: '2024-01-01T00:00:00.999Z', end: '2024-01-01T00:00:02.500Z' };
    const span = { start: '2024-01-01T00:00:00.999Z', end: '2024-01-01T00:00:01.001Z' };
    expect(prorate(money('2.00', 'EUR'), period, span).toString()).toBe('1.00');
  });
});

describe('prorate: validation', () => {
  it.each([
    ['a non-Money amount', () => prorate({ amount: '30.00', currency: 'EUR' } as never, april, april), ['amount']],
    [
      'a period ending at its start',
      () => prorate(money('1', 'EUR'), { start: april.start, end: april.start }, april),
      ['period', 'end'],
    ],
    [
      'a period shorter than a second',
      () => prorate(money('1', 'EUR'), { start: '2024-01-01T00:00:00.100Z', end: '2024-01-01T00:00:00.900Z' }, april),
      ['period', 'end'],
    ],
    [
      'a span ending before it starts',
      () => prorate(money('1', 'EUR'), april, { start: april.end, end: april.start }),
      ['span', 'end'],
    ],
    [
      'an invalid date',
      () => prorate(money('1', 'EUR'), april, { start: 'yesterday', end: april.end }),
      ['span', 'start'],
    ],
    [
      'an unknown rounding mode',
      () => prorate(money('1', 'EUR'), april, april, { roundingMode: 'nearest' as RoundingMode }),
      ['options', 'roundingMode'],
    ],
  ])('refuses %s with the path of the field', (_, run, path) => {
    const error = thrown(run);
    expect(isBillingError(error) && error.code).toBe('invalid_input');
    expect(isBillingError(error) && error.path).toEqual(path);
  });
});

describe('prorate: properties', () => {
  const modes = fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up');
  // An amount with up to two extra decimals beyond the currency's, positive or negative.
  const amount = fc
    .tuple(
      fc.constantFrom('EUR', 'JPY', 'KWD'),
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.integer({ min: 0, max: 5 }),
    )
    .map(([currency, units, scale]) => {
      const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return money(units < 0n ? `-${text}` : text, currency);
    });
  const period = fc
    .tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 1, max: 400 * 86_400 }))
    .map(([startSeconds, length]) => ({
      start: new Date(startSeconds * 1000),
      end: new Date((startSeconds + length) * 1000),
    }));

  it('the whole period gives the amount rounded with the same mode', () => {
    fc.assert(
      fc.property(amount, period, modes, (total, whole, roundingMode) => {
        expect(prorate(total, whole, whole, { roundingMode }).toString()).toBe(total.round(roundingMode).toString());
      }),
    );
  });

  it('splitting the period at any second: the two rounded parts differ from the rounded whole by at most one minor unit', () => {
    // Each part is rounded on its own (no allocation), so a + b may drift from the whole by one unit, never more.
    fc.assert(
      fc.property(
        amount,
        period,
        modes,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, whole, roundingMode, cut) => {
          const length = (whole.end.getTime() - whole.start.getTime()) / 1000;
          const split = new Date(whole.start.getTime() + Math.round(cut * length) * 1000);
          const a = prorate(total, whole, { start: whole.start, end: split }, { roundingMode });
          const b = prorate(total, whole, { start: split, end: whole.end }, { roundingMode });
          const all = prorate(total, whole, whole, { roundingMode });
          const drift = a.add(b).subtract(all).fixed;
          const unit = 10n ** BigInt(drift.scale - total.minorUnits);
          expect(drift.units <= unit && drift.units >= -unit).toBe(true);
        },
      ),
    );
  });

  it('a part lies between zero and the rounded whole', () => {
    fc.assert(
      fc.property(amount, period, fc.double({ min: 0, max: 1, noNaN: true }), (total, whole, cut) => {
        const length = (whole.end.getTime() - whole.start.getTime()) / 1000;
        const split = new Date(whole.start.getTime() + Math.round(cut * length) * 1000);
        const part = prorate(total, whole, { start: whole.start, end: split });
        const all = total.round();
        const zero = all.subtract(all);
        const [low, high] = all.isNegative() ? [all, zero] : [zero, all];
        expect(part.compare(low) >= 0 && part.compare(high) <= 0).toBe(true);
      }),
    );
  });
});
