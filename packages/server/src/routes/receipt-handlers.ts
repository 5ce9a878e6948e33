import { listAll } from '@billfold/core';
import { renderReceipt } from '@billfold/documents';
import { ownInvoice, ownPayment } from './ownership';
import { fileReply, type PortalRouteHandlers } from './route-handler';

type ReceiptRoutes = 'listPayments' | 'getPayment' | 'getPaymentReceipt';

/** The payments received from the customer, each with its refunds and its receipt in every format. */
export const receiptHandlers: Pick<PortalRouteHandlers, ReceiptRoutes> = {
  async listPayments({ portal, session, query }) {
    const page = await portal.billing.payments.list({
      customerId: session.customerId,
      limit: query.limit ?? 20,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return { items: [...page.items], ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  },
  async getPayment({ portal, session, params }) {
    const payment = await ownPayment(portal, session.customerId, params.paymentId);
    const refunds = await listAll((page) => portal.billing.payments.listRefunds({ paymentId: payment.id, ...page }));
    return { ...payment, refunds };
  },
  async getPaymentReceipt({ portal, session, params }) {
    const payment = await ownPayment(portal, session.customerId, params.paymentId);
    const invoices = await Promise.all(
      payment.allocations.map((allocation) => ownInvoice(portal, session.customerId, allocation.invoiceId)),
    );
    // The customer as they are now names the receipt, in their language and time zone.
    const customer = await portal.billing.customers.get(session.customerId);
    return fileReply(await renderReceipt(payment, invoices, { ...portal.documents, format: params.format, customer }));
  },
};
