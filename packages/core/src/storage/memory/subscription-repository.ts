import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { SubscriptionRepository } from '../storage-adapter';
import { appendRepository, listByFields } from './basic-repositories';
import { normalizeInstant } from './instant';
import type { MemoryState } from './memory-state';
import { assertInTransaction, storedIdsAscending } from './serial-locks';
import { updateVersioned } from './table';
import type { MemoryExecutor, UndoLog } from './undo-log';

/**
 * Subscriptions in memory. `claimDue`, `lock` and `lockForUsage` need no locks: the adapter runs one transaction at a time, so
 * the rows one transaction claims or locks cannot be claimed or changed by another until it has ended.
 * @internal
 */
export function memorySubscriptionRepository(state: MemoryState, exec: MemoryExecutor): SubscriptionRepository {
  const { subscriptions, due } = state;

  const update = (record: Subscription, log: UndoLog): void => {
    const previous = updateVersioned(subscriptions, record, log);
    due.add(record.id, record.nextBillingAt, subscriptions.size);
    // The index may have dropped the old entry as stale meanwhile; a rollback re-adds it.
    log.record(() => due.add(previous.id, previous.nextBillingAt, subscriptions.size));
  };

  return {
    ...appendRepository(subscriptions, exec),
    insert: (record) =>
      exec(({ log }) => {
        subscriptions.insert(record, log);
        due.add(record.id, record.nextBillingAt, subscriptions.size);
      }),
    update: (record) => exec(({ log }) => update(record, log)),
    updateMany: (records) =>
      exec(({ log }) => {
        for (const record of records) update(record, log);
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
    claimDue: (query) =>
      exec(({ inTransaction }) => {
        assertInTransaction(inTransaction, 'subscriptions.claimDue');
        if (!Number.isInteger(query.limit) || query.limit < 1) {
          throw new BillingError(BillingErrorCode.invalidInput, 'limit must be a positive integer', {
            path: ['limit'],
          });
        }
        const now = normalizeInstant(query.now, 'now');
        return due.due(now, query.limit).map((id) => subscriptions.get(id) as Subscription);
      }),
  };
}
