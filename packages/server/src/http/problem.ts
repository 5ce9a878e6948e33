import { isBillingError } from '@billfold/core';
import type { Problem, ProblemCode } from '../schemas/problem';

const STATUS: Readonly<Record<ProblemCode, number>> = {
  invalid_input: 400,
  unknown_currency: 400,
  currency_mismatch: 422,
  invalid_state: 409,
  conflict: 409,
  not_found: 404,
  gateway_unavailable: 503,
  gateway_rejected: 402,
  webhook_invalid: 400,
  decryption_failed: 500,
  unsupported: 422,
  delivery_unavailable: 503,
  delivery_rejected: 502,
  storage_locked: 503,
  customer_erased: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  not_implemented: 501,
  unavailable: 503,
  internal: 500,
};

const TITLES: Readonly<Record<ProblemCode, string>> = {
  invalid_input: 'Invalid input',
  unknown_currency: 'Unknown currency',
  currency_mismatch: 'Currency mismatch',
  invalid_state: 'Not allowed in the current state',
  conflict: 'Conflict',
  not_found: 'Not found',
  gateway_unavailable: 'Payment provider unavailable',
  gateway_rejected: 'Payment declined by the provider',
  webhook_invalid: 'Invalid webhook',
  decryption_failed: 'Internal error',
  unsupported: 'Not representable in this format',
  delivery_unavailable: 'Notification not delivered yet',
  delivery_rejected: 'Notification refused by the receiver',
  storage_locked: 'Service unavailable',
  customer_erased: 'Customer erased',
  unauthorized: 'Sign-in required',
  forbidden: 'Not permitted',
  rate_limited: 'Too many requests',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  method_not_allowed: 'Method not allowed',
  not_implemented: 'Not available yet',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

/** A portal error with its problem code and the headers it needs (`Retry-After`, `WWW-Authenticate`). */
export class PortalProblem extends Error {
  override readonly name = 'PortalProblem';
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly path?: readonly (string | number)[],
  ) {
    super(detail);
  }
}

/**
 * The RFC 9457 problem for any error thrown while answering: a `PortalProblem` or a `BillingError` as it is
 * (its code, message and field path), anything else as `internal` with a generic message — no stack, no
 * message of an unexpected error (it may hold SQL or secrets) ever leaves the portal.
 */
export function problemOf(error: unknown, requestId: string): { problem: Problem; headers: Record<string, string> } {
  const instance = `urn:billfold:request:${requestId}`;
  const make = (code: ProblemCode, detail: string, extra: Partial<Problem> = {}): Problem => ({
    type: `urn:billfold:problem:${code}`,
    title: TITLES[code],
    status: STATUS[code],
    detail,
    instance,
    code,
    ...extra,
  });
  if (error instanceof PortalProblem) {
    return {
      problem: make(error.code, error.detail, error.path === undefined ? {} : { path: [...error.path] }),
      headers: { ...error.headers },
    };
  }
  if (isBillingError(error)) {
    const issues =
      error.issues.length > 0 ? { issues: error.issues.map((i) => ({ path: [...i.path], message: i.message })) } : {};
    return { problem: make(error.code, error.message, { path: [...error.path], ...issues }), headers: {} };
  }
  return { problem: make('internal', 'Something went wrong on our side; try again later.'), headers: {} };
}

/** An `application/problem+json` response. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
