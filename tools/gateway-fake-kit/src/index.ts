/**
 * Test-only kit for payment gateway adapters: loopback fakes that check every request and answer against the
 * provider's OpenAPI description (Ajv), inject transport faults, deliver signed webhooks, serve stand-ins of the
 * providers' browser libraries (Stripe.js, PayPal's JS SDK) that call them, and find the description files.
 * @module
 */
export { OpenApiContract } from './openapi-contract';
export type { ContractRequest, MatchedOperation } from './openapi-contract';
export { parseBracketedForm } from './form-body';
export type { FormValue } from './form-body';
export { startLoopbackFake } from './loopback-fake';
export type {
  FakeRequest,
  FakeResponse,
  LoopbackFake,
  LoopbackFakeOptions,
  RecordedRequest,
  TransportFault,
} from './loopback-fake';
export { specAvailability, STRIPE_SPEC, PAYPAL_SPECS, VALIDATION_DIR } from './spec-files';
export type { SpecAvailability } from './spec-files';
export { serveWebhookHandler } from './webhook-endpoint';
export { WebhookDeliveries } from './webhook-deliveries';
export type { WebhookDeliveryResult } from './webhook-deliveries';
export type { WebhookEndpoint } from './webhook-endpoint';
export { billingFailure } from './billing-failure';
export { FakeStripe } from './fake-stripe/fake-stripe';
export type { FakeStripeBrowserOptions } from './fake-stripe/fake-stripe';
export { STRIPE_TEST_CARDS } from './fake-stripe/test-cards';
export type { StripeTestCard } from './fake-stripe/test-cards';
export type { ChargeOutcome } from './fake-stripe/stripe-store';
export type { FakeCard, StripeObject } from './fake-stripe/stripe-objects';
export { FakePaypal } from './fake-paypal/fake-paypal';
export type { Json as PaypalJson, PaypalOutcome } from './fake-paypal/paypal-store';
