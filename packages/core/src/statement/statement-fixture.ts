import { listAll } from '../domain/list-all';
import type { Billing } from '../engine/create-billing';

/**
 * Every record of a customer that a statement reads, through the engine's public lists. For the statement tests.
 * @internal
 */
export async function customerRecords(billing: Billing, customerId: string) {
  return {
    customer: await billing.customers.get(customerId),
    invoices: await listAll((page) => billing.invoices.list({ customerId, ...page })),
    payments: await listAll((page) => billing.payments.list({ customerId, ...page })),
    refunds: await listAll((page) => billing.payments.listRefunds({ customerId, ...page })),
    creditNotes: await listAll((page) => billing.creditNotes.list({ customerId, ...page })),
    balanceTransactions: await listAll((page) => billing.balance.transactions(customerId, page)),
  };
}
