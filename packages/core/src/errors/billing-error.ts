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
  /**
   * A payment provider could not be reached or did not answer in time (5xx, 429, timeout, connection reset).
   * Retryable: send the same request again with the same idempotency key (`gateway.retryAfterSeconds` says when).
   * When `gateway.outcomeUnknown` is true the provider may have acted: never retry with a new key.
   */
  gatewayUnavailable: 'gateway_unavailable',
  /**
   * A payment provider refused the request itself (bad credentials, a parameter it does not accept, an idempotency
   * key reused with other parameters, an amount it cannot charge). Not retryable as it is.
   */
  gatewayRejected: 'gateway_rejected',
  /** A webhook request failed verification: forged or missing signature, stale timestamp, or a replay. */
  webhookInvalid: 'webhook_invalid',
  /**
   * An encrypted value did not authenticate: it was altered, belongs to another record or field, or its key
   * is not the one it was encrypted with.
   */
  decryptionFailed: 'decryption_failed',
  /**
   * The input is valid, but the requested output cannot represent it: an EN 16931 rule an e-invoice would
   * break, a script no PDF font can set. `path` names the field; the message names the rule.
   */
  unsupported: 'unsupported',
  /**
   * A notification could not be delivered now (an SMTP 4xx reply, a refused or dropped connection, a timeout).
   * Retryable: send the same notification again later (`delivery.retryAfterSeconds` says when, if known); the
   * receiver drops a repeat by its dedupe key (`delivery.outcomeUnknown`: it may have arrived already).
   */
  deliveryUnavailable: 'delivery_unavailable',
  /**
   * The receiving side refused a notification for good (an SMTP 5xx reply such as an unknown recipient or a refused
   * message, failed authentication). Not retryable as it is: keep it as a dead letter and re-send once the cause
   * (the address, the credentials) is fixed.
   */
  deliveryRejected: 'delivery_rejected',
  /** The storage is held by another writer (a PGlite folder open in another process); the message names it. */
  storageLocked: 'storage_locked',
  /**
   * The customer was erased (`customers.erase`): it cannot be billed, changed, or given new subscriptions,
   * invoices or usage. Its retained invoices can still be paid, credited and read.
   */
  customerErased: 'customer_erased',
  /** The actor passed with `billing.as(actor)` has no role that allows this operation; `path` names it. */
  forbidden: 'forbidden',
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
  /** What a payment provider said, for `gateway_unavailable` and `gateway_rejected`. */
  readonly gateway?: GatewayFailure;
  /** What the receiving side said, for `delivery_unavailable` and `delivery_rejected`. */
  readonly delivery?: DeliveryFailure;
}

/**
 * What a payment provider said when a request to it failed: enough for the engine to decide whether and when to
 * retry. Never holds secrets or card data.
 */
export interface GatewayFailure {
  /** The gateway's name (`stripe`, `paypal`). */
  readonly gateway: string;
  /** Whether the same request (same idempotency key) may succeed later. */
  readonly retryable: boolean;
  /**
   * Whether the provider may have acted on the request although no answer arrived (a timeout or a reset after the
   * request was sent). The engine must then retry with the same idempotency key or look the payment up, never
   * start a new attempt.
   */
  readonly outcomeUnknown: boolean;
  /** Seconds to wait before retrying, from the provider's `Retry-After` header when it sent one. */
  readonly retryAfterSeconds?: number;
  /** The HTTP status the provider answered with, when it answered. */
  readonly httpStatus?: number;
  /** The provider's own error code (`rate_limit`, `INTERNAL_SERVER_ERROR`, `idempotency_error`). */
  readonly providerCode?: string;
  /** The provider's request id, for its support. */
  readonly requestId?: string;
}

/**
 * What went wrong delivering a notification: enough for a dispatcher to decide whether and when to retry. Never
 * holds credentials.
 */
export interface DeliveryFailure {
  /** How it was sent (`smtp`, `webhook`). */
  readonly channel: string;
  /** Whether sending the same notification again may succeed. */
  readonly retryable: boolean;
  /**
   * Whether the receiver may have taken the notification although no answer arrived (the connection dropped after
   * the message was sent): a retry may deliver it twice, and the receiver drops the repeat by its dedupe key.
   */
  readonly outcomeUnknown: boolean;
  /** The SMTP reply code (`421`, `550`) or HTTP status the receiver answered with, when it answered. */
  readonly responseCode?: number;
  /** The SMTP enhanced status code (`4.7.0`, `5.1.1`), when the server sent one. */
  readonly enhancedStatus?: string;
  /** The step that failed (`CONN`, `AUTH`, `MAIL FROM`, `RCPT TO`, `DATA`). */
  readonly command?: string;
  /** Seconds to wait before retrying, when the receiver said. */
  readonly retryAfterSeconds?: number;
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
  /** What the payment provider said, on `gateway_unavailable` and `gateway_rejected` errors. */
  readonly gateway?: GatewayFailure;
  /** What the receiving side said, on `delivery_unavailable` and `delivery_rejected` errors. */
  readonly delivery?: DeliveryFailure;

  constructor(code: BillingErrorCode, message: string, options: BillingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? options.issues?.[0]?.path ?? [];
    this.issues = options.issues ?? [];
    if (options.gateway !== undefined) this.gateway = options.gateway;
    if (options.delivery !== undefined) this.delivery = options.delivery;
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
