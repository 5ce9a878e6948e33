import type { Subscription } from '@billfold/core';
import { expect, it } from 'vitest';
import { createPostgresStorage } from '../src/index';
import { describeServer, dropSchema, freshSchema, newPool, pgliteBackend } from './support/backends';
import { subscription } from './support/records';

const NOW = '2026-03-01T00:00:00.000Z';

/** A promise and its resolver: a barrier the concurrent transactions meet at. */
function barrier(): { reached: Promise<void>; open: () => void } {
  let open = () => {};
  const reached = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { reached, open };
}

describeServer('claimDue with two processes', () => {
  it('two adapters on two pools claim disjoint sets while both hold their claims, in due order', async () => {
    const schema = freshSchema();
    const pools = [newPool(3), newPool(3), newPool(3)];
    const [a, b, c] = await Promise.all(pools.map((pool) => createPostgresStorage({ pool, schema })));
    if (a === undefined || b === undefined || c === undefined) throw new Error('three adapters');
    try {
      expect(a.capabilities.transactions).toBe('concurrent');
      const due = Array.from({ length: 10 }, (_, i) =>
        subscription({
          id: `sub_${String(9 - i)}`,
          nextBillingAt: `2026-02-${String(10 + (i % 5)).padStart(2, '0')}T00:00:00.000Z`,
        }),
      );
      const later = subscription({ nextBillingAt: '2026-03-01T00:00:00.001Z' });
      const ended = subscription({ nextBillingAt: undefined });
      for (const record of [...due, later, ended]) await a.subscriptions.insert(record);

      const bothClaimed = barrier();
      let claimedCount = 0;
      const claimAndHold = (storage: typeof a) =>
        storage.transaction(async (tx) => {
          const claimed = await tx.subscriptions.claimDue({ now: NOW, limit: 4 });
          claimedCount += 1;
          if (claimedCount === 2) bothClaimed.open();
          await bothClaimed.reached;
          await tx.subscriptions.updateMany(
            claimed.map((s) => ({ ...s, nextBillingAt: '2026-04-01T00:00:00.000Z', version: s.version + 1 })),
          );
          return claimed;
        });
      const claimsOfA = claimAndHold(a);
      const claimsOfB = claimAndHold(b);
      await bothClaimed.reached;
      // While A and B hold 8 rows, a third process gets what is left.
      const rest = await c.transaction((tx) => tx.subscriptions.claimDue({ now: NOW, limit: 10 }));
      const [first, second] = await Promise.all([claimsOfA, claimsOfB]);
      const ids = (list: Subscription[]) => list.map((s) => s.id);
      const all = [...ids(first), ...ids(second), ...ids(rest)];
      expect(first).toHaveLength(4);
      expect(second).toHaveLength(4);
      expect(new Set(all).size).toBe(10);
      expect([...all].sort()).toEqual(ids(due).sort());
      const order = (list: Subscription[]) =>
        [...list].sort(
          (x, y) => (x.nextBillingAt ?? '').localeCompare(y.nextBillingAt ?? '') || (x.id < y.id ? -1 : 1),
        );
      for (const claimed of [first, second, rest]) expect(ids(claimed)).toEqual(ids(order(claimed)));
      expect(await a.transaction((tx) => tx.subscriptions.claimDue({ now: NOW, limit: 100 }))).toEqual(rest);
    } finally {
      await dropSchema(a);
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});

it('PGlite declares serial transactions and still claims in due order', async () => {
  const storage = await pgliteBackend.storage();
  expect(storage.capabilities.transactions).toBe('serial');
  const records = [
    subscription({ id: 'sub_b', nextBillingAt: '2026-02-01T00:00:00.000Z' }),
    subscription({ id: 'sub_a', nextBillingAt: '2026-02-01T00:00:00.000Z' }),
    subscription({ id: 'sub_0', nextBillingAt: '2026-02-02T00:00:00.000Z' }),
    subscription({ id: 'sub_z', nextBillingAt: '2026-01-01T00:00:00.000Z' }),
  ];
  for (const record of records) await storage.subscriptions.insert(record);
  const claimed = await storage.transaction((tx) => tx.subscriptions.claimDue({ now: NOW, limit: 3 }));
  expect(claimed.map((s) => s.id)).toEqual(['sub_z', 'sub_a', 'sub_b']);
  await dropSchema(storage);
});
