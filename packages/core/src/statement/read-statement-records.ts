import type { CreditNote } from '../domain/credit-note';
import type { Customer } from '../domain/customer';
import type { Invoice } from '../domain/invoice';
import { listAll } from '../domain/list-all';
import type { BalanceTransaction, Payment, Refund } from '../domain/payment';
import type { CreditNoteService } from '../engine/credit-notes/credit-note-service';
import type { CustomerService } from '../engine/customers/customer-service';
import type { InvoiceService } from '../engine/invoices/invoice-service';
import type { BalanceService } from '../engine/ledger/balance-service';
import type { PaymentService } from '../engine/payments/payment-service';

/** The engine reads a statement is gathered through; a `Billing` from `createBilling` has them all. */
export interface StatementReads {
  readonly customers: Pick<CustomerService, 'get'>;
  readonly invoices: Pick<InvoiceService, 'list'>;
  readonly payments: Pick<PaymentService, 'list' | 'listRefunds'>;
  readonly creditNotes: Pick<CreditNoteService, 'list'>;
  readonly balance: Pick<BalanceService, 'transactions'>;
}

/** A customer and every record of theirs a statement is built from: `buildStatement`'s input but the period. */
export interface StatementRecords {
  readonly customer: Customer;
  readonly invoices: Invoice[];
  readonly payments: Payment[];
  readonly refunds: Refund[];
  readonly creditNotes: CreditNote[];
  readonly balanceTransactions: BalanceTransaction[];
}

/**
 * Reads a customer and all their invoices, payments, refunds, credit notes and balance entries (every page, all
 * time, every currency) through the engine: what {@link buildStatement} needs besides the period. The email
 * notifier's statements and the portal's are gathered here, so both show the same.
 *
 * @throws BillingError `not_found` for an unknown customer.
 * @example
 * ```ts
 * const statement = buildStatement({
 *   ...(await readStatementRecords(billing, customerId)),
 *   period: { start: '2026-03-01', end: '2026-03-31' },
 * });
 * ```
 */
export async function readStatementRecords(reads: StatementReads, customerId: string): Promise<StatementRecords> {
  const [customer, invoices, payments, refunds, creditNotes, balanceTransactions] = await Promise.all([
    reads.customers.get(customerId),
    listAll((page) => reads.invoices.list({ customerId, ...page })),
    listAll((page) => reads.payments.list({ customerId, ...page })),
    listAll((page) => reads.payments.listRefunds({ customerId, ...page })),
    listAll((page) => reads.creditNotes.list({ customerId, ...page })),
    listAll((page) => reads.balance.transactions(customerId, page)),
  ]);
  return { customer, invoices, payments, refunds, creditNotes, balanceTransactions };
}
