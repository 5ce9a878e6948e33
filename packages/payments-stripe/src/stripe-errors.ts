import { BillingError, BillingErrorCode, type Clock } from '@billfold/core';
import { gatewayError, retryAfterSeconds } from '@billfold/core/payments';

/** The fields of a Stripe SDK error this adapter reads (`Stripe.errors.StripeError`). */
interface StripeSdkError {
  readonly type?: string;
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Anything shaped like a Stripe key or webhook secret (`sk_test_…`, `rk_live_…`, `whsec_…`). */
const SECRET_PATTERN = /\b(sk|rk|pk)_(test|live)_[A-Za-z0-9*]+|\bwhsec_[A-Za-z0-9*]+/g;

/** `text` without the given secrets or anything shaped like a Stripe key. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) if (secret.length > 0) redacted = redacted.split(secret).join('[redacted]');
  return redacted.replace(SECRET_PATTERN, '[redacted]');
}

/** Whether `error` came from the Stripe SDK. */
export function isStripeSdkError(error: unknown): error is StripeSdkError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as StripeSdkError).type === 'string' &&
    String((error as StripeSdkError).type).startsWith('Stripe')
  );
}

/**
 * A Stripe SDK error (other than a card decline) as a `BillingError`: connection failures, 5xx, 429 and a key in use
 * are `gateway_unavailable` (retryable; `outcomeUnknown` for a write whose answer never came or came as a 5xx), a
 * missing object is `not_found`, the rest `gateway_rejected`. Messages are redacted of secrets.
 */
export function stripeFailure(error: unknown, write: boolean, clock: Clock, secrets: readonly string[]): BillingError {
  if (!isStripeSdkError(error)) {
    const message = error instanceof Error ? redactSecrets(error.message, secrets) : 'unknown error';
    return gatewayError(`Stripe request failed: ${message}`, {
      gateway: 'stripe',
      retryable: true,
      outcomeUnknown: write,
    });
  }
  const status = error.statusCode;
  const base = {
    gateway: 'stripe',
    ...(status === undefined ? {} : { httpStatus: status }),
    // An idempotency error has a type but no code: a key already used with other parameters.
    ...(error.code !== undefined
      ? { providerCode: error.code }
      : error.type === 'StripeIdempotencyError'
        ? { providerCode: 'idempotency_error' }
        : {}),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  };
  const message = redactSecrets(error.message ?? '', secrets);
  if (error.type === 'StripeConnectionError' || status === undefined) {
    return gatewayError(`Stripe could not be reached: ${message}`, { ...base, retryable: true, outcomeUnknown: write });
  }
  if (status === 429 || status === 409 || status >= 500) {
    const wait = retryAfterSeconds(error.headers?.['retry-after'], clock.now());
    return gatewayError(`Stripe answered ${status}: ${message}`, {
      ...base,
      retryable: true,
      outcomeUnknown: write && status >= 500,
      ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
    });
  }
  if (status === 404 || error.code === 'resource_missing') {
    return new BillingError(BillingErrorCode.notFound, `Stripe has no such object: ${message}`, {
      gateway: { ...base, retryable: false, outcomeUnknown: false },
    });
  }
  return gatewayError(`Stripe refused the request (${status}): ${message}`, {
    ...base,
    retryable: false,
    outcomeUnknown: false,
  });
}
