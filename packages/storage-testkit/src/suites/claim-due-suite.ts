import type { StorageSession, Subscription } from '@billfold/core';
import { expect, it } from 'vitest';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertSubscription } from './parents';

const NOW = '2026-02-10T00:00:00.000Z';
const LATER = '2026-03-10T00:00:00.000Z';

/** Stores subscriptions of one customer with these ids and `nextBillingAt` values (none when undefined). */
async function subscriptionsDue(
  session: StorageSession,
  rows: readonly [string, string | undefined][],
): Promise<Subscription[]> {
  const customer = await insertCustomer(session);
  const stored: Subscription[] = [];
  for (const [id, nextBillingAt] of rows) {
    const subscription = await insertSubscription(session, { id, customerId: customer.id, nextBillingAt });
    if (nextBillingAt === undefined) delete (subscription as { nextBillingAt?: string }).nextBillingAt;
    stored.push(subscription);
  }
  return stored;
}

/** Claims up to `limit` due subscriptions in `session` and moves each one's `nextBillingAt` to LATER. */
async function claimAndAdvance(session: StorageSession, limit: number): Promise<string[]> {
  const claimed = await session.subscriptions.claimDue({ now: NOW, limit });
  for (const subscription of claimed) {
    await session.subscriptions.update({ ...subscription, nextBillingAt: LATER, version: subscription.version + 1 });
  }
  return claimed.map((subscription) => subscription.id);
}

const ids = (subscriptions: readonly Subscription[]) => subscriptions.map((subscription) => subscription.id);

/** Suite `claimDue`: which subscriptions a billing run claims, in what order, and exclusively. */
export function claimDueSuite(kit: KitContext): void {
  it('claims due subscriptions only (nextBillingAt <= now), oldest first, then by id, up to limit', async () => {
    const storage = kit.storage();
    const stored = await subscriptionsDue(storage, [
      ['kit_sub_a', '2026-02-01T00:00:00.000Z'],
      ['kit_sub_b', '2026-01-15T00:00:00.000Z'],
      ['kit_sub_c', '2026-02-01T00:00:00.000Z'],
      ['kit_sub_d', NOW],
      ['kit_sub_e', '2026-02-10T00:00:00.001Z'],
      ['kit_sub_f', undefined],
      ['kit_sub_g', '2025-12-01T00:00:00.000Z'],
    ]);
    await storage.transaction(async (session) => {
      const all = await session.subscriptions.claimDue({ now: NOW, limit: 10 });
      expect(ids(all)).toEqual(['kit_sub_g', 'kit_sub_b', 'kit_sub_a', 'kit_sub_c', 'kit_sub_d']);
      expect(all[0]).toStrictEqual(stored[6]);
    });
    await storage.transaction(async (session) => {
      expect(ids(await session.subscriptions.claimDue({ now: NOW, limit: 3 }))).toEqual([
        'kit_sub_g',
        'kit_sub_b',
        'kit_sub_a',
      ]);
    });
    await storage.transaction(async (session) => {
      expect(await session.subscriptions.claimDue({ now: '2025-01-01T00:00:00.000Z', limit: 10 })).toEqual([]);
    });
  });

  it('claims past a position (due instant, then id) with after', async () => {
    const storage = kit.storage();
    await subscriptionsDue(storage, [
      ['kit_sub_a', '2026-02-01T00:00:00.000Z'],
      ['kit_sub_b', '2026-01-15T00:00:00.000Z'],
      ['kit_sub_c', '2026-02-01T00:00:00.000Z'],
      ['kit_sub_d', NOW],
      ['kit_sub_g', '2025-12-01T00:00:00.000Z'],
    ]);
    const past = (at: string, id: string, limit = 10) =>
      storage.transaction(async (session) =>
        ids(await session.subscriptions.claimDue({ now: NOW, limit, after: { at, id } })),
      );
    expect(await past('2026-02-01T00:00:00.000Z', 'kit_sub_a')).toEqual(['kit_sub_c', 'kit_sub_d']);
    expect(await past('2026-01-15T00:00:00.000Z', 'kit_sub_b', 2)).toEqual(['kit_sub_a', 'kit_sub_c']);
    expect(await past('2025-11-01T00:00:00.000Z', 'kit_sub_z', 1)).toEqual(['kit_sub_g']);
    expect(await past(NOW, 'kit_sub_d')).toEqual([]);
  });

  it('follows updates: a moved or removed nextBillingAt changes what is due', async () => {
    const storage = kit.storage();
    const [a, b, c] = (await subscriptionsDue(storage, [
      ['kit_sub_a', '2026-02-01T00:00:00.000Z'],
      ['kit_sub_b', LATER],
      ['kit_sub_c', '2026-01-01T00:00:00.000Z'],
    ])) as [Subscription, Subscription, Subscription];
    await storage.subscriptions.update({ ...a, nextBillingAt: LATER, version: 2 });
    await storage.subscriptions.update({ ...b, nextBillingAt: '2026-01-20T00:00:00.000Z', version: 2 });
    const { nextBillingAt: _gone, ...ended } = c;
    await storage.subscriptions.update({ ...ended, status: 'canceled', version: 2 });
    await storage.transaction(async (session) => {
      expect(ids(await session.subscriptions.claimDue({ now: NOW, limit: 10 }))).toEqual(['kit_sub_b']);
    });
  });

  it('claim-and-advance in one transaction after another bills each subscription once', async () => {
    const storage = kit.storage();
    await subscriptionsDue(storage, [
      ['kit_sub_1', '2026-01-01T00:00:00.000Z'],
      ['kit_sub_2', '2026-01-02T00:00:00.000Z'],
      ['kit_sub_3', '2026-01-03T00:00:00.000Z'],
    ]);
    expect(await storage.transaction((session) => claimAndAdvance(session, 2))).toEqual(['kit_sub_1', 'kit_sub_2']);
    expect(await storage.transaction((session) => claimAndAdvance(session, 2))).toEqual(['kit_sub_3']);
    expect(await storage.transaction((session) => claimAndAdvance(session, 2))).toEqual([]);
  });

  it('a rolled-back claim-and-advance leaves the subscriptions due', async () => {
    const storage = kit.storage();
    await subscriptionsDue(storage, [
      ['kit_sub_1', '2026-01-01T00:00:00.000Z'],
      ['kit_sub_2', '2026-01-02T00:00:00.000Z'],
    ]);
    const boom = new Error('billing failed');
    await expect(
      storage.transaction(async (session) => {
        await claimAndAdvance(session, 10);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.transaction((session) => claimAndAdvance(session, 10))).toEqual(['kit_sub_1', 'kit_sub_2']);
  });

  it('concurrent claim-and-advance transactions get disjoint sets that cover every due subscription', async () => {
    const storage = kit.storage();
    const due = await subscriptionsDue(
      storage,
      Array.from({ length: 9 }, (_, index) => [`kit_sub_${index}`, `2026-01-0${index + 1}T00:00:00.000Z`] as const),
    );
    await subscriptionsDue(storage, [['kit_sub_later', LATER]]);
    const claims = await Promise.all(
      [1, 2, 3].map(() => storage.transaction((session) => claimAndAdvance(session, 3))),
    );
    const all = claims.flat();
    expect(new Set(all).size, `claims overlap: ${JSON.stringify(claims)}`).toBe(all.length);
    expect([...all].sort()).toEqual(ids(due).sort());
  });
}
