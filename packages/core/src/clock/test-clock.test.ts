import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { createTestClock } from './test-clock';

/** The BillingError `action` throws. */
function thrown(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (isBillingError(error)) return error;
    throw error;
  }
  throw new Error('expected a BillingError');
}

describe('a test clock stays within 1970-01-01 … 2200-01-01', () => {
  it('refuses a start, or a jump, outside the range', () => {
    for (const start of [
      '0000-01-01T00:00:00Z',
      '1900-06-01T00:00:00Z',
      '1969-12-31T23:59:59.999Z',
      '2200-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      const error = thrown(() => createTestClock(start));
      expect([error.code, error.path], start).toEqual(['invalid_input', ['start']]);
    }
    expect(createTestClock('1970-01-01T00:00:00Z').now().toISOString()).toBe('1970-01-01T00:00:00.000Z');
    const clock = createTestClock('2199-12-31T23:59:59.999Z');
    expect(thrown(() => clock.set(new Date(Date.UTC(2200, 0, 1)))).path).toEqual(['to']);
    expect(clock.now().toISOString()).toBe('2199-12-31T23:59:59.999Z');
  });

  it('refuses a move that would leave it (1e6 years: no Invalid Date, no RangeError), and does not move', () => {
    const clock = createTestClock('2026-01-01T00:00:00Z');
    const moves: [object, (string | number)[]][] = [
      [{ years: 1_000_000 }, ['by', 'years']], // more than the whole range in one part
      [{ years: 174 }, ['by']], // 2200-01-01: the first instant out
      [{ days: 64_000 }, ['by']],
      [{ seconds: 5_500_000_000 }, ['by']],
    ];
    for (const [by, path] of moves) {
      const error = thrown(() => clock.advance(by));
      expect([error.code, error.path], JSON.stringify(by)).toEqual(['invalid_input', path]);
    }
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    // Up to the last instant before 2200 is fine.
    expect(clock.advance({ years: 173, months: 11, days: 30, hours: 23, minutes: 59, seconds: 59 }).toISOString()).toBe(
      '2199-12-31T23:59:59.000Z',
    );
  });
});
