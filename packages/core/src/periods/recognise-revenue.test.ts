import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money/money';
import { addDays, localDay } from './local-days';
import { monthlyRate, recogniseOverPeriod } from './recognise-revenue';

const parts = (amount: string, start: string, end: string, zone = 'UTC', currency = 'EUR') =>
  recogniseOverPeriod(money(amount, currency), start, end, zone).map((p) => [p.month, p.amount.toString()]);

describe('recogniseOverPeriod', () => {
  it('spreads a yearly invoice over 12 months by days (365 days, 1,200.00)', () => {
    // In cents: 120000 × 31/365 = 10191.78, × 28/365 = 9205.48, × 30/365 = 9863.01. The floors sum to
    // 7 × 10191 + 9205 + 4 × 9863 = 119994; the 6 leftover cents go to the largest remainders (0.78: the 31-day
    // months, earliest first), so December's 31 days stay at 101.91.
    expect(parts('1200.00', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([
      ['2026-01', '101.92'],
      ['2026-02', '92.05'],
      ['2026-03', '101.92'],
      ['2026-04', '98.63'],
      ['2026-05', '101.92'],
      ['2026-06', '98.63'],
      ['2026-07', '101.92'],
      ['2026-08', '101.92'],
      ['2026-09', '98.63'],
      ['2026-10', '101.92'],
      ['2026-11', '98.63'],
      ['2026-12', '101.91'],
    ]);
  });

  it('counts the customer’s calendar days: a Berlin month starts at 23:00 UTC the day before', () => {
    // 1 Feb – 1 Mar in Berlin is 31 Jan 23:00Z – 28 Feb 23:00Z: all of it in February.
    expect(parts('28.00', '2026-01-31T23:00:00Z', '2026-02-28T23:00:00Z', 'Europe/Berlin')).toEqual([['2026-02', '28.00']]);
    // The same instants in UTC: 1 day in January, 27 in February.
    expect(parts('28.00', '2026-01-31T23:00:00Z', '2026-02-28T23:00:00Z', 'UTC')).toEqual([
      ['2026-01', '1.00'],
      ['2026-02', '27.00'],
    ]);
  });

  it('a mid-month period of 31 days; an empty period is recognised where it starts; credits are negative', () => {
    // 15 Jan – 15 Feb: 17 days in January, 14 in February: 1000 × 17/31 = 548.39, × 14/31 = 451.61 cents; the
    // leftover cent goes to February's larger remainder.
    expect(parts('10.00', '2026-01-15T00:00:00Z', '2026-02-15T00:00:00Z')).toEqual([
      ['2026-01', '5.48'],
      ['2026-02', '4.52'],
    ]);
    expect(parts('3.00', '2026-05-02T10:00:00Z', '2026-05-02T12:00:00Z')).toEqual([['2026-05', '3.00']]);
    expect(parts('-10.00', '2026-01-15T00:00:00Z', '2026-02-15T00:00:00Z')).toEqual([
      ['2026-01', '-5.48'],
      ['2026-02', '-4.52'],
    ]);
  });

  it('parts always sum to the whole and each is within one minor unit of its exact share (property)', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland'),
        (units, startDay, length, currency, zone) => {
          const amount = money('1', currency).with({ units, scale: money('1', currency).minorUnits });
          const start = new Date(Date.UTC(2024, 0, 1) + startDay * day + 12 * 3_600_000).toISOString();
          const end = new Date(Date.parse(start) + length * day).toISOString();
          const got = recogniseOverPeriod(amount, start, end, zone);
          const total = got.reduce((sum, p) => sum.add(p.amount), money('0', currency));
          expect(total.compare(amount)).toBe(0);
          // Days per month counted one local day at a time (not the way the function steps through months).
          const days = new Map<string, number>();
          const last = localDay(end, zone);
          for (let d = localDay(start, zone); d < last; d = addDays(d, 1)) days.set(d.slice(0, 7), (days.get(d.slice(0, 7)) ?? 0) + 1);
          if (days.size === 0) days.set(localDay(start, zone).slice(0, 7), 1);
          expect(got.map((p) => p.month)).toEqual([...days.keys()]);
          const whole = BigInt([...days.values()].reduce((a, b) => a + b, 0));
          for (const part of got) {
            // |part × D − amount × d| < D, in the currency's units
            const gap = part.amount.fixed.units * whole - units * BigInt(days.get(part.month) as number);
            expect(gap < whole && -gap < whole).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('monthlyRate', () => {
  it('a year is twelve months, Jan 31 → Feb 28 one, a week is scaled to 30.4375 days', () => {
    const rate = (amount: string, start: string, end: string) =>
      monthlyRate(money(amount, 'EUR'), start, end, 'UTC').toString();
    expect(rate('1200.00', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe('100.00');
    expect(rate('49.00', '2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z')).toBe('49.00');
    expect(rate('300.00', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z')).toBe('100.00');
    // 7.00 a week: 7.00 × 30.4375 / 7 = 30.4375 → 30.44
    expect(rate('7.00', '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z')).toBe('30.44');
    // 100.00 a year, 12 months: 8.333… → 8.33
    expect(rate('100.00', '2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z')).toBe('8.33');
  });
});
