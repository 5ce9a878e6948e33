import { buildStatement, type NotificationOf, readStatementRecords, type Statement } from '@billfold/core';
import type { EmailBillingReads } from './notification-records';

/**
 * The statement a `statement.issued` notification announces, built from every record of the customer read
 * through the engine (core's `readStatementRecords`, as the portal's statements are). It is as of the period's end,
 * or the newest record if one is later, so a re-sent notification shows the same statement unless the records
 * changed since.
 * @internal
 */
export async function statementOf(
  notification: NotificationOf<'statement.issued'>,
  billing: EmailBillingReads,
): Promise<Statement> {
  return buildStatement({
    ...(await readStatementRecords(billing, notification.customerId)),
    period: { start: notification.periodStart, end: notification.periodEnd },
  });
}
