import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../domain/subscription';
import type { MemoryStorage } from '../../storage/memory-storage';
import type { BillingStorageAdapter, StorageSession } from '../../storage/storage-adapter';
import { createCycleFixture } from './cycle-fixture';

/** One `subscriptions.updateMany` call of a run: each record, the stored one it replaced, and the hint. */
interface UpdateCall {
  readonly pairs: readonly { readonly before: Subscription; readonly after: Subscription }[];
  readonly changed: readonly string[] | undefined;
}

/** A memory storage whose sessions record every `subscriptions.updateMany` call with the records it replaced. */
function recordingUpdates(memory: MemoryStorage, calls: UpdateCall[]): BillingStorageAdapter {
  const session = (inner: StorageSession): StorageSession =>
    new Proxy(inner, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property !== 'subscriptions') return value;
        const subscriptions = value as StorageSession['subscriptions'];
        return new Proxy(subscriptions, {
          get(repository, method) {
            const fn = Reflect.get(repository, method, repository);
            if (method !== 'updateMany') return typeof fn === 'function' ? fn.bind(repository) : fn;
            return async (records: readonly Subscription[], changed?: readonly string[]) => {
              const pairs = await Promise.all(
                records.map(async (after) => ({ before: (await repository.get(after.id)) as Subscription, after })),
              );
              calls.push({ pairs, changed });
              return subscriptions.updateMany(records, changed as (keyof Subscription & string)[] | undefined);
            };
          },
        });
      },
    });
  return new Proxy(memory, {
    get(object, property) {
      if (property === 'transaction') {
        return <T>(work: (s: StorageSession) => Promise<T>) => memory.transaction((s) => work(session(s)));
      }
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  }) as BillingStorageAdapter;
}

/** The fields whose values differ between two records (absent on one side counts). */
function differing(before: Subscription, after: Subscription): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !isDeepStrictEqual(a[key], b[key]));
}

describe('the billing run’s hint to subscriptions.updateMany', () => {
  it('names every field that differs from the stored subscription, whatever the boundary does', async () => {
    const calls: UpdateCall[] = [];
    const f = await createCycleFixture({
      start: '2026-01-01T00:00:00Z',
      wrap: (memory) => recordingUpdates(memory, calls),
    });
    const { subscriptions, prices } = f;
    const customer = async (n: number) => (await f.addCustomer(`cus_hint_${n}`)).id;
    const plain = await subscriptions.create({ customerId: await customer(1), items: [{ priceId: prices.basic.id }] });
    const ending = await subscriptions.create({ customerId: await customer(2), items: [{ priceId: prices.plus.id }] });
    await subscriptions.cancel({ subscriptionId: ending.subscription.id, atPeriodEnd: true });
    const changing = await subscriptions.create({ customerId: await customer(3), items: [{ priceId: prices.basic.id }] });
    await subscriptions.scheduleChange({ subscriptionId: changing.subscription.id, items: [{ priceId: prices.pro.id }] });
    const paused = await subscriptions.create({ customerId: await customer(4), items: [{ priceId: prices.basic.id }] });
    await subscriptions.pause({
      subscriptionId: paused.subscription.id,
      behavior: 'restart',
      at: '2026-01-15T00:00:00Z',
      resumeAt: '2026-02-10T00:00:00Z',
    });
    const trial = await subscriptions.create({
      customerId: await customer(5),
      items: [{ priceId: prices.pro.id }],
      trialDays: 14,
    });
    const pending = await subscriptions.create({ customerId: await customer(6), items: [{ priceId: prices.seat.id }] });
    await subscriptions.addPendingItem({ subscriptionId: pending.subscription.id, description: 'Setup', amount: '50.00' });
    const coupon = await f.billing.catalog.coupons.create({ name: 'Two months', percentOff: '10', duration: 'repeating', durationPeriods: 2 });
    const discounted = await subscriptions.create({
      customerId: await customer(7),
      items: [{ priceId: prices.basic.id }, { priceId: prices.data.id }],
      couponId: coupon.id,
    });
    calls.length = 0;
    f.clock.set('2026-03-01T00:00:00Z');
    const summary = await f.run();
    expect(summary.errors).toEqual([]);

    const updated = new Set(calls.flatMap((call) => call.pairs.map((pair) => pair.after.id)));
    for (const s of [plain, ending, changing, paused, trial, pending, discounted]) {
      expect(updated.has(s.subscription.id)).toBe(true);
    }
    const missed: string[] = [];
    const seen = new Set<string>();
    for (const call of calls) {
      expect(call.changed).toBeDefined();
      for (const { before, after } of call.pairs) {
        for (const field of differing(before, after)) {
          seen.add(field);
          if (!call.changed?.includes(field)) missed.push(`${after.id}.${field}`);
        }
      }
    }
    expect(missed).toEqual([]);
    // The cases above move more than the period: a wrong hint here would lose these.
    for (const field of ['status', 'items', 'scheduledChanges', 'pendingLines', 'pause', 'couponPeriodsUsed', 'endedAt']) {
      expect(seen).toContain(field);
    }
  });
});
