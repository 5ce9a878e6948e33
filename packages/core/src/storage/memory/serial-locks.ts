import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { LedgerLocks } from '../storage-adapter';
import type { Table } from './table';
import type { MemoryExecutor } from './undo-log';

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
