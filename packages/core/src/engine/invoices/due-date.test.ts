import { describe, expect, it } from 'vitest';
import { dueDate } from './due-date';

describe('dueDate', () => {
  it('is the end of the local day, payment terms after issue', () => {
    expect(dueDate('2026-01-10T09:00:00.000Z', 14, 'Europe/Berlin')).toBe('2026-01-24T22:59:59.999Z');
    expect(dueDate('2026-01-10T09:00:00.000Z', 0, 'UTC')).toBe('2026-01-10T23:59:59.999Z');
    // 23:30 UTC on 10 Jan is already 11 Jan in Berlin: due 25 Jan local
    expect(dueDate('2026-01-10T23:30:00.000Z', 14, 'Europe/Berlin')).toBe('2026-01-25T22:59:59.999Z');
    // across the spring DST change in New York (UTC−5 → UTC−4)
    expect(dueDate('2026-03-01T15:00:00.000Z', 30, 'America/New_York')).toBe('2026-04-01T03:59:59.999Z');
  });
});
