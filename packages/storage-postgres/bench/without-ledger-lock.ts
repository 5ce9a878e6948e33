/**
 * The storage with the ledger lock call answered without SQL (every customer "locked" at once), for benchmarks
 * that show what the lock itself costs by difference. Never use it for real work: concurrent writers of one
 * customer then decide on the same balance.
 */
import type { BillingStorageAdapter, StorageSession } from '@billfold/core';

/** `storage`, its transactions' `locks.customers` answered without a statement. */
export function withoutLedgerLock<S extends BillingStorageAdapter>(storage: S): S {
  const unlocked = (session: StorageSession): StorageSession => ({
    ...session,
    locks: { customers: async (ids) => [...new Set(ids)].sort() },
  });
  return { ...storage, transaction: (work) => storage.transaction((session) => work(unlocked(session))) };
}
