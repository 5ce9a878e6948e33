import type {
  BillingStorageAdapter,
  StorageSession,
  Subscription,
  SubscriptionLockMatch,
  SubscriptionUsageTerms,
} from '@billfold/core';
import { expect } from 'vitest';
import { expectBillingError } from '../assertions';
import { insertCustomer, insertSubscription } from '../suites/parents';
import { answeredWhileHeld, contendWhileHeld, EventLog, hold, whileHeld } from './overlap';
import { type ConcurrencyRule, EVERY_MODE } from './rule';

const NOW = '2026-02-10T00:00:00.000Z';

/** Why a rule of `lockForUsage` does not apply: the adapter does not have the optional operation. */
const withoutLockForUsage = (storage: BillingStorageAdapter) =>
  storage.subscriptions.lockForUsage === undefined
    ? 'subscriptions.lockForUsage is optional and this adapter does not have it (ingestion lists and locks instead)'
    : undefined;

/** `subscriptions.lockForUsage`, which every rule here runs only where the adapter has it. */
const lockForUsage = (session: StorageSession, match: SubscriptionLockMatch) =>
  (session.subscriptions.lockForUsage as NonNullable<StorageSession['subscriptions']['lockForUsage']>)(match);

/** What `lockForUsage` gives back of a subscription: its usage terms, as stored. */
const terms = (subscription: Subscription): SubscriptionUsageTerms => ({
  id: subscription.id,
  customerId: subscription.customerId,
  currency: subscription.currency,
  status: subscription.status,
  items: subscription.items,
  currentPeriodStart: subscription.currentPeriodStart,
  currentPeriodEnd: subscription.currentPeriodEnd,
  ...(subscription.nextBillingAt === undefined ? {} : { nextBillingAt: subscription.nextBillingAt }),
  ...(subscription.endedAt === undefined ? {} : { endedAt: subscription.endedAt }),
  cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
  ...(subscription.pause === undefined ? {} : { pause: subscription.pause }),
  ...(subscription.scheduledChanges === undefined ? {} : { scheduledChanges: subscription.scheduledChanges }),
});

/** Only the usage terms of what came back (a whole subscription is allowed too), for comparison. */
const termsOf = (locked: readonly SubscriptionUsageTerms[]) => locked.map((row) => terms(row as Subscription));

/**
 * Two customers: the first with two subscriptions (`kit_usage_sub_1`, `_3`), the second with one (`_2`), and a third
 * customer's subscription (`_4`); all due at NOW.
 */
async function subscriptionsOfCustomers(storage: BillingStorageAdapter) {
  const [first, second, third] = [
    await insertCustomer(storage),
    await insertCustomer(storage),
    await insertCustomer(storage),
  ];
  const subscription = (n: number, customerId: string) =>
    insertSubscription(storage, { id: `kit_usage_sub_${n}`, customerId, nextBillingAt: `2026-01-0${n}T00:00:00.000Z` });
  const one = await subscription(1, first.id);
  const two = await subscription(2, second.id);
  const three = await subscription(3, first.id);
  const four = await subscription(4, third.id);
  return { customers: [first, second, third], subscriptions: [one, two, three, four] as const };
}

/** The rules of the optional `subscriptions.lockForUsage` (usage ingestion's share lock, rule L3). */
export const usageLockRules: readonly ConcurrencyRule[] = [
  {
    name: 'subscriptions.lockForUsage returns the named subscriptions and all of the customers’: ascending, each once, as stored',
    modes: EVERY_MODE,
    unless: withoutLockForUsage,
    async check(storage) {
      const { customers, subscriptions } = await subscriptionsOfCustomers(storage);
      const [one, two, three, four] = subscriptions;
      const locked = await storage.transaction((session) =>
        lockForUsage(session, {
          ids: [four.id, 'kit_usage_sub_missing', one.id],
          customerIds: [(customers[0] as { id: string }).id, 'cus_kit_missing', (customers[0] as { id: string }).id],
        }),
      );
      expect(termsOf(locked)).toStrictEqual([one, three, four].map(terms));
      const byCustomer = await storage.transaction((session) =>
        lockForUsage(session, { ids: [], customerIds: [(customers[1] as { id: string }).id] }),
      );
      expect(termsOf(byCustomer)).toStrictEqual([terms(two)]);
      expect(await storage.transaction((session) => lockForUsage(session, { ids: [], customerIds: [] }))).toEqual([]);
    },
  },
  {
    name: 'subscriptions.lockForUsage outside a transaction is refused with invalid_state',
    modes: EVERY_MODE,
    unless: withoutLockForUsage,
    async check(storage) {
      const { subscriptions } = await subscriptionsOfCustomers(storage);
      await expectBillingError(lockForUsage(storage, { ids: [subscriptions[0].id], customerIds: [] }), 'invalid_state');
    },
  },
  {
    name: 'subscriptions.lockForUsage takes share locks: claimDue skips the rows at once, another share lock does not wait, an update waits',
    modes: ['concurrent'],
    unless: withoutLockForUsage,
    async check(storage) {
      const { customers, subscriptions } = await subscriptionsOfCustomers(storage);
      const [one, , three] = subscriptions;
      const share = (session: StorageSession) =>
        lockForUsage(session, { ids: [], customerIds: [(customers[0] as { id: string }).id] });
      const claimed = await whileHeld(hold(storage, share), () =>
        storage.transaction((session) => session.subscriptions.claimDue({ now: NOW, limit: 10 })),
      );
      expect(
        claimed.map((s) => s.id),
        'claimDue skips the customer’s share-locked rows',
      ).toEqual(['kit_usage_sub_2', 'kit_usage_sub_4']);
      const other = await answeredWhileHeld(storage, hold(storage, share), (session) =>
        session.subscriptions.lock([one.id], 'share'),
      );
      expect(other).toStrictEqual([one]);
      const log = new EventLog();
      const updated = { ...three, status: 'paused' as const, version: three.version + 1 };
      await contendWhileHeld(storage, hold(storage, share), log, async (session) => {
        await session.subscriptions.update(updated);
        log.note('contender updated');
      });
      expect(log.events, 'the update went through once the share lock ended').toEqual([
        'holder ends',
        'contender updated',
      ]);
    },
  },
  {
    name: 'subscriptions.lockForUsage waits for a claimed subscription and then reads what the claim wrote',
    modes: ['concurrent'],
    unless: withoutLockForUsage,
    async check(storage) {
      const { subscriptions } = await subscriptionsOfCustomers(storage);
      const [one] = subscriptions;
      const billed: Subscription = {
        ...one,
        currentPeriodStart: one.currentPeriodEnd,
        currentPeriodEnd: '2026-03-15T10:00:00.000Z',
        nextBillingAt: '2026-03-15T10:00:00.000Z',
        version: one.version + 1,
      };
      const log = new EventLog();
      const holder = hold(storage, async (session) => {
        const held = await session.subscriptions.claimDue({ now: NOW, limit: 1 });
        await session.subscriptions.update(billed);
        return held;
      });
      const seen = await contendWhileHeld(storage, holder, log, async (session) => {
        const rows = await lockForUsage(session, { ids: [one.id], customerIds: [] });
        log.note('contender locked');
        return rows;
      });
      expect((await holder.holding).map((s) => s.id)).toEqual([one.id]);
      expect(log.events).toEqual(['holder ends', 'contender locked']);
      expect(termsOf(seen), 'it reads the row as the claim committed it').toStrictEqual([terms(billed)]);
    },
  },
];
