import type { z } from 'zod';
import { BillingError, BillingErrorCode, type BillingIssue } from './billing-error';

/**
 * Parses `input` with `schema`, or throws a {@link BillingError} (`invalid_input`) whose `path`
 * is the first bad field, prefixed by `root` (the argument's name), and whose `issues` lists all of them.
 * The one way Billfold's packages (and adapters built on them) turn a zod failure into a `BillingError`.
 * @example
 * ```ts
 * const seller = validate(SellerProfileSchema, input, 'seller'); // throws path ["seller", "address", "country"]
 * ```
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
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
