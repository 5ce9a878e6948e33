import { isBillingError } from '@billfold/core';
import { expect } from 'vitest';

/** Asserts `action` rejects with a `BillingError` of `code`, and returns the error. */
export async function expectBillingError(action: Promise<unknown>, code: string): Promise<Error> {
  const error = await action.then(
    () => expect.fail(`expected a BillingError "${code}", but the call succeeded`),
    (reason: unknown) => reason,
  );
  if (!isBillingError(error)) expect.fail(`expected a BillingError "${code}", got ${String(error)}`);
  expect(error.code, error.message).toBe(code);
  return error;
}
