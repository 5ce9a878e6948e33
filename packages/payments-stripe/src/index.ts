/**
 * `@billfold/payments-stripe`: a Billfold `PaymentGateway` over the official `stripe` SDK.
 * @module
 */
export { createStripeGateway } from './create-stripe-gateway';
export { StripeGatewayOptionsSchema } from './stripe-options';
export type { StripeGatewayOptions } from './stripe-options';
export { stripeCurrencyRule } from './stripe-currencies';
