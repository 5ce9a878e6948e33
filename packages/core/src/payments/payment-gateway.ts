import type { PayoutStatement } from '../reconciliation/settle-payout';
import type { GatewayEvent } from './gateway-events';
import type {
  GatewayCustomer,
  GatewayPayment,
  GatewayRefund,
  GatewaySetup,
  SavedPaymentMethod,
} from './gateway-results';
import type {
  CapturePaymentRequest,
  CompleteSetupRequest,
  CreatePaymentRequest,
  EnsureCustomerRequest,
  FindPaymentRequest,
  ListPayoutsRequest,
  RefundPaymentRequest,
  SetupPaymentMethodRequest,
  WebhookRequest,
} from './payment-requests';

/** What a gateway can do, so the engine adapts instead of failing at run time. */
export interface GatewayCapabilities {
  /** `capture: 'manual'` (authorize now, capture later) is supported. */
  readonly manualCapture: boolean;
  /**
   * {@link PaymentGateway.findPayment} can look a payment up by idempotency key. When false, recover a lost answer
   * by sending the same create request with the same key again: the provider replays the payment it made.
   */
  readonly findByIdempotencyKey: boolean;
  /** Payments report the provider's fee. */
  readonly reportsFees: boolean;
  /** ISO 4217 codes the provider charges in; `undefined` when it takes (almost) all. */
  readonly currencies?: readonly string[];
}

/**
 * What a payment gateway adapter implements (`@billfold/payments-stripe`, `@billfold/payments-paypal`). Billfold
 * never sees card numbers: the provider's hosted fields or approval page collect them, Billfold keeps only the
 * provider's tokens.
 *
 * Every method validates its input (a `BillingError` `invalid_input` with the path of the bad field) and sends the
 * caller's idempotency key to the provider, so repeating a call with the same key never moves money twice.
 * Failures are `BillingError`s:
 * - `gateway_unavailable` (5xx, 429, timeout, reset): retryable with the same key, `gateway.retryAfterSeconds`
 *   when the provider said; `gateway.outcomeUnknown` when the provider may have acted.
 * - `gateway_rejected`: the provider refused the request (credentials, parameters, key reused with other
 *   parameters, an amount it cannot charge); not retryable as is.
 * - `not_found`: the payment, setup or method does not exist at the provider.
 * A card decline is not an error: the payment comes back `failed` with its `decline`.
 *
 * @example
 * ```ts
 * const payment = await gateway.createPayment({
 *   amount: '19.99', currency: 'EUR', customerId: 'cus_1', customerReference: 'cus_Q1', paymentMethodId: 'pm_1',
 *   session: 'off_session', invoiceIds: ['inv_1'], idempotencyKey: 'inv_1:attempt:1',
 * });
 * if (payment.status === 'failed') console.log(payment.decline?.code, payment.decline?.kind);
 * ```
 */
export interface PaymentGateway {
  /** A stable name (`stripe`, `paypal`), recorded with every payment. */
  readonly name: string;
  /** What this gateway supports. */
  readonly capabilities: GatewayCapabilities;
  /** Creates (and, off-session, confirms) a payment. */
  createPayment(request: CreatePaymentRequest): Promise<GatewayPayment>;
  /** The payment as the provider holds it now. */
  getPayment(paymentId: string): Promise<GatewayPayment>;
  /** Takes the money of a payment in `requires_capture`. */
  capturePayment(request: CapturePaymentRequest): Promise<GatewayPayment>;
  /** Gives back all or part of a payment. */
  refundPayment(request: RefundPaymentRequest): Promise<GatewayRefund>;
  /**
   * The payment a create request with this idempotency key made, or `null` when it made none: how "the charge
   * succeeded but its answer was lost" is found. Only when `capabilities.findByIdempotencyKey`.
   */
  findPayment?(request: FindPaymentRequest): Promise<GatewayPayment | null>;
  /** The provider's customer record for a Billfold customer, created on first use. */
  ensureCustomer(request: EnsureCustomerRequest): Promise<GatewayCustomer>;
  /** Starts saving a payment method: the browser finishes it with `nextAction`. */
  setupPaymentMethod(request: SetupPaymentMethodRequest): Promise<GatewaySetup>;
  /** Finishes a setup the customer completed and returns the saved method (its token, never card data). */
  completeSetup(request: CompleteSetupRequest): Promise<SavedPaymentMethod>;
  /** The methods saved for a provider customer. */
  listPaymentMethods(customerReference: string): Promise<readonly SavedPaymentMethod[]>;
  /** Removes a saved method; later charges on it fail. */
  detachPaymentMethod(paymentMethodId: string): Promise<void>;
  /**
   * Verifies a webhook request (the provider's signature, its timestamp within tolerance) and parses its event into
   * Billfold's terms. Throws `webhook_invalid` when verification fails. Replays and duplicates are the caller's to
   * catch, by `deliveryId` and `eventId` (see `createWebhookHandler`).
   */
  parseWebhook(request: WebhookRequest): Promise<GatewayEvent>;
  /**
   * The payouts the provider sent to the bank, arriving in `[arrivalFrom, arrivalTo)`, each with its balance
   * transactions (charges, refunds, disputes, fees) in Billfold's terms, as `reconciliation.importPayout` takes them.
   * Optional: without it, the host passes payouts itself.
   */
  listPayouts?(request: ListPayoutsRequest): Promise<readonly PayoutStatement[]>;
  /** One payout with its balance transactions, by the provider's payout id; see {@link PaymentGateway.listPayouts}. */
  payoutDetails?(payoutId: string): Promise<PayoutStatement>;
}
