import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { SubscriptionRepository } from '../storage-adapter';
import { appendRepository, listByFields } from './basic-repositories';
import { normalizeInstant } from './instant';
import type { MemoryState } from './memory-state';
import { updateVersioned } from './table';
import type { MemoryExecutor, UndoLog } from './undo-log';

/**
 * Subscriptions in memory. `claimDue` needs no locks: the adapter runs one transaction at a time, so the rows
 * one transaction claims cannot be claimed by another until it has ended.
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
    claimDue: (query) =>
      exec(({ inTransaction }) => {
        if (!inTransaction) {
          throw new BillingError(
            BillingErrorCode.invalidState,
            'claimDue must be called inside transaction(): the claim lasts until the transaction ends',
          );
        }
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
