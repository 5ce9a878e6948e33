import { accountHandlers } from './account-handlers';
import { invoiceHandlers } from './invoice-handlers';
import { paymentHandlers } from './payment-handlers';
import { receiptHandlers } from './receipt-handlers';
import type { PortalRouteHandlers } from './route-handler';
import { sessionHandlers } from './session-handlers';
import { statementHandlers } from './statement-handlers';
import { subscriptionHandlers } from './subscription-handlers';

/** Every route's handler; `satisfies` makes a route of the table without one a compile error. */
export const portalHandlers = {
  ...sessionHandlers,
  ...accountHandlers,
  ...invoiceHandlers,
  ...statementHandlers,
  ...subscriptionHandlers,
  ...receiptHandlers,
  ...paymentHandlers,
} satisfies PortalRouteHandlers;
