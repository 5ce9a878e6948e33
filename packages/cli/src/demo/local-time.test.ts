import { describe, expect, it } from 'vitest';
import { localMidnight } from './local-time';

describe('localMidnight', () => {
  it('finds the UTC instant a local day begins, in winter and in summer time', () => {
    expect(localMidnight(2026, 1, 1, 'Europe/Berlin')).toBe('2025-12-31T23:00:00.000Z');
    expect(localMidnight(2026, 7, 1, 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
    expect(localMidnight(2026, 1, 1, 'America/New_York')).toBe('2026-01-01T05:00:00.000Z');
    expect(localMidnight(2026, 4, 1, 'America/Chicago')).toBe('2026-04-01T05:00:00.000Z');
    expect(localMidnight(2026, 3, 1, 'UTC')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('handles a day on which the clocks change', () => {
    // New York springs forward at 02:00 on 8 March 2026: the day still begins at 00:00 EST.
    expect(localMidnight(2026, 3, 8, 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
  });
});
