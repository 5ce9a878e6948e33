import { BillingError, BillingErrorCode, isBillingError } from '../../errors/billing-error';

/** The step of billing a subscription where something went wrong. */
export type BillingStep = 'customer' | 'plan' | 'draft' | 'write';

/** Why one subscription was not billed in a run; it stays due and is tried again by the next run. */
export interface RunError {
  readonly subscriptionId: string;
  readonly step: BillingStep;
  /** A `BillingErrorCode`, or `internal_error` for an unexpected failure. */
  readonly code: string;
  readonly message: string;
}

/** Describes an error thrown while billing one subscription. */
export function runError(subscriptionId: string, step: BillingStep, error: unknown): RunError {
  if (isBillingError(error)) return { subscriptionId, step, code: error.code, message: error.message };
  return {
    subscriptionId,
    step,
    code: 'internal_error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Throws a run error again for a caller billing one subscription: a BillingError with its code, else an Error. */
export function rethrowRunError(error: RunError): never {
  const codes: readonly string[] = Object.values(BillingErrorCode);
  if (codes.includes(error.code)) throw new BillingError(error.code as BillingErrorCode, error.message);
  throw new Error(error.message);
}
