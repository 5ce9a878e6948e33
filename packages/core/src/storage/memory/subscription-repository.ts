import type { Subscription } from '../../domain/subscription';
import type { SubscriptionRepository } from '../subscription-repositories';
import { appendRepository, listByFields } from './basic-repositories';
import { indexedWrites } from './due-index';
import type { MemoryState } from './memory-state';
import { assertInTransaction, claimFrom, storedIdsAscending } from './serial-locks';
import type { MemoryExecutor } from './undo-log';

/**
 * Subscriptions in memory. `claimDue`, `lock` and `lockForUsage` need no locks: the adapter runs one transaction at a time, so
 * the rows one transaction claims or locks cannot be claimed or changed by another until it has ended.
 * @internal
 */
export function memorySubscriptionRepository(state: MemoryState, exec: MemoryExecutor): SubscriptionRepository {
  const { subscriptions, due } = state;
  const writes = indexedWrites(subscriptions, due, (record) => record.nextBillingAt);
  return {
    ...appendRepository(subscriptions, exec),
    insert: (record) => exec(({ log }) => writes.insert(record, log)),
    update: (record) => exec(({ log }) => writes.update(record, log)),
    updateMany: (records) =>
      exec(({ log }) => {
        for (const record of records) writes.update(record, log);
      }),
    list: listByFields(subscriptions, exec),
    lock: (ids) =>
      exec(({ inTransaction }) => {
        assertInTransaction(inTransaction, 'subscriptions.lock');
        return storedIdsAscending(subscriptions, ids).map((id) => subscriptions.get(id) as Subscription);
      }),
    lockForUsage: (match) =>
      exec(({ inTransaction }) => {
        assertInTransaction(inTransaction, 'subscriptions.lockForUsage');
        const customers = new Set(match.customerIds);
        const ids = [...match.ids];
        for (const subscription of subscriptions.values()) {
          if (customers.has(subscription.customerId)) ids.push(subscription.id);
        }
        return storedIdsAscending(subscriptions, ids).map((id) => subscriptions.get(id) as Subscription);
      }),
    claimDue: (query) => exec((context) => claimFrom(subscriptions, due, query, context, 'subscriptions.claimDue')),
  };
}
