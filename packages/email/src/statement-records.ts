import { buildStatement, type Customer, listAll, type NotificationOf, type Statement } from '@billfold/core';
import type { EmailBillingReads } from './notification-records';

/**
 * The statement a `statement.issued` notification announces, built from every record of the customer read
 * through the engine. It is as of the period's end, or the newest record if one is later, so a re-sent
 * notification shows the same statement unless the records changed since.
 * @internal
 */
export async function statementOf(
  notification: NotificationOf<'statement.issued'>,
  customer: Customer,
  billing: EmailBillingReads,
): Promise<Statement> {
  const customerId = customer.id;
  const [invoices, payments, refunds, creditNotes, balanceTransactions] = await Promise.all([
    listAll((page) => billing.invoices.list({ customerId, ...page })),
    listAll((page) => billing.payments.list({ customerId, ...page })),
    listAll((page) => billing.payments.listRefunds({ customerId, ...page })),
    listAll((page) => billing.creditNotes.list({ customerId, ...page })),
    listAll((page) => billing.balance.transactions(customerId, page)),
  ]);
  return buildStatement({
    customer,
    invoices,
    payments,
    refunds,
    creditNotes,
    balanceTransactions,
    period: { start: notification.periodStart, end: notification.periodEnd },
  });
}
