import { BillingError, BillingErrorCode, type BillingIssue } from '@billfold/core';
import type { z } from 'zod';

/**
 * Parses `input` with `schema`, or throws a {@link BillingError} (`invalid_input`) whose `path` starts with
 * `root` (the argument's name) and whose `issues` list every problem zod found.
 * @internal
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: BillingIssue[] = result.error.issues.map((issue) => ({
    path: [root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
  const first = issues[0] as BillingIssue;
  throw new BillingError(BillingErrorCode.invalidInput, `Invalid ${first.path.join('.')}: ${first.message}`, {
    issues,
  });
}
