import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { LedgerLocks } from '../ledger-repositories';
import type { DueIndex } from './due-index';
import { normalizeInstant } from './instant';
import type { Table } from './table';
import type { MemoryExecutor, OperationContext } from './undo-log';

/**
 * Refuses a lock call outside a transaction: the lock would end as soon as it was taken.
 * @internal
 */
export function assertInTransaction(inTransaction: boolean, operation: string): void {
  if (!inTransaction) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `${operation} must be called inside transaction(): a lock lasts until its transaction ends`,
    );
  }
}

/**
 * The ids of `table` among `ids`, ascending and each once: what a lock call of a serial adapter returns. It
 * locks nothing: transactions run one at a time, so no other transaction can hold the records.
 * @internal
 */
export function storedIdsAscending<T extends { readonly id: string }>(
  table: Table<T>,
  ids: readonly string[],
): string[] {
  return [...new Set(ids)].filter((id) => table.peek(id) !== undefined).sort();
}

/** The ledger lock of MemoryStorage: held by construction (one transaction at a time). @internal */
export function memoryLedgerLocks<T extends { readonly id: string }>(
  customers: Table<T>,
  exec: MemoryExecutor,
): LedgerLocks {
  return {
    customers: (ids) =>
      exec(({ inTransaction }) => {
        assertInTransaction(inTransaction, 'locks.customers');
        return storedIdsAscending(customers, ids);
      }),
  };
}

/**
 * A claim of a serial adapter (`subscriptions.claimDue`, `invoices.claimCollectible`, `outbox.claimDue`): up to
 * `limit` records of `index` due at or before `now`, by due instant then id (among `ids` only, when given). It
 * locks nothing: no other transaction can run until this one has ended.
 * @throws BillingError `invalid_state` outside a transaction, `invalid_input` for a bad `limit` or `now`.
 * @internal
 */
export function claimFrom<T extends { readonly id: string }>(
  table: Table<T>,
  index: DueIndex,
  query: {
    readonly now: string;
    readonly limit: number;
    readonly ids?: readonly string[];
    readonly after?: { readonly at: string; readonly id: string };
  },
  context: OperationContext,
  operation: string,
): T[] {
  assertInTransaction(context.inTransaction, operation);
  if (!Number.isInteger(query.limit) || query.limit < 1) {
    throw new BillingError(BillingErrorCode.invalidInput, 'limit must be a positive integer', { path: ['limit'] });
  }
  const now = normalizeInstant(query.now, 'now');
  if (query.ids === undefined) return index.due(now, query.limit, query.after).map((id) => table.get(id) as T);
  return index
    .dueAmong(query.ids, now, query.after)
    .slice(0, query.limit)
    .map((id) => table.get(id) as T);
}
