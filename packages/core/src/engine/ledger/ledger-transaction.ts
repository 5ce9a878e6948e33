import { BillingErrorCode, isBillingError } from '../../errors/billing-error';
import type { BillingStorageAdapter, StorageSession } from '../../storage/storage-adapter';

/** How many times {@link ledgerTransaction} runs an operation at most. */
export const LEDGER_ATTEMPTS = 3;

/** A short random pause before another attempt, so two writers that collided do not collide again in step. */
function jitter(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
}

/**
 * Runs `work` in one storage transaction, and again from fresh reads when it fails with `conflict`, at most
 * {@link LEDGER_ATTEMPTS} times in all (rule L5 of the engine README). Under the ledger lock a conflict can still
 * come from a writer outside it (a stale `version`), or from the database (a serialization failure or deadlock
 * the adapter reports as `conflict`); each attempt is a whole transaction, rolled back before the next, so an
 * operation under an idempotency key is either replayed from its stored result or done once. The last attempt's
 * error is thrown as it is; other errors are never retried.
 */
export async function ledgerTransaction<T>(
  storage: BillingStorageAdapter,
  work: (session: StorageSession) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storage.transaction(work);
    } catch (error) {
      const retry = attempt < LEDGER_ATTEMPTS && isBillingError(error) && error.code === BillingErrorCode.conflict;
      if (!retry) throw error;
      await jitter(attempt);
    }
  }
}
