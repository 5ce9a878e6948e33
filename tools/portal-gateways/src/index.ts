/**
 * The engine's Stripe and PayPal gateways over the gateway fake kit's loopback fakes, with the fakes' browser side
 * and webhooks delivered to the engine: what the elements' browser tests and the example host site pay through.
 * Never used by a package's runtime code.
 * @module
 */
export { startPortalGateways } from './portal-gateways';
export type { FakeProviderPaymentOptions, PortalGateways } from './portal-gateways';
