/**
 * The stable error codes Billfold throws. A code never changes meaning once published;
 * match on `error.code`, never on the message.
 */
export const BillingErrorCode = {
  /** Input failed validation; `path` names the bad field. */
  invalidInput: 'invalid_input',
  /** Two amounts in different currencies were combined. */
  currencyMismatch: 'currency_mismatch',
  /** A currency code is not an ISO 4217 code the runtime knows. */
  unknownCurrency: 'unknown_currency',
  /** An operation is not allowed in the entity's current state. */
  invalidState: 'invalid_state',
  /** A referenced entity does not exist. */
  notFound: 'not_found',
  /** A write conflicts with an existing record (duplicate key, concurrent change). */
  conflict: 'conflict',
  /** The storage is held by another writer (a PGlite folder open in another process); the message names it. */
  storageLocked: 'storage_locked',
} as const;

/** One of the values of {@link BillingErrorCode}. */
export type BillingErrorCode = (typeof BillingErrorCode)[keyof typeof BillingErrorCode];

/** One problem found while validating input: where it is and what is wrong. */
export interface BillingIssue {
  /** Path of the bad field from the root of the input, e.g. `["lines", 2, "quantity"]`. */
  readonly path: readonly (string | number)[];
  /** What is wrong, in words a person can act on. */
  readonly message: string;
}

/** Options for {@link BillingError}. */
export interface BillingErrorOptions {
  /** Path of the bad field, when the error is about one field. */
  readonly path?: readonly (string | number)[];
  /** Every problem found, when validation found several. */
  readonly issues?: readonly BillingIssue[];
  /** The underlying error, when this one wraps another. */
  readonly cause?: unknown;
}

const brand = Symbol.for('billfold.BillingError');

/**
 * The one error class Billfold throws for anything a caller can fix: bad input, a currency
 * mismatch, an operation in the wrong state. Carries a stable `code` and the `path` of the bad field.
 *
 * @example
 * ```ts
 * try { money(19.99 as never, 'EUR'); }
 * catch (e) { if (isBillingError(e)) console.log(e.code, e.path); } // invalid_input []
 * ```
 */
export class BillingError extends Error {
  override readonly name = 'BillingError' as const;
  /** Stable machine-readable code; see {@link BillingErrorCode}. */
  readonly code: BillingErrorCode;
  /** Path of the (first) bad field; empty when the error is not about a field. */
  readonly path: readonly (string | number)[];
  /** Every validation problem found (at least the one `path` names, for validation errors). */
  readonly issues: readonly BillingIssue[];

  constructor(code: BillingErrorCode, message: string, options: BillingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? options.issues?.[0]?.path ?? [];
    this.issues = options.issues ?? [];
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * Whether `value` is a {@link BillingError}, also when it comes from another realm or another copy
 * of the package (checks a global symbol brand, not `instanceof`).
 */
export function isBillingError(value: unknown): value is BillingError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
