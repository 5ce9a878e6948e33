import { describe, expect, it } from 'vitest';
import { createTestClock } from '../clock/test-clock';
import { IdSchema } from '../domain/common';
import { createIdGenerator } from './ids';

describe('createIdGenerator', () => {
  it('mints prefixed ids that sort by creation, also while the clock stands still or goes back', () => {
    const clock = createTestClock('2026-01-10T09:00:00Z');
    const ids = createIdGenerator(clock);
    const minted: string[] = [];
    for (let i = 0; i < 500; i++) minted.push(ids('inv'));
    clock.advance({ seconds: 1 });
    minted.push(ids('inv'));
    clock.set('2025-01-01T00:00:00Z');
    minted.push(ids('inv'));
    expect([...minted].sort()).toEqual(minted);
    expect(new Set(minted).size).toBe(minted.length);
    for (const id of minted) {
      expect(id).toMatch(/^inv_[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(IdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('encodes the clock time first, so ids of later instants sort after', () => {
    const a = createIdGenerator(createTestClock('2026-01-10T09:00:00Z'))('cus');
    const b = createIdGenerator(createTestClock('2026-01-10T09:00:00.001Z'))('cus');
    expect(a < b).toBe(true);
    expect(a.slice(4, 14)).toBe('01KEKJ4HM0'); // 1768035600000 ms in Crockford base32
  });
});
