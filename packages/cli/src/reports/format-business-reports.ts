import type { MrrReport, OnboardingReport, RevenueReport, UnreconciledCashReport } from '@billfold/core';
import { table } from './format-reports';

/** The revenue report as text: per month and currency, each billing code with its category, then the total. */
export function formatRevenue(report: RevenueReport): string[] {
  const title = `Revenue recognised from ${report.fromMonth} to ${report.toMonth} (over each service period, net of discounts and tax)`;
  if (report.totals.length === 0) return [`${title}: none.`];
  const rows: string[][] = [];
  for (const total of report.totals) {
    for (const row of report.byBillingCode) {
      if (row.month === total.month && row.currency === total.currency) {
        rows.push([row.month, row.currency, row.billingCode, row.category, row.invoiced, row.credited, row.net]);
      }
    }
    rows.push([total.month, total.currency, 'Total', '', total.invoiced, total.credited, total.net]);
  }
  return [
    title,
    '',
    ...table(['Month', 'Currency', 'Billing code', 'Category', 'Invoiced', 'Credited', 'Net'], rows, 4),
  ];
}

/** The onboarding report as text: sign-ups per month, then trials ended per month. */
export function formatOnboarding(report: OnboardingReport): string[] {
  const lines = [`Customer onboarding from ${report.from} to ${report.to}`, ''];
  if (report.signups.length === 0) lines.push('No new customers.');
  else {
    lines.push(
      ...table(
        ['Month', 'New customers', 'Invoiced', 'Days to invoice', 'Paid', 'Days to payment'],
        report.signups.map((s) => [
          s.month,
          String(s.newCustomers),
          String(s.invoiced),
          s.averageDaysToFirstInvoice ?? '-',
          String(s.paid),
          s.averageDaysToFirstPayment ?? '-',
        ]),
        1,
      ),
    );
  }
  lines.push('');
  if (report.trials.length === 0) lines.push('No trials ended.');
  else {
    lines.push(
      ...table(
        ['Month', 'Trials ended', 'Converted', 'Rate %'],
        report.trials.map((t) => [t.month, String(t.trials), String(t.converted), t.conversionRate]),
        1,
      ),
    );
  }
  return lines;
}

/** The MRR report as text: one row per month and currency with its movements. */
export function formatMrr(report: MrrReport): string[] {
  const title = `MRR from ${report.fromMonth} to ${report.toMonth} (at each month's end)`;
  if (report.months.length === 0) return [`${title}: no recurring revenue.`];
  return [
    title,
    '',
    ...table(
      ['Month', 'Currency', 'Opening', 'New', 'Expansion', 'Contraction', 'Churn', 'MRR', 'ARR', 'Customers'],
      report.months.map((m) => [
        m.month,
        m.currency,
        m.opening,
        m.new,
        m.expansion,
        m.contraction,
        m.churn,
        m.closing,
        m.arr,
        String(m.customers),
      ]),
      2,
    ),
  ];
}

/**
 * The unreconciled-cash report as text: per currency, credits waiting, money no invoice took, and gateway payouts
 * awaiting their deposit or a person.
 */
export function formatUnreconciledCash(report: UnreconciledCashReport): string[] {
  const title = `Unreconciled cash as of ${report.asOf}`;
  if (report.currencies.length === 0) return [`${title}: none.`];
  return [
    title,
    '',
    ...table(
      [
        'Currency',
        'Proposed',
        'Amount',
        'Unmatched',
        'Amount',
        'Oldest',
        'Unapplied payments',
        'Amount',
        'Payouts in transit',
        'Amount',
        'In review',
        'Amount',
      ],
      report.currencies.map((c) => [
        c.currency,
        String(c.proposed.credits),
        c.proposed.amount,
        String(c.unmatched.credits),
        c.unmatched.amount,
        c.oldestValueDate ?? '-',
        String(c.unapplied.payments),
        c.unapplied.amount,
        String(c.payouts.inTransit.payouts),
        c.payouts.inTransit.amount,
        String(c.payouts.review.payouts),
        c.payouts.review.amount,
      ]),
      1,
    ),
  ];
}
