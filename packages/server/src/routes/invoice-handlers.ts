import { type Invoice, listAll } from '@billfold/core';
import { type DocumentFormat, invoicesToCsv, renderCreditNote, renderInvoice } from '@billfold/documents';
import type { PortalContext } from '../portal-context';
import { ownCreditNote, ownInvoice } from './ownership';
import { fileReply, type PortalRouteHandlers } from './route-handler';

type DocumentRoutes =
  | 'listInvoices'
  | 'exportInvoices'
  | 'getInvoice'
  | 'getInvoiceDocument'
  | 'listCreditNotes'
  | 'getCreditNote'
  | 'getCreditNoteDocument';

const visible = (invoice: Invoice) => invoice.status !== 'draft';

/** Render options for one customer: the host's seller and layout, the customer's time zone. */
async function renderOptionsFor(portal: PortalContext, customerId: string, format: DocumentFormat) {
  const customer = await portal.billing.customers.get(customerId);
  return { ...portal.documents, format, timeZone: customer.timeZone };
}

/** The invoice and credit-note routes: lists with filters and cursors, details, documents in every format, a CSV of all. */
export const invoiceHandlers: Pick<PortalRouteHandlers, DocumentRoutes> = {
  async listInvoices({ portal, session, query }) {
    const overdue = query.overdue === 'true';
    if (overdue && query.status !== undefined && query.status !== 'open') return { items: [] };
    const filter = overdue
      ? { status: 'open' as const, dueBefore: portal.clock.now().toISOString() }
      : query.status === undefined
        ? {}
        : { status: query.status };
    const page = await portal.billing.invoices.list({
      customerId: session.customerId,
      limit: query.limit ?? 20,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      ...filter,
    });
    return {
      items: page.items.filter(visible),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  },
  async exportInvoices({ portal, session }) {
    const customer = await portal.billing.customers.get(session.customerId);
    const all = await listAll((page) => portal.billing.invoices.list({ ...page, customerId: session.customerId }));
    const csv = invoicesToCsv(all.filter(visible), { timeZone: customer.timeZone });
    return { body: csv, mediaType: 'text/csv; charset=utf-8; header=present', fileName: 'invoices.csv' };
  },
  async getInvoice({ portal, session, params }) {
    return ownInvoice(portal, session.customerId, params.invoiceId);
  },
  async getInvoiceDocument({ portal, session, params }) {
    const invoice = await ownInvoice(portal, session.customerId, params.invoiceId);
    return fileReply(await renderInvoice(invoice, await renderOptionsFor(portal, session.customerId, params.format)));
  },
  async listCreditNotes({ portal, session, query }) {
    if (query.invoiceId !== undefined) await ownInvoice(portal, session.customerId, query.invoiceId);
    const page = await portal.billing.creditNotes.list({
      customerId: session.customerId,
      limit: query.limit ?? 20,
      ...(query.invoiceId === undefined ? {} : { invoiceId: query.invoiceId }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return { items: [...page.items], ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  },
  async getCreditNote({ portal, session, params }) {
    return ownCreditNote(portal, session.customerId, params.creditNoteId);
  },
  async getCreditNoteDocument({ portal, session, params }) {
    const note = await ownCreditNote(portal, session.customerId, params.creditNoteId);
    const invoice = await ownInvoice(portal, session.customerId, note.invoiceId);
    return fileReply(
      await renderCreditNote(note, invoice, await renderOptionsFor(portal, session.customerId, params.format)),
    );
  },
};
