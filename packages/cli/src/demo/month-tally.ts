import type { CollectionsRunSummary, Invoice, Payment, RunCycleSummary } from '@billfold/core';
import { CurrencyTotals } from '../money-totals';
import type { DemoPaymentMethod } from './seed-customers';

/** What happened in one demo month, counted from the results of the operations as they ran. */
export class MonthTally {
  /** Invoices finalized, and their totals per currency. */
  invoices = 0;
  readonly invoiced = new CurrencyTotals();
  /** Payments recorded, their amounts per currency, and how many came by each method. */
  payments = 0;
  readonly received = new CurrencyTotals();
  readonly paymentMethods: Record<DemoPaymentMethod, number> = { cash: 0, cheque: 0, bank_transfer: 0 };
  /** Credit notes issued, and their totals per currency. */
  creditNotes = 0;
  readonly credited = new CurrencyTotals();
  /** Subscription events: new subscriptions, plan changes, static IPs added, cancellations, pauses. */
  signups = 0;
  upgrades = 0;
  downgrades = 0;
  addOns = 0;
  cancellations = 0;
  /** Subscriptions paused. */
  pauses = 0;
  /** Usage events uploaded. */
  usageEvents = 0;
  /** Data transfer uploaded, in tenths of a GB (the demo's events carry one decimal), so sums stay exact. */
  usageTenthsGb = 0;
  /** Subscriptions a billing run could not bill (and invoices collections could not collect), with the reason. */
  readonly runErrors: string[] = [];
  /** Collections: reminders sent, invoices that became overdue, subscriptions suspended for non-payment. */
  reminders = 0;
  overdue = 0;
  suspended = 0;
  /** Late fees charged (reminder fees and interest, billed on invoices also counted in `invoices`), before tax. */
  fees = 0;
  readonly feesCharged = new CurrencyTotals();

  /** Counts finalized invoices returned by an operation. */
  addInvoices(invoices: readonly Invoice[]): void {
    for (const invoice of invoices) {
      this.invoices += 1;
      this.invoiced.add(invoice.currency, invoice.total);
    }
  }

  /** Counts what a billing run invoiced. */
  addRun(summary: RunCycleSummary): void {
    this.invoices += summary.invoicesCreated;
    for (const [currency, total] of Object.entries(summary.totalsByCurrency)) this.invoiced.add(currency, total);
    for (const error of summary.errors) this.runErrors.push(`${error.subscriptionId}: ${error.code} ${error.message}`);
  }

  /** Counts what a collections run did; the invoices that bill its fees count as invoices made. */
  addCollections(summary: CollectionsRunSummary): void {
    this.invoices += summary.invoicesCreated;
    for (const [currency, total] of Object.entries(summary.totalsByCurrency)) this.invoiced.add(currency, total);
    this.reminders += summary.remindersSent;
    this.overdue += summary.invoicesOverdue;
    this.suspended += summary.dunning.suspended;
    this.fees += summary.feesCharged;
    for (const [currency, amount] of Object.entries(summary.feesByCurrency)) this.feesCharged.add(currency, amount);
    for (const error of summary.errors) this.runErrors.push(`${error.invoiceId}: ${error.code} ${error.message}`);
  }

  /** Counts a recorded payment. */
  addPayment(payment: Payment): void {
    this.payments += 1;
    this.received.add(payment.currency, payment.amount);
    if (payment.method in this.paymentMethods) this.paymentMethods[payment.method as DemoPaymentMethod] += 1;
  }

  /** Counts an issued credit note. */
  addCreditNote(currency: string, total: string): void {
    this.creditNotes += 1;
    this.credited.add(currency, total);
  }

  /** The gigabytes uploaded this month, as a decimal string with one decimal (`"1234.5"`). */
  get usageGb(): string {
    return `${Math.floor(this.usageTenthsGb / 10)}.${this.usageTenthsGb % 10}`;
  }
}
