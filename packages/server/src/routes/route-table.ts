import { accountRoutes } from './account-routes';
import { invoiceRoutes } from './invoice-routes';
import { paymentMethodRoutes } from './payment-method-routes';
import { paymentRoutes } from './payment-routes';
import { sessionRoutes } from './session-routes';
import { statementRoutes } from './statement-routes';
import { subscriptionRoutes } from './subscription-routes';

/**
 * Every route of the customer portal, composed from one group per area. Paths are relative to where the host mounts
 * the handler. Adding a route to a group is a compile error until it has a handler, and a test failure until the
 * security suite covers it.
 */
export const portalRoutes = {
  ...sessionRoutes,
  ...accountRoutes,
  ...invoiceRoutes,
  ...statementRoutes,
  ...subscriptionRoutes,
  ...paymentRoutes,
  ...paymentMethodRoutes,
} as const;

/** The route table's type: the client and the handlers are derived from it. */
export type PortalRoutes = typeof portalRoutes;

/** A route's id (`getInvoice`). */
export type PortalRouteId = keyof PortalRoutes;
