import type { PaymentMethod } from '@billfold/core';

/**
 * The words of the built-in emails in one language: labels, and sentences with their values already formatted
 * (amounts, dates) and cleaned. `emailCatalog(messages)` makes a catalog of them; the built-in catalogs are
 * `englishEmails` and `germanEmails`.
 */
export interface EmailMessages {
  readonly greeting: (name: string) => string;
  readonly signOff: string;
  readonly attached: (files: string) => string;
  readonly automatic: (seller: string) => string;
  readonly methods: Readonly<Record<PaymentMethod, string>>;
  readonly labels: {
    readonly invoice: string;
    readonly amountDue: string;
    readonly dueDate: string;
    readonly total: string;
    readonly paidOn: string;
    readonly lateFee: string;
    readonly amount: string;
    readonly receivedOn: string;
    readonly method: string;
    readonly reference: string;
    readonly paidInvoices: string;
    readonly refund: string;
    readonly refundedOn: string;
    readonly reason: string;
    readonly creditNote: string;
    readonly subscription: string;
    readonly closingBalance: (currency: string) => string;
    readonly openInvoices: (currency: string) => string;
  };
  /** Where an invoice stands: due later, due today, `days` past due, or no due date. */
  readonly due: {
    readonly later: (invoice: string, amount: string, date: string) => string;
    readonly today: (invoice: string, amount: string, date: string) => string;
    readonly past: (invoice: string, amount: string, date: string, days: number) => string;
    readonly open: (invoice: string, amount: string) => string;
  };
  readonly finalized: {
    readonly subject: (invoice: string, seller: string) => string;
    readonly heading: (invoice: string) => string;
    readonly body: (invoice: string, amount: string, dueDate: string | undefined) => string;
  };
  readonly paid: {
    readonly subject: (invoice: string) => string;
    readonly body: (invoice: string) => string;
  };
  readonly reminder: {
    readonly subject: (invoice: string, step: number) => string;
    readonly heading: string;
    readonly alreadyPaid: string;
  };
  readonly overdue: {
    readonly subject: (invoice: string) => string;
    readonly heading: (invoice: string) => string;
    readonly payNow: string;
  };
  readonly fee: {
    readonly subject: (invoice: string) => string;
    readonly heading: string;
    readonly body: (invoice: string, fee: string, feeInvoice: string | undefined) => string;
  };
  readonly received: {
    readonly subject: (amount: string) => string;
    readonly heading: string;
    readonly body: (amount: string) => string;
    readonly credit: (amount: string) => string;
  };
  readonly failed: {
    readonly subject: (invoice: string) => string;
    readonly heading: string;
    readonly body: (invoice: string, reason: string | undefined) => string;
    readonly retry: (date: string) => string;
    readonly payOtherWay: string;
  };
  readonly refunded: {
    readonly subject: (amount: string) => string;
    readonly heading: string;
    readonly body: (amount: string, payment: string, receivedOn: string) => string;
  };
  readonly creditNote: {
    readonly subject: (creditNote: string, invoice: string) => string;
    readonly heading: (creditNote: string) => string;
    readonly body: (creditNote: string, amount: string, invoice: string) => string;
    readonly credit: (amount: string) => string;
  };
  readonly pastDue: {
    readonly subject: (plan: string) => string;
    readonly heading: string;
    readonly body: (plan: string) => string;
  };
  readonly suspended: {
    readonly subject: (plan: string) => string;
    readonly heading: string;
    readonly body: (plan: string) => string;
  };
  readonly resumed: {
    readonly subject: (plan: string) => string;
    readonly heading: string;
    readonly body: (plan: string) => string;
  };
  readonly statement: {
    readonly period: (start: string, end: string) => string;
    readonly subject: (period: string) => string;
    readonly heading: string;
    readonly body: (period: string) => string;
    readonly sign: string;
  };
}
