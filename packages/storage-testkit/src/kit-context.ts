import type { BillingStorageAdapter } from '@billfold/core';

/** What each suite gets from `describeStorageAdapter`: the adapter of the running test. */
export interface KitContext {
  /** The adapter made for the running test (fresh state); only valid inside a test. */
  readonly storage: () => BillingStorageAdapter;
}

/** Registers one suite's tests (`it(...)`) inside the `describe` block the kit opened for it. */
export type RegisterSuite = (kit: KitContext) => void;
