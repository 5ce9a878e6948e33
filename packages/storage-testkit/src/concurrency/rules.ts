import { claimLockRules } from './claim-lock-rules';
import { customerLockRules } from './customer-lock-rules';
import type { ConcurrencyRule } from './rule';
import { serialRules } from './serial-rules';
import { subscriptionLockRules } from './subscription-lock-rules';
import { usageLockRules } from './usage-lock-rules';

/**
 * Every locking rule of the storage contract (the "Locks" part of `storage-adapter.ts` in `@billfold/core`), in
 * the order the `concurrency` suite runs them. Each applies to the adapters whose `capabilities.transactions` it
 * names.
 */
export const concurrencyRules: readonly ConcurrencyRule[] = [
  ...serialRules,
  ...customerLockRules,
  ...subscriptionLockRules,
  ...usageLockRules,
  ...claimLockRules,
];
