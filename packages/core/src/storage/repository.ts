/*
 * The two shapes every repository of the storage contract builds on. The rules every adapter keeps, and the locks,
 * are in `storage-adapter.ts`.
 */

/** A repository of records that are written once and never change. */
export interface AppendRepository<T> {
  /** Stores a new record. @throws BillingError `conflict` when the id (or another unique key) exists. */
  insert(record: T): Promise<void>;
  /** The record with this id, or `undefined`. */
  get(id: string): Promise<T | undefined>;
}

/** A repository of records that change over time, guarded by their `version`. */
export interface VersionedRepository<T extends { version: number }> extends AppendRepository<T> {
  /** Replaces the record when the stored version is `record.version - 1`. @throws BillingError `conflict` / `not_found`. */
  update(record: T): Promise<void>;
}
