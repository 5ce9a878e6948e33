import type { MrrReport, OnboardingReport, RevenueReport, UnreconciledCashReport } from '@billfold/core';
import { csvDocument as document, csvNumber, csvText } from '../csv/csv-cell';

/*
 * The business reports of core (revenue, onboarding, MRR, unreconciled cash) as CSV, in the form of
 * reports-to-csv.ts: RFC 4180, CRLF, stable snake_case columns, plain decimals, text neutralised against formulas.
 */

/** The columns of {@link revenueReportToCsv}, in order. */
export const REVENUE_CSV_COLUMNS = [
  'level',
  'month',
  'currency',
  'billing_code',
  'category',
  'invoiced',
  'credited',
  'net',
] as const;

/** The columns of {@link onboardingReportToCsv}, in order. */
export const ONBOARDING_CSV_COLUMNS = [
  'month',
  'new_customers',
  'invoiced',
  'average_days_to_first_invoice',
  'paid',
  'average_days_to_first_payment',
  'trials_ended',
  'trials_converted',
  'conversion_rate',
] as const;

/** The columns of {@link mrrReportToCsv}, in order. */
export const MRR_CSV_COLUMNS = [
  'month',
  'currency',
  'opening',
  'new',
  'expansion',
  'contraction',
  'churn',
  'closing',
  'arr',
  'customers',
  'new_customers',
  'churned_customers',
] as const;

/** The columns of {@link unreconciledCashToCsv}, in order. */
export const UNRECONCILED_CASH_CSV_COLUMNS = [
  'currency',
  'proposed_credits',
  'proposed_amount',
  'unmatched_credits',
  'unmatched_amount',
  'oldest_value_date',
  'unapplied_payments',
  'unapplied_amount',
  'payouts_in_transit',
  'payouts_in_transit_amount',
  'payouts_in_review',
  'payouts_in_review_amount',
  'oldest_payout_arrival_date',
] as const;

/**
 * Recognised revenue as CSV: a `billing_code` record per month, currency and code, then `category` and `total`
 * records (the `level` column says which).
 */
export function revenueReportToCsv(report: RevenueReport): string {
  const amounts = (row: { invoiced: string; credited: string; net: string }) =>
    [row.invoiced, row.credited, row.net].map(csvNumber);
  return document(REVENUE_CSV_COLUMNS, [
    ...report.byBillingCode.map((r) => [
      'billing_code',
      r.month,
      csvText(r.currency),
      csvText(r.billingCode),
      csvText(r.category),
      ...amounts(r),
    ]),
    ...report.byCategory.map((r) => ['category', r.month, csvText(r.currency), '', csvText(r.category), ...amounts(r)]),
    ...report.totals.map((r) => ['total', r.month, csvText(r.currency), '', '', ...amounts(r)]),
  ]);
}

/** Customer onboarding as CSV: one record per month with sign-ups and trials ended. */
export function onboardingReportToCsv(report: OnboardingReport): string {
  const months = [...new Set([...report.signups.map((s) => s.month), ...report.trials.map((t) => t.month)])].sort();
  return document(
    ONBOARDING_CSV_COLUMNS,
    months.map((month) => {
      const s = report.signups.find((row) => row.month === month);
      const t = report.trials.find((row) => row.month === month);
      return [
        month,
        String(s?.newCustomers ?? 0),
        String(s?.invoiced ?? 0),
        csvNumber(s?.averageDaysToFirstInvoice),
        String(s?.paid ?? 0),
        csvNumber(s?.averageDaysToFirstPayment),
        String(t?.trials ?? 0),
        String(t?.converted ?? 0),
        csvNumber(t?.conversionRate),
      ];
    }),
  );
}

/** MRR movements as CSV: one record per month and currency. */
export function mrrReportToCsv(report: MrrReport): string {
  return document(
    MRR_CSV_COLUMNS,
    report.months.map((m) => [
      m.month,
      csvText(m.currency),
      ...[m.opening, m.new, m.expansion, m.contraction, m.churn, m.closing, m.arr].map(csvNumber),
      String(m.customers),
      String(m.newCustomers),
      String(m.churnedCustomers),
    ]),
  );
}

/** Unreconciled cash as CSV: one record per currency (bank credits waiting, unapplied payments, payouts pending). */
export function unreconciledCashToCsv(report: UnreconciledCashReport): string {
  return document(
    UNRECONCILED_CASH_CSV_COLUMNS,
    report.currencies.map((c) => [
      csvText(c.currency),
      String(c.proposed.credits),
      csvNumber(c.proposed.amount),
      String(c.unmatched.credits),
      csvNumber(c.unmatched.amount),
      c.oldestValueDate ?? '',
      String(c.unapplied.payments),
      csvNumber(c.unapplied.amount),
      String(c.payouts.inTransit.payouts),
      csvNumber(c.payouts.inTransit.amount),
      String(c.payouts.review.payouts),
      csvNumber(c.payouts.review.amount),
      c.payouts.oldestArrivalDate ?? '',
    ]),
  );
}
