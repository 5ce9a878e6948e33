/*
 * The idempotency part of the storage contract: stored outcomes of requests made with a key. The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

/** The stored outcome of a request made with an idempotency key. */
export interface IdempotencyRecord {
  /** The caller's key, scoped by operation (`payments.record:abc`). */
  readonly key: string;
  /** A hash of the request, so the same key with a different request is refused. */
  readonly requestHash: string;
  /** The JSON result returned to the first request, returned again on replays. */
  readonly response: unknown;
  readonly createdAt: string;
}

/** Idempotency records; they expire (the engine's `idempotencyKeyTtlHours`) and are purged. */
export interface IdempotencyRepository {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores a record. @throws BillingError `conflict` when the key exists. */
  put(record: IdempotencyRecord): Promise<void>;
  /**
   * Deletes the record with this key if it was created before `createdBefore` (it has expired), so the key can be
   * used again. @returns whether a record was deleted.
   */
  deleteExpired(key: string, createdBefore: string): Promise<boolean>;
  /** Deletes up to `limit` records created before `createdBefore`, oldest first. @returns how many. */
  purgeExpired(query: { readonly createdBefore: string; readonly limit: number }): Promise<number>;
}
