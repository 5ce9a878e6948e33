import { BillingError, BillingErrorCode, type GatewayFailure } from '../errors/billing-error';

/**
 * The `BillingError` for a failed request to a provider: `gateway_unavailable` when `failure.retryable`, else
 * `gateway_rejected`. The message must not hold secrets or card data: adapters build it from status and code only.
 * @example
 * ```ts
 * throw gatewayError('Stripe answered 503', { gateway: 'stripe', retryable: true, outcomeUnknown: false, httpStatus: 503 });
 * ```
 */
export function gatewayError(message: string, failure: GatewayFailure): BillingError {
  const code = failure.retryable ? BillingErrorCode.gatewayUnavailable : BillingErrorCode.gatewayRejected;
  return new BillingError(code, message, { gateway: failure });
}

/** The `BillingError` for a webhook that failed verification (`webhook_invalid`). */
export function webhookInvalid(message: string): BillingError {
  return new BillingError(BillingErrorCode.webhookInvalid, message);
}

/**
 * Seconds to wait from an HTTP `Retry-After` value: delay-seconds (`"3"`) or an HTTP date, measured from `now`.
 * `undefined` when absent or unreadable; never negative.
 */
export function retryAfterSeconds(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
