import { PortalProblem } from '../http/problem';
import type { PortalContext } from '../portal-context';
import type { PortalPaymentFlows } from '../payments/portal-payment-flows';
import { ownInvoice } from './ownership';
import type { PortalRouteHandlers } from './route-handler';

type PaymentRoutes =
  | 'payInvoices'
  | 'confirmPayment'
  | 'listPaymentMethods'
  | 'setupPaymentMethod'
  | 'setDefaultPaymentMethod'
  | 'removePaymentMethod';

/** The host's payment flows, or 501 until payments are wired. */
function flows(portal: PortalContext): PortalPaymentFlows {
  if (portal.payments === undefined) {
    throw new PortalProblem('not_implemented', 'Paying and managing payment methods online is not available yet.');
  }
  return portal.payments;
}

const notYours = (kind: string, path: string) => new PortalProblem('not_found', `No such ${kind}`, {}, [path]);

/** The payment routes: the portal checks ownership and state, the host's flows talk to the gateways. */
export const paymentHandlers: Pick<PortalRouteHandlers, PaymentRoutes> = {
  async payInvoices({ portal, session, body, idempotencyKey }) {
    const invoices = await Promise.all(body.invoiceIds.map((id) => ownInvoice(portal, session.customerId, id)));
    invoices.forEach((invoice, i) => {
      if (invoice.status !== 'open') {
        throw new PortalProblem('invalid_state', `Invoice ${invoice.number ?? invoice.id} is not open`, {}, [
          'body',
          'invoiceIds',
          i,
        ]);
      }
      if (invoice.currency !== invoices[0]?.currency) {
        throw new PortalProblem('invalid_input', 'Pay invoices of one currency at a time', {}, [
          'body',
          'invoiceIds',
          i,
        ]);
      }
    });
    return flows(portal).payInvoices({ customerId: session.customerId, invoices, ...body, idempotencyKey });
  },
  async confirmPayment({ portal, session, params, body, idempotencyKey }) {
    const confirmed = await flows(portal).confirmPayment({
      customerId: session.customerId,
      paymentId: params.paymentId,
      ...body,
      idempotencyKey,
    });
    if (confirmed === undefined) throw notYours('payment', 'paymentId');
    return confirmed;
  },
  async listPaymentMethods({ portal, session }) {
    return { items: [...(await flows(portal).listPaymentMethods(session.customerId))] };
  },
  async setupPaymentMethod({ portal, session, body, idempotencyKey }) {
    return flows(portal).setupPaymentMethod({ customerId: session.customerId, ...body, idempotencyKey });
  },
  async setDefaultPaymentMethod({ portal, session, params }) {
    const method = await flows(portal).setDefaultPaymentMethod({
      customerId: session.customerId,
      paymentMethodId: params.paymentMethodId,
    });
    if (method === undefined) throw notYours('payment method', 'paymentMethodId');
    return method;
  },
  async removePaymentMethod({ portal, session, params }) {
    const removed = await flows(portal).removePaymentMethod({
      customerId: session.customerId,
      paymentMethodId: params.paymentMethodId,
    });
    if (!removed) throw notYours('payment method', 'paymentMethodId');
    return undefined;
  },
};
