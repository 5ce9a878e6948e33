/**
 * `@billfold/payments-paypal`: a Billfold `PaymentGateway` over PayPal's REST API (Orders v2, Payments v2, Vault v3,
 * webhook verification).
 * @module
 */
export { createPaypalGateway } from './create-paypal-gateway';
export { PaypalGatewayOptionsSchema } from './paypal-options';
export type { PaypalGatewayOptions } from './paypal-options';
export { paypalCurrencyRule, PAYPAL_CURRENCIES } from './paypal-currencies';
