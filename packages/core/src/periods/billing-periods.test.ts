import { tz } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, addYears } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { type BillingPeriodsOptions, billingPeriods } from './billing-periods';

/** Periods as ISO strings in UTC, to compare with hand-written expectations. */
function iso(options: BillingPeriodsOptions): [string, string][] {
  return billingPeriods(options).map(({ start, end }) => [start.toISOString(), end.toISOString()]);
}

/** Local wall-clock `yyyy-mm-dd hh:mm` of an instant in a zone, read with `Intl` (independent of the code under test). */
function local(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const seconds = ({ start, end }: { start: Date; end: Date }) => (end.getTime() - start.getTime()) / 1000;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('billingPeriods: month-end anchors clamp, computed from the anchor each time', () => {
  it('Jan 31 monthly in a leap year: Feb 29, then back to Mar 31, Apr 30, May 31', () => {
    expect(
      iso({
        anchor: '2024-01-31T00:00:00Z',
        interval: 'month',
        timeZone: 'UTC',
        from: '2024-01-31T00:00:00Z',
        count: 4,
      }),
    ).toEqual([
      ['2024-01-31T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
      ['2024-02-29T00:00:00.000Z', '2024-03-31T00:00:00.000Z'], // not Mar 29: computed from Jan 31, not chained
      ['2024-03-31T00:00:00.000Z', '2024-04-30T00:00:00.000Z'],
      ['2024-04-30T00:00:00.000Z', '2024-05-31T00:00:00.000Z'],
    ]);
  });

  it('Jan 31 monthly in a non-leap year: Feb 28, Mar 31, Apr 30', () => {
    expect(
      iso({
        anchor: '2023-01-31T00:00:00Z',
        interval: 'month',
        timeZone: 'UTC',
        from: '2023-02-15T12:00:00Z',
        count: 3,
      }),
    ).toEqual([
      ['2023-01-31T00:00:00.000Z', '2023-02-28T00:00:00.000Z'],
      ['2023-02-28T00:00:00.000Z', '2023-03-31T00:00:00.000Z'],
      ['2023-03-31T00:00:00.000Z', '2023-04-30T00:00:00.000Z'],
    ]);
  });

  it('starts with the period containing `from`, also when `from` is the exact boundary', () => {
    const base = { anchor: '2023-01-31T00:00:00Z', interval: 'month', timeZone: 'UTC', count: 1 } as const;
    // Feb 28 00:00 is the start of [Feb 28, Mar 31): the boundary belongs to the later period (half-open).
    expect(iso({ ...base, from: '2023-02-28T00:00:00Z' })).toEqual([
      ['2023-02-28T00:00:00.000Z', '2023-03-31T00:00:00.000Z'],
    ]);
    // One millisecond earlier is still in [Jan 31, Feb 28).
    expect(iso({ ...base, from: '2023-02-27T23:59:59.999Z' })).toEqual([
      ['2023-01-31T00:00:00.000Z', '2023-02-28T00:00:00.000Z'],
    ]);
  });

  it('goes back before the anchor with the same rule (k < 0)', () => {
    // Anchor Jan 31 2024: k = −1 → Dec 31 2023, k = −2 → Nov 30 2023 (clamped); Dec 15 lies in [Nov 30, Dec 31).
    expect(
      iso({
        anchor: '2024-01-31T00:00:00Z',
        interval: 'month',
        timeZone: 'UTC',
        from: '2023-12-15T00:00:00Z',
        count: 3,
      }),
    ).toEqual([
      ['2023-11-30T00:00:00.000Z', '2023-12-31T00:00:00.000Z'],
      ['2023-12-31T00:00:00.000Z', '2024-01-31T00:00:00.000Z'],
      ['2024-01-31T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ]);
  });

  it('every 3 months from Nov 30: Feb 28/29, May 30, Aug 30, Nov 30', () => {
    expect(
      iso({
        anchor: '2023-11-30T00:00:00Z',
        interval: 'month',
        intervalCount: 3,
        timeZone: 'UTC',
        from: '2024-03-01T00:00:00Z',
        count: 3,
      }),
    ).toEqual([
      ['2024-02-29T00:00:00.000Z', '2024-05-30T00:00:00.000Z'],
      ['2024-05-30T00:00:00.000Z', '2024-08-30T00:00:00.000Z'],
      ['2024-08-30T00:00:00.000Z', '2024-11-30T00:00:00.000Z'],
    ]);
  });

  it('yearly anchored on Feb 29: Feb 28 in common years, Feb 29 again in 2028', () => {
    expect(
      iso({
        anchor: '2024-02-29T09:30:00Z',
        interval: 'year',
        timeZone: 'UTC',
        from: '2024-06-01T00:00:00Z',
        count: 4,
      }),
    ).toEqual([
      ['2024-02-29T09:30:00.000Z', '2025-02-28T09:30:00.000Z'],
      ['2025-02-28T09:30:00.000Z', '2026-02-28T09:30:00.000Z'],
      ['2026-02-28T09:30:00.000Z', '2027-02-28T09:30:00.000Z'],
      ['2027-02-28T09:30:00.000Z', '2028-02-29T09:30:00.000Z'],
    ]);
  });
});

describe('billingPeriods: days and weeks', () => {
  it('every 2 weeks from Monday Jan 1 2024: Jan 20 lies in [Jan 15, Jan 29)', () => {
    // Jan 20 is 19 days after the anchor; floor(19 / 14) = 1 → starts Jan 1 + 14 = Jan 15.
    expect(
      iso({
        anchor: '2024-01-01T00:00:00Z',
        interval: 'week',
        intervalCount: 2,
        timeZone: 'UTC',
        from: '2024-01-20T00:00:00Z',
        count: 2,
      }),
    ).toEqual([
      ['2024-01-15T00:00:00.000Z', '2024-01-29T00:00:00.000Z'],
      ['2024-01-29T00:00:00.000Z', '2024-02-12T00:00:00.000Z'],
    ]);
  });

  it('every 2 days at noon across Feb 29: Mar 1 11:59:59 lies in [Feb 29 12:00, Mar 2 12:00)', () => {
    // Starts Feb 27, Feb 29, Mar 2, Mar 4 at 12:00; Mar 1 11:59:59 is before Mar 2 12:00.
    expect(
      iso({
        anchor: '2024-02-27T12:00:00Z',
        interval: 'day',
        intervalCount: 2,
        timeZone: 'UTC',
        from: '2024-03-01T11:59:59Z',
        count: 2,
      }),
    ).toEqual([
      ['2024-02-29T12:00:00.000Z', '2024-03-02T12:00:00.000Z'],
      ['2024-03-02T12:00:00.000Z', '2024-03-04T12:00:00.000Z'],
    ]);
  });

  it('accepts Date objects and an offset in the strings; the anchor instant, not its offset, counts', () => {
    // 2024-01-01T01:00:00+01:00 is 2024-01-01T00:00:00Z.
    expect(
      iso({
        anchor: new Date(Date.UTC(2024, 0, 1)),
        interval: 'day',
        timeZone: 'UTC',
        from: '2024-01-01T01:00:00+01:00',
        count: 1,
      }),
    ).toEqual([['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z']]);
  });
});

describe('billingPeriods: DST never moves the local boundary', () => {
  it('Europe/Berlin spring forward (Mar 31 2024, 02:00 CET → 03:00 CEST): the month around it is an hour short', () => {
    const periods = billingPeriods({
      anchor: '2024-01-15T00:00:00+01:00',
      interval: 'month',
      timeZone: 'Europe/Berlin',
      from: '2024-03-20T00:00:00Z',
      count: 2,
    });
    expect(periods.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2024-03-14T23:00:00.000Z', '2024-04-14T22:00:00.000Z'], // 00:00 CET (+01) → 00:00 CEST (+02)
      ['2024-04-14T22:00:00.000Z', '2024-05-14T22:00:00.000Z'],
    ]);
    expect(periods.map((p) => local(p.start, 'Europe/Berlin'))).toEqual(['2024-03-15 00:00', '2024-04-15 00:00']);
    // Mar 15 → Apr 15 is 31 days less the skipped hour: 31 × 86 400 − 3 600 = 2 674 800 s; Apr 15 → May 15 is 30 days.
    expect(periods.map(seconds)).toEqual([2_674_800, 2_592_000]);
  });

  it('Europe/Berlin fall back (Oct 27 2024, 03:00 CEST → 02:00 CET): the month around it is an hour long', () => {
    const [period] = billingPeriods({
      anchor: '2024-01-15T00:00:00+01:00',
      interval: 'month',
      timeZone: 'Europe/Berlin',
      from: '2024-10-20T00:00:00Z',
      count: 1,
    });
    expect(period?.start.toISOString()).toBe('2024-10-14T22:00:00.000Z'); // Oct 15 00:00 CEST
    expect(period?.end.toISOString()).toBe('2024-11-14T23:00:00.000Z'); // Nov 15 00:00 CET
    expect(period && local(period.end, 'Europe/Berlin')).toBe('2024-11-15 00:00');
    // 31 × 86 400 + 3 600 = 2 682 000 s.
    expect(period && seconds(period)).toBe(2_682_000);
  });

  it('America/New_York spring forward (Mar 10 2024, 02:00 EST → 03:00 EDT): a 167-hour week', () => {
    // Sunday Mar 3 2024 00:00 EST (−05) = 05:00Z; Mar 10 00:00 is still EST; Mar 17 00:00 is EDT (−04) = 04:00Z.
    const periods = billingPeriods({
      anchor: '2024-03-03T00:00:00-05:00',
      interval: 'week',
      timeZone: 'America/New_York',
      from: '2024-03-03T05:00:00Z',
      count: 2,
    });
    expect(periods.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2024-03-03T05:00:00.000Z', '2024-03-10T05:00:00.000Z'],
      ['2024-03-10T05:00:00.000Z', '2024-03-17T04:00:00.000Z'],
    ]);
    expect(periods.map((p) => local(p.end, 'America/New_York'))).toEqual(['2024-03-10 00:00', '2024-03-17 00:00']);
    expect(periods.map(seconds)).toEqual([604_800, 601_200]); // 7 × 86 400, then an hour less
  });

  it('America/New_York fall back (Nov 3 2024, 02:00 EDT → 01:00 EST): a 169-hour week', () => {
    // Sunday Oct 27 2024 00:00 EDT = 04:00Z; Nov 3 00:00 is still EDT = 04:00Z; Nov 10 00:00 EST = 05:00Z.
    const periods = billingPeriods({
      anchor: '2024-10-27T00:00:00-04:00',
      interval: 'week',
      timeZone: 'America/New_York',
      from: '2024-11-05T00:00:00Z',
      count: 1,
    });
    expect(periods.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2024-11-03T04:00:00.000Z', '2024-11-10T05:00:00.000Z'],
    ]);
    expect(periods.map(seconds)).toEqual([608_400]); // 7 × 86 400 + 3 600
  });

  it('a local time skipped by DST moves forward by the gap; the next day is back at 02:30', () => {
    // Berlin Mar 31 2024 has no 02:30: it becomes 03:30 CEST = 01:30Z. Apr 1 02:30 CEST = 00:30Z.
    const periods = billingPeriods({
      anchor: '2024-03-30T02:30:00+01:00',
      interval: 'day',
      timeZone: 'Europe/Berlin',
      from: '2024-03-30T02:30:00+01:00',
      count: 2,
    });
    expect(periods.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2024-03-30T01:30:00.000Z', '2024-03-31T01:30:00.000Z'],
      ['2024-03-31T01:30:00.000Z', '2024-04-01T00:30:00.000Z'],
    ]);
  });

  it('a local time that occurs twice is the earlier instant', () => {
    // Berlin Oct 27 2024 shows 02:30 at 00:30Z (CEST) and again at 01:30Z (CET): the period starts at 00:30Z.
    const periods = billingPeriods({
      anchor: '2024-10-26T02:30:00+02:00',
      interval: 'day',
      timeZone: 'Europe/Berlin',
      from: '2024-10-26T12:00:00Z',
      count: 2,
    });
    expect(periods.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2024-10-26T00:30:00.000Z', '2024-10-27T00:30:00.000Z'],
      ['2024-10-27T00:30:00.000Z', '2024-10-28T01:30:00.000Z'],
    ]);
    expect(periods.map(seconds)).toEqual([86_400, 90_000]);
  });

  it('a calendar day the zone skipped entirely gives no empty period', () => {
    // Samoa jumped from Dec 29 2011 23:59 (−10) to Dec 31 00:00 (+14). Dec 30 10:00 never existed: it moves
    // forward by the 24-hour gap onto Dec 31 10:00 (= Dec 30 20:00Z), which is also the next day's start.
    expect(
      iso({
        anchor: '2011-12-29T10:00:00-10:00',
        interval: 'day',
        timeZone: 'Pacific/Apia',
        from: '2011-12-29T10:00:00-10:00',
        count: 3,
      }),
    ).toEqual([
      ['2011-12-29T20:00:00.000Z', '2011-12-30T20:00:00.000Z'],
      ['2011-12-30T20:00:00.000Z', '2011-12-31T20:00:00.000Z'],
      ['2011-12-31T20:00:00.000Z', '2012-01-01T20:00:00.000Z'],
    ]);
  });

  it('does not depend on the machine time zone: month-end clamping happens on the local date', () => {
    // Jan 31 00:00 in Tokyo (+09) is Jan 30 15:00Z; the next period starts Feb 29 00:00 Tokyo = Feb 28 15:00Z,
    // which would be Feb 28 → Mar 28 if the clamping were done on UTC fields.
    expect(
      iso({
        anchor: '2024-01-31T00:00:00+09:00',
        interval: 'month',
        timeZone: 'Asia/Tokyo',
        from: '2024-03-01T00:00:00Z',
        count: 2,
      }),
    ).toEqual([
      ['2024-02-28T15:00:00.000Z', '2024-03-30T15:00:00.000Z'],
      ['2024-03-30T15:00:00.000Z', '2024-04-29T15:00:00.000Z'],
    ]);
  });
});

describe('billingPeriods: validation', () => {
  const valid: BillingPeriodsOptions = {
    anchor: '2024-01-31T00:00:00Z',
    interval: 'month',
    timeZone: 'UTC',
    from: '2024-01-31T00:00:00Z',
    count: 1,
  };
  it.each([
    ['an impossible date', { anchor: '2023-02-29T00:00:00Z' }, ['options', 'anchor']],
    ['a date without an offset', { from: '2024-02-01T00:00:00' }, ['options', 'from']],
    ['a date-only string', { from: '2024-02-01' }, ['options', 'from']],
    ['an invalid Date', { from: new Date(Number.NaN) }, ['options', 'from']],
    ['a number as date', { anchor: 1_706_659_200_000 }, ['options', 'anchor']],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, ['options', 'timeZone']],
    ['an unknown interval', { interval: 'quarter' }, ['options', 'interval']],
    ['count 0', { count: 0 }, ['options', 'count']],
    ['a fractional count', { count: 1.5 }, ['options', 'count']],
    ['intervalCount 0', { intervalCount: 0 }, ['options', 'intervalCount']],
    ['intervalCount -1', { intervalCount: -1 }, ['options', 'intervalCount']],
  ])('refuses %s with the path of the field', (_, override, path) => {
    const error = thrown(() => billingPeriods({ ...valid, ...override } as BillingPeriodsOptions));
    expect(isBillingError(error) && error.code).toBe('invalid_input');
    expect(isBillingError(error) && error.path).toEqual(path);
  });

  it('defaults intervalCount to 1', () => {
    expect(billingPeriods(valid)[0]?.end.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('refuses periods past the range of Date', () => {
    // 8.64e15 ms is the last instant a Date can hold: the period after it cannot end.
    const last = new Date(8.64e15);
    const error = thrown(() => billingPeriods({ ...valid, anchor: last, from: last }));
    expect(isBillingError(error) && error.path).toEqual(['options', 'count']);
  });
});

describe('billingPeriods: properties', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Australia/Sydney'];
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));
  const interval = fc.constantFrom('day', 'week', 'month', 'year' as const);

  it('periods are contiguous, strictly increasing, and the first contains `from`', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        interval,
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...zones, 'America/Sao_Paulo', 'Pacific/Chatham', 'Pacific/Apia'),
        fc.integer({ min: 1, max: 15 }),
        (anchor, from, interval, intervalCount, timeZone, count) => {
          const periods = billingPeriods({ anchor, interval, intervalCount, timeZone, from, count });
          expect(periods).toHaveLength(count);
          const first = periods[0];
          expect(first && first.start.getTime() <= from.getTime() && from.getTime() < first.end.getTime()).toBe(true);
          periods.forEach((period, i) => {
            expect(period.start.getTime()).toBeLessThan(period.end.getTime());
            const next = periods[i + 1];
            if (next) expect(next.start.getTime()).toBe(period.end.getTime());
          });
        },
      ),
    );
  });

  it('agrees with date-fns (addMonths/addYears/addWeeks/addDays in the zone) from the anchor at a time DST does not touch', () => {
    const step = { day: addDays, week: addWeeks, month: addMonths, year: addYears } as const;
    fc.assert(
      fc.property(
        instant,
        instant,
        interval,
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...zones),
        fc.constantFrom(0, 4, 9, 12, 23),
        fc.integer({ min: 0, max: 59 }),
        (anchorDay, from, interval, intervalCount, timeZone, hour, minute) => {
          // Move the anchor to a local time that exists exactly once every day in these zones.
          const anchor = tz(timeZone)(anchorDay);
          anchor.setHours(hour, minute, 0, 0);
          const periods = billingPeriods({ anchor, interval, intervalCount, timeZone, from, count: 3 });
          const first = periods[0] as { start: Date };
          // Find k by stepping until the oracle reaches the first start, from an estimate (an anchor years away
          // would otherwise take thousands of date-fns steps).
          const oracle = (k: number) => step[interval](anchor, k * intervalCount, { in: tz(timeZone) }).getTime();
          const days = { day: 1, week: 7, month: 30.436875, year: 365.2425 }[interval] * intervalCount;
          let k = Math.round((first.start.getTime() - anchor.getTime()) / (days * 86_400_000));
          while (oracle(k) > first.start.getTime()) k -= 1;
          while (oracle(k) < first.start.getTime()) k += 1;
          expect(periods.map((p) => p.start.getTime())).toEqual([oracle(k), oracle(k + 1), oracle(k + 2)]);
          expect(periods[2]?.end.getTime()).toBe(oracle(k + 3));
        },
      ),
    );
  });

  it('asking from any instant inside a period returns that same period', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        interval,
        fc.constantFrom(...zones),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (anchor, from, interval, timeZone, fraction) => {
          const [period] = billingPeriods({ anchor, interval, timeZone, from, count: 1 });
          if (!period) throw new Error('no period');
          const inside = new Date(
            period.start.getTime() + Math.floor(fraction * (period.end.getTime() - period.start.getTime())),
          );
          expect(billingPeriods({ anchor, interval, timeZone, from: inside, count: 1 })).toEqual([period]);
        },
      ),
    );
  });
});
