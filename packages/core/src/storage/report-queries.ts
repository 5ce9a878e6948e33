import type { CollectionFeeKind } from '../domain/collection-fee';
import type { Payment } from '../domain/payment';
import type { FailedPaymentRow } from './failed-payment-row';

/** The aging buckets: not yet due, then days past the due date (the customer's calendar days). */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;

/** One aging bucket; see {@link AGING_BUCKETS}. */
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** What one customer owes in one currency in one aging bucket. */
export interface AgingCell {
  readonly customerId: string;
  /** The name on the customer's newest open invoice in this currency (its id when it has no snapshot). */
  readonly customerName: string;
  readonly currency: string;
  readonly bucket: AgingBucket;
  /** Σ `amountRemaining`, exact. */
  readonly amount: string;
  readonly invoices: number;
}

/** A payment received, with the invoices it was allocated to. */
export interface ReceivedPayment {
  readonly payment: Payment;
  /** Each allocation with the number of its invoice. */
  readonly allocations: readonly { readonly invoiceId: string; readonly number?: string; readonly amount: string }[];
}

/** Invoices paid in a range, by the last reminder step reached before payment (0: paid without a reminder). */
export interface StepRecovery {
  readonly currency: string;
  readonly reminderStep: number;
  readonly invoices: number;
  /** Σ `amountPaid` of those invoices. */
  readonly amount: string;
}

/** What was invoiced in a range and what is still owed of invoices issued before its end, per currency. */
export interface Receivables {
  readonly currency: string;
  /** Σ `total` of the finalized, not voided invoices issued in the range. */
  readonly invoiced: string;
  readonly invoicesIssued: number;
  /** Σ `amountRemaining` of the open invoices issued before the range's end. */
  readonly receivable: string;
  readonly openInvoices: number;
}

/** Past-due fees created in a range, per currency and kind. */
export interface FeeTotals {
  readonly currency: string;
  readonly kind: CollectionFeeKind;
  readonly fees: number;
  /** Σ `amount` of every fee created in the range. */
  readonly charged: string;
  /** Σ `amount` of those since waived. */
  readonly waived: string;
}

/** A range of instants, `[from, to)`, in the stored ISO UTC form. */
export interface ReportRange {
  readonly from: string;
  readonly to: string;
}

/** A range of calendar months, both included: `{ fromMonth: '2026-01', toMonth: '2026-12' }`. */
export interface MonthRange {
  readonly fromMonth: string;
  readonly toMonth: string;
}

/** Revenue of one billing code recognised in one month, in one currency. */
export interface RevenueCell {
  readonly month: string;
  readonly currency: string;
  /** The line's billing code; `(none)` for lines without one, `(credit)` for credits tied to no invoice line. */
  readonly billingCode: string;
  /** The category of the product with that billing code; `(none)` when no product has it. */
  readonly category: string;
  /** Σ the invoice lines' `taxableAmount` recognised in the month (after discounts, before tax). */
  readonly invoiced: string;
  /** Σ the credit-note lines' net amount recognised in the month. */
  readonly credited: string;
}

/** The customers who signed up in one month and how long they took to their first invoice and payment. */
export interface SignupCohort {
  /** `2026-03`: the month of `createdAt` in the customer's calendar (their `timeZone`). */
  readonly month: string;
  readonly customers: number;
  /** Of them, those with an issued invoice, and Σ milliseconds from sign-up to their first one (an integer). */
  readonly invoiced: number;
  readonly msToFirstInvoice: string;
  /** Of them, those with a received payment, and Σ milliseconds from sign-up to their first one. */
  readonly paid: number;
  readonly msToFirstPayment: string;
}

/** Trials that ended in one month (the customer's calendar), and how many became paying subscriptions. */
export interface TrialCohort {
  readonly month: string;
  readonly trials: number;
  /** Not canceled or ended at or before the trial's end. */
  readonly converted: number;
}

/**
 * The reasons of a credit note that change MRR: a credit-note line with one of them that corrects a `subscription`
 * invoice line lowers that line's recurring amount — the price was changed or discounted (`order_change`), or the
 * charge should not have been (`duplicate`, `fraudulent`). A credit for a bad experience (`product_unsatisfactory`)
 * or anything else (`other`) is a one-off refund or goodwill: revenue counts it, MRR does not, as the recurring price
 * the customer pays is unchanged.
 */
export const MRR_CORRECTING_CREDIT_REASONS = ['order_change', 'duplicate', 'fraudulent'] as const;

/** One customer's monthly recurring revenue at the end of one month, in one currency (more than zero). */
export interface RecurringRevenueCell {
  readonly month: string;
  readonly currency: string;
  readonly customerId: string;
  /**
   * Σ the monthly rate (`monthlyRate`) of the subscription lines whose service period covers the month's end, each
   * of its `taxableAmount` less the credit-note lines that correct it for a reason in
   * {@link MRR_CORRECTING_CREDIT_REASONS} (nothing when that leaves zero or less).
   */
  readonly mrr: string;
}

/** Imported bank credits waiting for a person, per currency and status. */
export interface WaitingBankCredits {
  readonly currency: string;
  readonly status: 'proposed' | 'unmatched';
  readonly credits: number;
  readonly amount: string;
  /** The oldest value date among them (`YYYY-MM-DD`), when any has one. */
  readonly oldestValueDate?: string;
}

/** Gateway payouts not yet reconciled with a bank deposit, or waiting for a person, per currency and status. */
export interface PendingPayouts {
  readonly currency: string;
  /** `in_transit`: the bank deposit is awaited; `review`: a mismatch waits for a person (deposited or not). */
  readonly status: 'in_transit' | 'review';
  readonly payouts: number;
  /** Σ `net`. */
  readonly amount: string;
  /** The earliest arrival date among them (`YYYY-MM-DD`). */
  readonly oldestArrivalDate: string;
}

/** Payments with money no invoice took (it became customer credit), per currency. */
export interface UnappliedPayments {
  readonly currency: string;
  readonly payments: number;
  /** Σ `unapplied` of succeeded payments. */
  readonly unapplied: string;
}

/**
 * The queries behind the reports, answered set-based where an adapter can (`BillingStorageAdapter.reports`) or
 * from `list` calls (`listReportQueries`). Amounts are exact decimal strings (compared by value); rows come in no
 * particular order (the reports sort them).
 */
export interface ReportQueries {
  /**
   * The open invoices issued at or before `asOf` with something remaining, summed by customer, currency and aging
   * bucket: days past due are `localDay(asOf) − localDay(dueAt)` in the time zone of the invoice's customer
   * snapshot (UTC without one); 0 or less is `current` (also for invoices without a due date).
   */
  aging(query: { readonly asOf: string }): Promise<AgingCell[]>;
  /** Payments with `receivedAt` in the range and status `succeeded`, `partially_refunded` or `refunded`. */
  paymentsReceived(query: ReportRange): Promise<ReceivedPayment[]>;
  /** Invoices with status `paid` and `paidAt` in the range, by currency and `remindersSent`. */
  recoveredByStep(query: ReportRange): Promise<StepRecovery[]>;
  /** Per currency; see {@link Receivables}. */
  receivables(query: ReportRange): Promise<Receivables[]>;
  /** Fees with `createdAt` in the range, per currency and kind. */
  fees(query: ReportRange): Promise<FeeTotals[]>;
  /**
   * Revenue recognised over the service period (`recogniseOverPeriod`, in the time zone of the invoice's customer
   * snapshot, UTC without one) of the lines of finalized invoices (`open`, `paid`, `uncollectible`) and of the credit
   * notes against them; a line without a period is recognised in the month of issue, a credit-note line over the
   * period of the invoice line it corrects (else in the credit note's month). Only the months of the range.
   * Amounts are split at the larger of the currency's minor units and the amount's own scale.
   */
  recognisedRevenue(query: MonthRange): Promise<RevenueCell[]>;
  /** Customers created in the range (instants), by month of sign-up in their own time zone. */
  signups(query: ReportRange): Promise<SignupCohort[]>;
  /** Subscriptions whose `trialEnd` is in the range (instants), by month in their customer's time zone. */
  trials(query: ReportRange): Promise<TrialCohort[]>;
  /**
   * Per customer, month and currency, the MRR of the `subscription` lines of finalized invoices whose service
   * period (local days `[start, end)`) covers the month's last day, for the months of the range; a line counts what
   * is left of it after its price corrections (see {@link RecurringRevenueCell.mrr}).
   */
  recurringRevenue(query: MonthRange): Promise<RecurringRevenueCell[]>;
  /** Bank credits proposed or unmatched, per currency and status. */
  waitingBankCredits(): Promise<WaitingBankCredits[]>;
  /** Payments `succeeded` or `partially_refunded` with something unapplied, per currency. */
  unappliedPayments(): Promise<UnappliedPayments[]>;
  /**
   * The payment attempts `failed` with a decline whose `failedAt` (else `updatedAt`) is in the range, each with its
   * invoice's number and status as they are now: the rows `failedPaymentRow` makes.
   */
  failedPayments(query: ReportRange): Promise<FailedPaymentRow[]>;
  /** Payouts `in_transit` or in `review`, per currency and status (none for an adapter without payouts). */
  pendingPayouts(): Promise<PendingPayouts[]>;
}
