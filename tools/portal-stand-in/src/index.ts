/**
 * Stand-ins for the payment side of Billfold's portal, until the engine's gateway wiring implements
 * `PortalPaymentFlows` over the Stripe and PayPal adapters: the flows over an in-memory provider, the stand-in
 * Stripe.js and PayPal SDK scripts, and the HTTP routes they call. Used by the elements' browser tests and the
 * example host site; never by a package.
 * @module
 */
export { createStandInPaymentFlows } from './stand-in-payment-flows';
export type { StandInFlowsOptions, StandInPaymentFlows } from './stand-in-payment-flows';
export { StandInProvider, TEST_CARDS } from './stand-in-provider';
export type { CardBehaviour, IntentStatus, StandInIntent, StandInOrder } from './stand-in-provider';
export { createStandInRoutes } from './stand-in-routes';
