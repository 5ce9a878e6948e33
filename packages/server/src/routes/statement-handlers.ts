import { buildStatement, readStatementRecords } from '@billfold/core';
import { renderStatement } from '@billfold/documents';
import { fileReply, type PortalRouteHandlers } from './route-handler';
import { statementMonth } from './statement-month';

/**
 * The monthly statement: the customer's records read through the engine as the email notifier reads them (core's
 * `readStatementRecords`), built by `buildStatement` for the month in their time zone, rendered by the documents.
 */
export const statementHandlers: Pick<PortalRouteHandlers, 'getStatementDocument'> = {
  async getStatementDocument({ portal, session, params }) {
    const records = await readStatementRecords(portal.billing, session.customerId);
    const month = statementMonth(params.month, portal.clock.now(), records.customer.timeZone);
    const statement = buildStatement({ ...records, ...month });
    return fileReply(await renderStatement(statement, { ...portal.documents, format: params.format }));
  },
};
