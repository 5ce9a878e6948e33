import { describe, expect, it } from 'vitest';
import { listAll } from './list-all';

describe('listAll', () => {
  it('follows cursors to the last page and keeps the order', async () => {
    const ids = Array.from({ length: 2503 }, (_, i) => `id_${String(i).padStart(5, '0')}`);
    const requests: { limit: number; cursor?: string }[] = [];
    const all = await listAll(async (page) => {
      requests.push(page);
      const start = page.cursor === undefined ? 0 : ids.indexOf(page.cursor) + 1;
      const items = ids.slice(start, start + page.limit);
      const last = items.at(-1);
      return start + page.limit < ids.length && last !== undefined ? { items, nextCursor: last } : { items };
    });
    expect(all).toEqual(ids);
    // 2503 items at 1000 a page: three requests, the first without a cursor
    expect(requests.map((r) => r.cursor)).toEqual([undefined, 'id_00999', 'id_01999']);
    expect(requests.every((r) => r.limit === 1000)).toBe(true);
  });
});
