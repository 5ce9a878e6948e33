import type { ProblemView } from './portal-views';

/**
 * Why a call to the portal failed: the portal's problem `code` (`not_found`, `invalid_state`, `unauthorized`, …),
 * or the elements' own `network` (the request never got an answer: offline, DNS, CORS) and `timeout`.
 */
export type BillingApiErrorCode = string;

/**
 * A failed call to the portal API, carrying the RFC 9457 problem the portal answered (when it answered one). The
 * `code` is stable; `message` is the portal's `detail`, meant for logs rather than for customers (the elements
 * show their own localized text by code).
 */
export class BillingApiError extends Error {
  override readonly name = 'BillingApiError';
  /** The problem's `code`, or `network` / `timeout` when no answer came. */
  readonly code: BillingApiErrorCode;
  /** The HTTP status, 0 without an answer. */
  readonly status: number;
  readonly problem: ProblemView | undefined;

  constructor(code: BillingApiErrorCode, status: number, problem?: ProblemView, options?: { cause?: unknown }) {
    super(problem?.detail ?? problem?.title ?? code, options);
    this.code = code;
    this.status = status;
    this.problem = problem;
  }
}

/** Whether `value` is a {@link BillingApiError}, also across realms (iframes) and bundle copies. */
export function isBillingApiError(value: unknown): value is BillingApiError {
  return value instanceof BillingApiError || (value instanceof Error && value.name === 'BillingApiError');
}
