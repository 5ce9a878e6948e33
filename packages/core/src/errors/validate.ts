import type { z } from 'zod';
import { BillingError, BillingErrorCode, type BillingIssue } from './billing-error';
import { findUnstorableText } from './storable-text';

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * Accept strings storage cannot keep (NUL, lone surrogates): for input that is rendered, never stored, such as a
   * document made from a record. Default `false`.
   */
  readonly allowUnstorableText?: boolean;
}

/**
 * Parses `input` with `schema`, or throws a {@link BillingError} (`invalid_input`) whose `path`
 * is the first bad field, prefixed by `root` (the argument's name), and whose `issues` lists all of them.
 * The one way Billfold's packages (and adapters built on them) turn a zod failure into a `BillingError`.
 *
 * Beyond the schema, every string and object key of the input must be text each supported storage keeps as
 * given: no NUL character (U+0000) and no lone UTF-16 surrogate; and no object may have a `__proto__` key (plain
 * parsing would drop it without a word). Such input is `invalid_input` at the path of the string or key, unless
 * `options.allowUnstorableText` is set.
 * @example
 * ```ts
 * const seller = validate(SellerProfileSchema, input, 'seller'); // throws path ["seller", "address", "country"]
 * validate(z.object({ name: z.string() }), { name: 'a\u0000b' }, 'input'); // throws path ["input", "name"]
 * ```
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root: string,
  options: ValidateOptions = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInputError(result.error.issues.flatMap((issue) => billingIssues(issue, root)));
  if (options.allowUnstorableText === true) return result.data;
  const text = findUnstorableText(input);
  if (text !== undefined) throw invalidInputError([{ path: [root, ...text.path], message: text.message }]);
  return result.data;
}

/** A zod issue as Billfold issues rooted at `root`; an unknown key is one issue at that key's own path. */
function billingIssues(issue: z.core.$ZodIssue, root: string): BillingIssue[] {
  const path = [root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
  return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"` }));
}

/**
 * The `invalid_input` error {@link validate} throws for `issues` (paths already rooted): its message names the first.
 * @internal
 */
export function invalidInputError(issues: readonly BillingIssue[]): BillingError {
  const first = issues[0] as BillingIssue;
  return new BillingError(BillingErrorCode.invalidInput, `Invalid ${first.path.join('.')}: ${first.message}`, {
    issues,
  });
}
