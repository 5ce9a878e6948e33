/**
 * Payments: the contract every payment gateway adapter implements (`PaymentGateway`), its request schemas, the
 * payments, refunds, setups and webhook events it returns in Billfold's terms, exact conversion to a provider's
 * minor units, and a Web-standard webhook handler that verifies, dedupes and hands on events.
 * @module
 */
export type { PaymentGateway, GatewayCapabilities } from './payment-gateway';
export {
  CreatePaymentRequestSchema,
  CapturePaymentRequestSchema,
  RefundPaymentRequestSchema,
  EnsureCustomerRequestSchema,
  SetupPaymentMethodRequestSchema,
  CompleteSetupRequestSchema,
  FindPaymentRequestSchema,
  ListPayoutsRequestSchema,
  WebhookRequestSchema,
  GatewayIdempotencyKeySchema,
  ProviderIdSchema,
  ReturnUrlSchema,
} from './payment-requests';
export type {
  CreatePaymentRequest,
  CapturePaymentRequest,
  RefundPaymentRequest,
  EnsureCustomerRequest,
  SetupPaymentMethodRequest,
  CompleteSetupRequest,
  FindPaymentRequest,
  ListPayoutsRequest,
  WebhookRequest,
} from './payment-requests';
export type {
  GatewayPayment,
  GatewayPaymentStatus,
  GatewayRefund,
  GatewaySetup,
  GatewayCustomer,
  GatewayFee,
  SavedPaymentMethod,
  NextAction,
  Decline,
} from './gateway-results';
export { GatewayEventSchema } from './gateway-events';
export type { GatewayEvent, GatewayEventType } from './gateway-events';
export { toProviderMinorUnits, fromProviderMinorUnits, toProviderDecimal } from './provider-amounts';
export type { ProviderCurrencyRule } from './provider-amounts';
export { gatewayError, webhookInvalid, retryAfterSeconds } from './gateway-errors';
export { createWebhookHandler } from './webhook-handler';
export { instrumentGateway } from './instrument-gateway';
export type { WebhookHandlerOptions } from './webhook-handler';
export { createMemoryWebhookEventStore } from './webhook-event-store';
export type { WebhookEventStore } from './webhook-event-store';
