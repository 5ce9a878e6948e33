import { BillingError, BillingErrorCode, isBillingError } from '../errors/billing-error';

/**
 * Runs a storage insert of a caller's record and roots a `conflict` error's path at the caller's argument
 * (storage reports `["billingCode"]`; the caller gave `input.billingCode`).
 */
export async function rootConflicts<T>(root: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isBillingError(error) || error.code !== BillingErrorCode.conflict || error.path.length === 0) throw error;
    throw new BillingError(error.code, error.message, { path: [root, ...error.path], cause: error });
  }
}
