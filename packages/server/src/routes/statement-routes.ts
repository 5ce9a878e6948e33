import { ACCOUNT_DOCUMENT_MEDIA_TYPES } from '../schemas/document-views';
import { StatementDocumentParamsSchema } from '../schemas/statement-views';
import { defineRoute } from './route-contract';

/** Monthly account statements. */
export const statementRoutes = {
  getStatementDocument: defineRoute({
    method: 'GET',
    path: '/statements/{month}/documents/{format}',
    tag: 'statements',
    summary: 'The account statement of a month (YYYY-MM, in the customer’s time zone) as PDF, HTML or CSV',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: StatementDocumentParamsSchema,
    response: { kind: 'file', mediaTypes: ACCOUNT_DOCUMENT_MEDIA_TYPES },
  }),
} as const;
