import type { BillingStorageAdapter } from '@billfold/core';

/** What each suite gets from `describeStorageAdapter`: the adapter of the running test. */
export interface KitContext {
  /** The adapter made for the running test (fresh state); only valid inside a test. */
  readonly storage: () => BillingStorageAdapter;
  /**
   * Every row of every table of the running test's storage as text (the kit option `dumpAll`), or `undefined` when
   * the adapter author gave none; the privacy suite searches it for personal data after erasure.
   */
  readonly dumpAll?: () => Promise<string>;
}

/** Registers one suite's tests (`it(...)`) inside the `describe` block the kit opened for it. */
export type RegisterSuite = (kit: KitContext) => void;
