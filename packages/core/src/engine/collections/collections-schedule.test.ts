import { describe, expect, it } from 'vitest';
import { type CollectionsPolicy, CollectionsPolicyInputSchema } from './collections-policy';
import { dunningSchedule, firstCollectionsInstant, overdueInstant, reminderSchedule } from './collections-schedule';

const policy = (input: unknown) => CollectionsPolicyInputSchema.parse(input) as CollectionsPolicy;

describe('the collections schedule, in the customer’s calendar days', () => {
  it('sends each reminder at the start of its local day, across a DST change', () => {
    const weekly = policy({ reminders: { steps: [{ days: -1 }, { days: 7 }], repeat: { everyDays: 1, max: 2 } } });
    // Due on Sunday 22 March 2026 in Berlin (UTC+1); DST starts on 29 March at 02:00 (UTC+2 from then).
    expect(reminderSchedule(weekly, '2026-03-22', 'Europe/Berlin').map((s) => [s.step, s.days, s.at])).toEqual([
      [1, -1, '2026-03-20T23:00:00.000Z'], // 21 March 00:00 CET
      [2, 7, '2026-03-28T23:00:00.000Z'], // 29 March 00:00 CET: midnight comes before the change
      [3, 8, '2026-03-29T22:00:00.000Z'], // 30 March 00:00 CEST
      [4, 9, '2026-03-30T22:00:00.000Z'],
    ]);
    // New York: 1 March 00:00 EST (UTC−5).
    expect(reminderSchedule(weekly, '2026-02-23', 'America/New_York')[1]?.at).toBe('2026-03-02T05:00:00.000Z');
  });

  it('becomes overdue at the start of the day after the grace period, and dunning counts from that day', () => {
    const graced = policy({ graceDays: 3, dunning: { pastDueAfterDays: 0, unpaidAfterDays: 7, cancelAfterDays: 30 } });
    const overdue = overdueInstant(graced, '2026-03-15', 'Europe/Berlin');
    expect(overdue).toBe('2026-03-18T23:00:00.000Z'); // 19 March 00:00 CET
    expect(dunningSchedule(graced, overdue, 'Europe/Berlin')).toEqual([
      { stage: 'past_due', at: '2026-03-18T23:00:00.000Z' },
      { stage: 'unpaid', at: '2026-03-25T23:00:00.000Z' },
      { stage: 'canceled', at: '2026-04-17T22:00:00.000Z' }, // 18 April 00:00 CEST
    ]);
    expect(dunningSchedule(policy({ dunning: false }), overdue, 'Europe/Berlin')).toEqual([]);
  });

  it('first looks at a new invoice at its first reminder not before the issue, or when it becomes overdue', () => {
    const steps = policy({ reminders: { steps: [{ days: -3 }, { days: 2 }] }, graceDays: 5 });
    // Issued 1 March, due 15 March (UTC): reminder 1 on 12 March.
    expect(firstCollectionsInstant(steps, '2026-03-01T10:00:00.000Z', '2026-03-15T23:59:59.999Z', 'UTC')).toBe(
      '2026-03-12T00:00:00.000Z',
    );
    // Issued on 14 March with 1 day's terms: the step of 12 March is passed; reminder 2 on 17 March.
    expect(firstCollectionsInstant(steps, '2026-03-14T10:00:00.000Z', '2026-03-15T23:59:59.999Z', 'UTC')).toBe(
      '2026-03-17T00:00:00.000Z',
    );
    // No reminders: when it becomes overdue, 15 + 5 + 1 = 21 March.
    expect(
      firstCollectionsInstant(policy({ graceDays: 5 }), '2026-03-01T10:00:00.000Z', '2026-03-15T23:59:59.999Z', 'UTC'),
    ).toBe('2026-03-21T00:00:00.000Z');
  });
});
