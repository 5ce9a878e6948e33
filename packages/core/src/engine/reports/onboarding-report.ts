import { divFixed, formatFixed } from '../../money/fixed';
import type { ReportRange, SignupCohort, TrialCohort } from '../../storage/report-queries';

const DAY_MS = 86_400_000n;

/** New customers of one month and how long they took to be invoiced and to pay. */
export interface SignupRow {
  readonly month: string;
  readonly newCustomers: number;
  /** Of them, how many have an invoice, and the average days from sign-up to the first (one decimal). */
  readonly invoiced: number;
  readonly averageDaysToFirstInvoice?: string;
  /** Of them, how many have paid, and the average days from sign-up to the first payment (one decimal). */
  readonly paid: number;
  readonly averageDaysToFirstPayment?: string;
}

/** Trials that ended in one month and how many converted. */
export interface TrialRow {
  readonly month: string;
  readonly trials: number;
  readonly converted: number;
  /** `converted / trials` in percent, one decimal. */
  readonly conversionRate: string;
}

/**
 * Customer onboarding: sign-ups per month (in each customer's time zone), time to first invoice and payment, trial
 * conversion.
 */
export interface OnboardingReport extends ReportRange {
  readonly signups: readonly SignupRow[];
  readonly trials: readonly TrialRow[];
}

const averageDays = (totalMs: string, count: number) =>
  count === 0
    ? undefined
    : formatFixed(divFixed({ units: BigInt(totalMs), scale: 0 }, { units: DAY_MS * BigInt(count), scale: 0 }, 1, 'half-up'), 1);

/**
 * The onboarding report (pure). Three customers signed up in March, invoiced after 0, 1 and 2 days: average 1.0;
 * 4 trials ended, 3 converted: 75.0 %.
 */
export function buildOnboardingReport(
  signups: readonly SignupCohort[],
  trials: readonly TrialCohort[],
  range: ReportRange,
): OnboardingReport {
  const byMonth = <T extends { month: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.month < b.month ? -1 : 1));
  return {
    from: range.from,
    to: range.to,
    signups: byMonth(signups).map((c) => {
      const toInvoice = averageDays(c.msToFirstInvoice, c.invoiced);
      const toPayment = averageDays(c.msToFirstPayment, c.paid);
      return {
        month: c.month,
        newCustomers: c.customers,
        invoiced: c.invoiced,
        ...(toInvoice !== undefined ? { averageDaysToFirstInvoice: toInvoice } : {}),
        paid: c.paid,
        ...(toPayment !== undefined ? { averageDaysToFirstPayment: toPayment } : {}),
      };
    }),
    trials: byMonth(trials).map((t) => ({
      month: t.month,
      trials: t.trials,
      converted: t.converted,
      conversionRate: formatFixed(
        divFixed({ units: BigInt(t.converted) * 100n, scale: 0 }, { units: BigInt(t.trials), scale: 0 }, 1, 'half-up'),
        1,
      ),
    })),
  };
}
