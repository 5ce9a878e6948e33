import type { CollectionFeeKind } from '../domain/collection-fee';
import type { Payment } from '../domain/payment';

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
}
