import type { BillingStorageAdapter, StorageSession, Subscription } from '@billfold/core';
import { expect } from 'vitest';
import { expectBillingError } from '../assertions';
import { insertCustomer, insertSubscription } from '../suites/parents';
import { answeredWhileHeld, contendWhileHeld, EventLog, hold, whileHeld } from './overlap';
import { type ConcurrencyRule, EVERY_MODE } from './rule';

const NOW = '2026-02-10T00:00:00.000Z';
const NEXT_PERIOD = '2026-03-15T10:00:00.000Z';
const ids = (subscriptions: readonly Subscription[]) => subscriptions.map((subscription) => subscription.id);

/** `count` subscriptions of one customer, all due at NOW, oldest first: `kit_lock_sub_1` … */
async function due(storage: BillingStorageAdapter, count: number): Promise<Subscription[]> {
  const customer = await insertCustomer(storage);
  const stored: Subscription[] = [];
  for (let n = 1; n <= count; n++) {
    const nextBillingAt = `2026-01-0${n}T00:00:00.000Z`;
    stored.push(await insertSubscription(storage, { id: `kit_lock_sub_${n}`, customerId: customer.id, nextBillingAt }));
  }
  return stored;
}

/** The subscription billed into its next period, as a billing batch writes it. */
const billed = (subscription: Subscription): Subscription => ({
  ...subscription,
  currentPeriodStart: subscription.currentPeriodEnd,
  currentPeriodEnd: NEXT_PERIOD,
  nextBillingAt: NEXT_PERIOD,
  version: subscription.version + 1,
});

/**
 * Checks that a row a billing batch claimed (`claim`), or that was locked for an update (`update lock`), is
 * skipped by `claimDue` at once, and makes a share locker wait; the share locker then reads the row as the holder
 * committed it.
 */
async function shareWaitsFor(storage: BillingStorageAdapter, take: 'claim' | 'update lock'): Promise<void> {
  const [first] = (await due(storage, 2)) as [Subscription];
  const takeFirst = (session: StorageSession) =>
    take === 'claim'
      ? session.subscriptions.claimDue({ now: NOW, limit: 1 })
      : session.subscriptions.lock([first.id], 'update');
  const claimed = await whileHeld(hold(storage, takeFirst), () =>
    storage.transaction((session) => session.subscriptions.claimDue({ now: NOW, limit: 10 })),
  );
  const log = new EventLog();
  const holder = hold(storage, async (session) => {
    const held = await takeFirst(session);
    await session.subscriptions.update(billed(first));
    return held;
  });
  const [seen] = await contendWhileHeld(storage, holder, log, async (session) => {
    const rows = await session.subscriptions.lock([first.id], 'share');
    log.note('contender locked');
    return rows;
  });
  expect(ids(await holder.holding)).toEqual([first.id]);
  expect(ids(claimed), `claimDue skips a row held by an ${take}`).toEqual(['kit_lock_sub_2']);
  expect(log.events, `the share locker got the row while the ${take} still held it`).toEqual([
    'holder ends',
    'contender locked',
  ]);
  expect(seen, 'the share locker reads the row as the holder committed it').toStrictEqual(billed(first));
}

/** The rules of `subscriptions.lock` and how it meets `claimDue` and updates. */
export const subscriptionLockRules: readonly ConcurrencyRule[] = [
  {
    name: 'subscriptions.lock returns the subscriptions as they are: ascending, each once, missing ids left out',
    modes: EVERY_MODE,
    async check(storage) {
      const [first, second] = (await due(storage, 2)) as [Subscription, Subscription];
      for (const mode of ['share', 'update'] as const) {
        const locked = await storage.transaction((session) =>
          session.subscriptions.lock([second.id, 'kit_lock_sub_missing', first.id, second.id], mode),
        );
        expect(locked, mode).toStrictEqual([first, second]);
      }
      expect(await storage.transaction((session) => session.subscriptions.lock([], 'share'))).toEqual([]);
    },
  },
  {
    name: 'lock calls outside a transaction are refused with invalid_state',
    modes: EVERY_MODE,
    async check(storage) {
      const [first] = (await due(storage, 1)) as [Subscription];
      await expectBillingError(storage.locks.customers([first.customerId]), 'invalid_state');
      await expectBillingError(storage.subscriptions.lock([first.id], 'share'), 'invalid_state');
      await expectBillingError(storage.subscriptions.lock([first.id], 'update'), 'invalid_state');
    },
  },
  {
    name: 'a share lock makes claimDue skip the subscription at once, and an update of it wait until the lock ends',
    modes: ['concurrent'],
    async check(storage) {
      const [first] = (await due(storage, 2)) as [Subscription];
      const share = (session: StorageSession) => session.subscriptions.lock([first.id], 'share');
      const claimed = await whileHeld(hold(storage, share), () =>
        storage.transaction((session) => session.subscriptions.claimDue({ now: NOW, limit: 10 })),
      );
      const log = new EventLog();
      await contendWhileHeld(storage, hold(storage, share), log, async (session) => {
        await session.subscriptions.update(billed(first));
        log.note('contender updated');
      });
      expect(ids(claimed), 'claimDue skips a share-locked row').toEqual(['kit_lock_sub_2']);
      expect(log.events, 'the update went through while the share lock was held').toEqual([
        'holder ends',
        'contender updated',
      ]);
      expect(await storage.subscriptions.get(first.id)).toStrictEqual(billed(first));
    },
  },
  {
    name: 'share locks do not wait for each other',
    modes: ['concurrent'],
    async check(storage) {
      const [first] = (await due(storage, 1)) as [Subscription];
      const holder = hold(storage, (session) => session.subscriptions.lock([first.id], 'share'));
      const other = await answeredWhileHeld(storage, holder, (session) =>
        session.subscriptions.lock([first.id], 'share'),
      );
      expect(other).toStrictEqual([first]);
    },
  },
  {
    name: 'a claimed subscription makes a share locker wait until the claim ends; it then reads the row the claim wrote',
    modes: ['concurrent'],
    check: (storage) => shareWaitsFor(storage, 'claim'),
  },
  {
    name: 'an update lock is exclusive: claimDue skips the row, a share locker waits and then reads what it wrote',
    modes: ['concurrent'],
    check: (storage) => shareWaitsFor(storage, 'update lock'),
  },
  {
    name: 'a transaction claims past the rows another open transaction holds, without waiting for it',
    modes: ['concurrent'],
    async check(storage) {
      const all = ids(await due(storage, 5));
      const holder = hold(storage, (session) => session.subscriptions.claimDue({ now: NOW, limit: 2 }));
      const first = ids(await holder.holding);
      const second = ids(
        await answeredWhileHeld(storage, holder, (session) => session.subscriptions.claimDue({ now: NOW, limit: 10 })),
      );
      expect(first).toEqual(all.slice(0, 2));
      expect(second).toEqual(all.slice(2));
    },
  },
  {
    name: 'claims and locks end with their transaction, committed or rolled back',
    modes: ['concurrent'],
    async check(storage) {
      const all = await due(storage, 2);
      const customerId = (all[0] as Subscription).customerId;
      const takeAll = async (session: StorageSession) => ({
        claimed: ids(await session.subscriptions.claimDue({ now: NOW, limit: 10 })),
        customers: await session.locks.customers([customerId], { skipLocked: true }),
      });
      const everything = { claimed: ids(all), customers: [customerId] };
      expect(await storage.transaction(takeAll)).toEqual(everything);
      const holder = hold(storage, takeAll);
      await holder.holding;
      holder.end({ rollback: true });
      await holder.ended;
      expect(await storage.transaction(takeAll)).toEqual(everything);
    },
  },
];
