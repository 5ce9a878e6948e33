import type { StorageSession, Subscription, UsageEvent } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectDecimal, idsOf, readAll } from '../assertions';
import { makeUsageEvent } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { insertSubscription } from './parents';

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-02-01T00:00:00.000Z';

/** An `api_call` event of the subscription with a `quantity`. */
function event(sub: Subscription, id: string, timestamp: string, quantity = '1'): UsageEvent {
  return makeUsageEvent({
    id,
    customerId: sub.customerId,
    subscriptionId: sub.id,
    timestamp,
    properties: { quantity },
  });
}

async function sumOf(session: StorageSession, sub: Subscription): Promise<string> {
  const [sum] = await session.usage.aggregate([
    { subscriptionId: sub.id, eventName: 'api_call', aggregation: 'sum', property: 'quantity', from: FROM, to: TO },
  ]);
  return sum as string;
}

/** The keys (customer, id) of events, as `insertMany` reports them. */
const keys = (...events: UsageEvent[]) => events.map((e) => ({ customerId: e.customerId, id: e.id }));

/** Suite `usage`: idempotent ingestion (event ids scoped per customer) and listing a period's events. */
export function usageSuite(kit: KitContext): void {
  it('insertMany reports inserted and duplicate keys (customer, id) in input order', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const [a, b, c, d] = ['kit_evt_a', 'kit_evt_b', 'kit_evt_c', 'kit_evt_d'].map((id) =>
      event(sub, id, '2026-01-10T00:00:00.000Z'),
    ) as [UsageEvent, UsageEvent, UsageEvent, UsageEvent];
    expect(await storage.usage.insertMany([b, a])).toEqual({ inserted: keys(b, a), duplicates: [] });
    expect(await storage.usage.insertMany([d, a, c, b])).toEqual({ inserted: keys(d, c), duplicates: keys(a, b) });
    expect(await storage.usage.insertMany([])).toEqual({ inserted: [], duplicates: [] });
    expectDecimal(await sumOf(storage, sub), '4');
  });

  it('a duplicate key inside one batch is skipped: the first write of a key wins', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const first = event(sub, 'kit_evt_1', '2026-01-10T00:00:00.000Z', '5');
    const again = event(sub, 'kit_evt_1', '2026-01-11T00:00:00.000Z', '500');
    expect(await storage.usage.insertMany([first, again])).toEqual({ inserted: keys(first), duplicates: keys(again) });
    expect(await storage.usage.insertMany([{ ...again, properties: { quantity: '7' } }])).toEqual({
      inserted: [],
      duplicates: keys(again),
    });
    expectDecimal(await sumOf(storage, sub), '5');
    const page = await storage.usage.list({ subscriptionId: sub.id, from: FROM, to: TO });
    expect(page.items).toStrictEqual([first]);
  });

  it('event ids are scoped per customer: another customer’s event with the same id is a new event', async () => {
    const storage = kit.storage();
    const one = await insertSubscription(storage);
    const two = await insertSubscription(storage);
    expect(one.customerId).not.toBe(two.customerId);
    const mine = event(one, 'kit_evt_x', '2026-01-10T00:00:00.000Z', '3');
    const theirs = event(two, 'kit_evt_x', '2026-01-10T00:00:00.000Z', '4');
    expect(await storage.usage.insertMany([mine])).toEqual({ inserted: keys(mine), duplicates: [] });
    expect(await storage.usage.insertMany([theirs, mine])).toEqual({ inserted: keys(theirs), duplicates: keys(mine) });
    // In one batch too: two customers, one id, two events.
    const [third, fourth] = [one, two].map((sub) => event(sub, 'kit_evt_y', '2026-01-11T00:00:00.000Z'));
    expect(await storage.usage.insertMany([third as UsageEvent, fourth as UsageEvent])).toEqual({
      inserted: keys(third as UsageEvent, fourth as UsageEvent),
      duplicates: [],
    });
    expectDecimal(await sumOf(storage, one), '4');
    expectDecimal(await sumOf(storage, two), '5');
    expect((await storage.usage.list({ subscriptionId: two.id, from: FROM, to: TO })).items).toStrictEqual([
      theirs,
      fourth,
    ]);
  });

  it('within one customer an id is one event across subscriptions, and without a subscription', async () => {
    const storage = kit.storage();
    const one = await insertSubscription(storage);
    const other = await insertSubscription(storage, { customerId: one.customerId });
    const first = event(one, 'kit_evt_x', '2026-01-10T00:00:00.000Z');
    await storage.usage.insertMany([first]);
    const again = event(other, 'kit_evt_x', '2026-01-10T00:00:00.000Z');
    expect(await storage.usage.insertMany([again])).toEqual({ inserted: [], duplicates: keys(again) });
    const loose = makeUsageEvent({ id: 'kit_evt_loose', customerId: one.customerId });
    expect(await storage.usage.insertMany([loose])).toEqual({ inserted: keys(loose), duplicates: [] });
    expect(await storage.usage.insertMany([loose])).toEqual({ inserted: [], duplicates: keys(loose) });
    expect((await storage.usage.list({ subscriptionId: other.id, from: FROM, to: TO })).items).toEqual([]);
  });

  it('list returns one subscription’s events in [from, to), by timestamp then id, field for field', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const other = await insertSubscription(storage);
    const inRange = [
      event(sub, 'kit_evt_3', FROM),
      event(sub, 'kit_evt_2', '2026-01-15T12:00:00.000Z'),
      event(sub, 'kit_evt_1', '2026-01-15T12:00:00.000Z'),
      event(sub, 'kit_evt_0', '2026-01-31T23:59:59.999Z'),
      { ...event(sub, 'kit_evt_9', '2026-01-20T00:00:00.000Z'), eventName: 'storage_gb' },
    ];
    await storage.usage.insertMany([
      event(sub, 'kit_evt_at_to', TO),
      ...inRange,
      event(sub, 'kit_evt_before', '2025-12-31T23:59:59.999Z'),
      event(other, 'kit_evt_other', '2026-01-10T00:00:00.000Z'),
    ]);
    const page = await storage.usage.list({ subscriptionId: sub.id, from: FROM, to: TO });
    expect(idsOf(page)).toEqual(['kit_evt_3', 'kit_evt_1', 'kit_evt_2', 'kit_evt_9', 'kit_evt_0']);
    expect(page.items[0]).toStrictEqual(inRange[0]);
    expect(page.nextCursor).toBeUndefined();
  });

  it('list pages by timestamp then id without duplicates or gaps', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const events = Array.from({ length: 11 }, (_, index) =>
      event(
        sub,
        `kit_evt_${String(20 - index).padStart(2, '0')}`,
        `2026-01-${String(10 + (index % 4)).padStart(2, '0')}T00:00:00.000Z`,
      ),
    );
    await storage.usage.insertMany(events);
    const expected = [...events]
      .sort((a, b) => (a.timestamp === b.timestamp ? (a.id < b.id ? -1 : 1) : a.timestamp < b.timestamp ? -1 : 1))
      .map((e) => e.id);
    const { items, pages } = await readAll(
      (cursor) => storage.usage.list({ subscriptionId: sub.id, from: FROM, to: TO, limit: 4, cursor }),
      4,
    );
    expect(items.map((e) => e.id)).toEqual(expected);
    expect(pages.map((page) => page.items.length)).toEqual([4, 4, 3]);
  });
}
