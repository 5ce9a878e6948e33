import { type BillingError, isBillingError } from '@billfold/core';

/** The `BillingError` that `run` rejects with; fails the test when it resolves or throws anything else. */
export async function billingFailure(run: () => Promise<unknown>): Promise<BillingError> {
  try {
    await run();
  } catch (error) {
    if (isBillingError(error)) return error;
    throw error;
  }
  throw new Error('expected a BillingError');
}
