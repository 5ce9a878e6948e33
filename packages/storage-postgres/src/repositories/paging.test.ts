import { isBillingError } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { decodeEventCursor, decodeIdCursor, encodeEventCursor, pageLimit } from './paging';

describe('paging', () => {
  it('round-trips an event cursor, staying under the 200 characters a page request allows', () => {
    const id = 'e'.repeat(128);
    const cursor = encodeEventCursor('2026-01-31T23:59:59.999Z', id);
    expect(cursor.length).toBeLessThanOrEqual(200);
    expect(decodeEventCursor(cursor)).toEqual({ timestamp: '2026-01-31T23:59:59.999Z', id });
  });

  it('refuses cursors it did not make', () => {
    for (const bad of ['', 'x~', '~id', 'zzzzzzzzzzzzz~id', 'abc~id with space']) {
      expect(() => decodeEventCursor(bad)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
    expect(() => decodeIdCursor("a'b")).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(decodeIdCursor('cus_01J:x.y-z')).toBe('cus_01J:x.y-z');
  });

  it('defaults the limit to 100 and allows 1 to 1000', () => {
    expect(pageLimit({})).toBe(100);
    expect(pageLimit({ limit: 1000 })).toBe(1000);
    for (const limit of [0, 1001, 2.5]) {
      let error: unknown;
      try {
        pageLimit({ limit });
      } catch (caught) {
        error = caught;
      }
      expect(isBillingError(error) && error.path).toEqual(['limit']);
    }
  });
});
