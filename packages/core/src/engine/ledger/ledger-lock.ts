import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { StorageSession } from '../../storage/storage-adapter';
import { requireRecord } from '../require-record';

/**
 * Takes the ledger lock of these customers (rule L1 of the engine README): until the transaction ends, no other
 * operation can decide a money movement for them. Call it before the reads a decision rests on; reads made after
 * it see what the previous holder committed. Several customers are locked in one call, in ascending id order.
 */
export async function lockCustomerLedgers(session: StorageSession, customerIds: readonly string[]): Promise<void> {
  await session.locks.customers([...new Set(customerIds)].sort());
}

/**
 * The record with `id`, read again once its customer's ledger lock is held: the first read only learns whose it
 * is (a record never changes customer), the second is what the caller decides on.
 * @throws BillingError `not_found` (at `path`) when there is no such record.
 */
export async function readUnderLedgerLock<T extends { readonly customerId: string }>(
  session: StorageSession,
  repository: { get(id: string): Promise<T | undefined> },
  id: string,
  what: string,
  path: readonly (string | number)[],
): Promise<T> {
  const owner = await requireRecord(repository, id, what, path);
  await lockCustomerLedgers(session, [owner.customerId]);
  return requireRecord(repository, id, what, path);
}

/**
 * A subscription locked for an update under its customer's ledger lock, in the order of rule L5: the customer
 * first (waiting), then the subscription row (`update`, waiting for a billing batch that claimed it or an
 * ingestion that holds it). Returns the row as it is once both are held.
 * @throws BillingError `not_found` (at `path`) when there is no such subscription.
 */
export async function lockSubscriptionForUpdate(
  session: StorageSession,
  subscriptionId: string,
  path: readonly (string | number)[],
): Promise<Subscription> {
  const owner = await requireRecord(session.subscriptions, subscriptionId, 'subscription', path);
  await lockCustomerLedgers(session, [owner.customerId]);
  const [current] = await session.subscriptions.lock([subscriptionId], 'update');
  if (current === undefined) {
    throw new BillingError(BillingErrorCode.notFound, `No subscription with id "${subscriptionId}"`, { path });
  }
  return current;
}
