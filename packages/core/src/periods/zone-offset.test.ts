import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingPeriods } from './billing-periods';
import { exactOffsetMs, zoneOffsetMs } from './zone-offset';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('zoneOffsetMs (offsets remembered per 6-hour span)', () => {
  it('changes at the exact millisecond of a DST change, whichever side is asked first', () => {
    // Berlin springs forward at 01:00 UTC on 29 March 2026 (+01:00 → +02:00) and falls back at 01:00 UTC on
    // 25 October 2026 (+02:00 → +01:00). The later instant is asked first, so the span is cached from it.
    expect(zoneOffsetMs('Europe/Berlin', at('2026-03-29T01:00:00.000Z'))).toBe(2 * HOUR);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-03-29T00:59:59.999Z'))).toBe(1 * HOUR);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-03-29T00:00:00.000Z'))).toBe(1 * HOUR);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-10-25T00:59:59.999Z'))).toBe(2 * HOUR);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-10-25T01:00:00.000Z'))).toBe(1 * HOUR);
    // New York: 2 a.m. local, 07:00 UTC on 8 March 2026 (−05:00 → −04:00).
    expect(zoneOffsetMs('America/New_York', at('2026-03-08T06:59:59.999Z'))).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', at('2026-03-08T07:00:00.000Z'))).toBe(-4 * HOUR);
    // Lord Howe moves by half an hour: +11:00 → +10:30 at 02:00 local (15:00 UTC) on 4 April 2026.
    expect(zoneOffsetMs('Australia/Lord_Howe', at('2026-04-04T14:59:59.999Z'))).toBe(11 * HOUR);
    expect(zoneOffsetMs('Australia/Lord_Howe', at('2026-04-04T15:00:00.000Z'))).toBe(10.5 * HOUR);
  });

  it('equals the offset Intl gives at any instant, in zones with odd histories', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Apia',
      'Africa/Casablanca',
      'Antarctica/Troll',
      'Europe/Amsterdam',
      'Europe/Moscow',
    ];
    const instant = fc.integer({ min: at('1900-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') });
    // Instants near each other, so later ones often land in a span an earlier one cached.
    const nearby = fc.tuple(
      instant,
      fc.array(fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }), { maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), nearby, (zone, [base, steps]) => {
        for (const time of [base, ...steps.map((step) => base + step)]) {
          expect(zoneOffsetMs(zone, time)).toBe(exactOffsetMs(zone, time));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps billing periods across DST the same once the offsets are cached', () => {
    const periods = () =>
      billingPeriods({
        anchor: '2026-01-31T09:30:00+01:00',
        interval: 'month',
        timeZone: 'Europe/Berlin',
        from: '2026-03-01T00:00:00Z',
        count: 3,
      }).map(({ start, end }) => [start.toISOString(), end.toISOString()]);
    // 09:30 in Berlin: 08:30 UTC in winter, 07:30 UTC in summer; the month-end anchor clamps to 28 February.
    const expected = [
      ['2026-02-28T08:30:00.000Z', '2026-03-31T07:30:00.000Z'],
      ['2026-03-31T07:30:00.000Z', '2026-04-30T07:30:00.000Z'],
      ['2026-04-30T07:30:00.000Z', '2026-05-31T07:30:00.000Z'],
    ];
    expect(periods()).toEqual(expected);
    expect(periods()).toEqual(expected);
  });
});
