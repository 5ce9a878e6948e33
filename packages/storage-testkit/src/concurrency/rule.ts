import type { BillingStorageAdapter, TransactionMode } from '@billfold/core';

/**
 * One locking rule of the storage contract, as a check the `concurrency` suite runs on a fresh adapter. Exported
 * so that a kit's own tests can prove a check fails on an adapter that breaks its rule.
 */
export interface ConcurrencyRule {
  /** What the rule says; the title of its test. */
  readonly name: string;
  /** The `capabilities.transactions` the rule applies to. */
  readonly modes: readonly TransactionMode[];
  /**
   * Why the rule does not apply to this adapter although its mode does (an optional operation it does not have),
   * or `undefined` when it applies; the suite skips the rule saying why.
   */
  readonly unless?: (storage: BillingStorageAdapter) => string | undefined;
  /** Proves the rule on an adapter over empty storage; rejects (a failed expectation) when the adapter breaks it. */
  readonly check: (storage: BillingStorageAdapter) => Promise<void>;
}

/** Both ways of running transactions. */
export const EVERY_MODE: readonly TransactionMode[] = ['serial', 'concurrent'];
