import { describe, expect, it } from 'vitest';
import { statementMonth } from './statement-month';

describe('statementMonth', () => {
  // 23:30 UTC on 28 February 2026 is already 1 March in Berlin, still February in New York.
  const now = new Date('2026-02-28T23:30:00Z');

  it('gives a past month whole, as of its end (buildStatement decides)', () => {
    expect(statementMonth('2026-02', now, 'Europe/Berlin')).toEqual({
      period: { start: '2026-02-01', end: '2026-02-28' },
    });
    expect(statementMonth('2028-02', new Date('2028-03-15T00:00:00Z'), 'UTC').period.end).toBe('2028-02-29');
    expect(statementMonth('2025-12', now, 'UTC').period).toEqual({ start: '2025-12-01', end: '2025-12-31' });
  });

  it('gives the month under way as of now, in the customer’s time zone', () => {
    expect(statementMonth('2026-03', now, 'Europe/Berlin')).toEqual({
      period: { start: '2026-03-01', end: '2026-03-31' },
      asOf: '2026-02-28T23:30:00.000Z',
    });
    expect(statementMonth('2026-02', now, 'America/New_York').asOf).toBe('2026-02-28T23:30:00.000Z');
  });

  it('refuses a month not begun yet where the customer lives', () => {
    expect(() => statementMonth('2026-03', now, 'America/New_York')).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['params', 'month'] }),
    );
  });
});
