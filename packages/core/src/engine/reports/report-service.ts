import { z } from 'zod';
import { InstantInputSchema } from '../../domain/common';
import { validate } from '../../errors/validate';
import { reportQueries } from '../../storage/list-report-queries';
import type { EngineContext } from '../context';
import { type AgingReport, buildAgingReport } from './aging-report';
import { buildCollectionsEffectiveness, type CollectionsEffectivenessReport } from './collections-effectiveness';
import { monthsBetween, previousMonth } from '../../periods/recognise-revenue';
import { buildMrrReport, type MrrReport } from './mrr-report';
import { buildOnboardingReport, type OnboardingReport } from './onboarding-report';
import { buildPaymentConfirmation, type PaymentConfirmationReport } from './payment-confirmation';
import { buildRevenueReport, type RevenueReport } from './revenue-report';
import { buildUnreconciledCashReport, type UnreconciledCashReport } from './unreconciled-cash-report';
import { buildFailedPaymentsReport, type FailedPaymentsReport } from './failed-payments';

/** Options of `reports.aging`. */
export const AgingReportOptionsSchema = z.strictObject({ asOf: InstantInputSchema.optional() }).default({});

/** Options of `reports.aging`; see {@link AgingReportOptionsSchema}. */
export type AgingReportOptions = z.input<typeof AgingReportOptionsSchema>;

/** A range of instants `[from, to)` for a report. */
export const ReportRangeSchema = z
  .strictObject({ from: InstantInputSchema, to: InstantInputSchema })
  .refine((range) => range.from < range.to, { path: ['to'], message: 'must be after from' });

/** A range of instants `[from, to)` for a report; see {@link ReportRangeSchema}. */
export type ReportRangeInput = z.input<typeof ReportRangeSchema>;

/** A calendar month, `YYYY-MM`. */
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** A range of months, both included, at most 10 years. */
export const MonthRangeSchema = z
  .strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema })
  .refine((range) => range.fromMonth <= range.toMonth, { path: ['toMonth'], message: 'must not be before fromMonth' })
  .refine((range) => monthsBetween(range.fromMonth, range.toMonth).length <= 120, {
    path: ['toMonth'],
    message: 'at most 120 months',
  });

/** A range of months; see {@link MonthRangeSchema}. */
export type MonthRangeInput = z.input<typeof MonthRangeSchema>;

/**
 * Reports over the stored records, answered set-based by the storage when it can (`storage.reports`), else from
 * its `list` calls. Read-only.
 */
export interface ReportService {
  /**
   * Customer aging as of an instant (default now): open invoices' `amountRemaining` by days past due (current,
   * 1–30, 31–60, 61–90, over 90), counted in each customer's calendar days, per customer and currency.
   */
  aging(options?: AgingReportOptions): Promise<AgingReport>;
  /** Payment confirmation: payments received in `[from, to)` with their allocations, and totals per currency. */
  paymentConfirmation(range: ReportRangeInput): Promise<PaymentConfirmationReport>;
  /** Collections effectiveness in `[from, to)`: DSO, what was recovered at which reminder step, fees. */
  collectionsEffectiveness(range: ReportRangeInput): Promise<CollectionsEffectivenessReport>;
  /**
   * Revenue per month by billing code, product category and in total (invoiced, credited, net), recognised over
   * each line's service period day by day, not by issue date.
   * @example
   * ```ts
   * const { totals } = await billing.reports.revenue({ fromMonth: '2026-01', toMonth: '2026-12' });
   * ```
   */
  revenue(range: MonthRangeInput): Promise<RevenueReport>;
  /** Customer onboarding in `[from, to)`: new customers per month, days to first invoice and payment, trial conversion. */
  onboarding(range: ReportRangeInput): Promise<OnboardingReport>;
  /** MRR and ARR at the end of each month of the range, with new, expansion, contraction and churn movements. */
  mrr(range: MonthRangeInput): Promise<MrrReport>;
  /**
   * Bank credits waiting for a person, payments no invoice took, and gateway payouts awaiting their bank deposit or a
   * person, per currency, now.
   */
  unreconciledCash(): Promise<UnreconciledCashReport>;
  /**
   * Failed payments in `[from, to)`: the gateway declines recorded (decline code, message, soft or hard, the retry
   * planned), per decline code, and per currency how many of their invoices were recovered since. Read set-based
   * by the storage when it can (`storage.reports.failedPayments`), else from `paymentAttempts.list`.
   */
  failedPayments(range: ReportRangeInput): Promise<FailedPaymentsReport>;
}

/** Creates the report service over an engine context. */
export function createReportService(ctx: EngineContext): ReportService {
  const queries = () => reportQueries(ctx.storage);
  const range = (input: ReportRangeInput) => validate(ReportRangeSchema, input, 'range');
  return {
    async aging(options) {
      const asOf = validate(AgingReportOptionsSchema, options, 'options').asOf ?? ctx.clock.now().toISOString();
      return buildAgingReport(await queries().aging({ asOf }), asOf);
    },
    async paymentConfirmation(input) {
      const parsed = range(input);
      return buildPaymentConfirmation(await queries().paymentsReceived(parsed), parsed);
    },
    async collectionsEffectiveness(input) {
      const parsed = range(input);
      const q = queries();
      const [receivables, recovered, fees] = [
        await q.receivables(parsed),
        await q.recoveredByStep(parsed),
        await q.fees(parsed),
      ];
      return buildCollectionsEffectiveness({ receivables, recovered, fees }, parsed);
    },
    async revenue(input) {
      const parsed = validate(MonthRangeSchema, input, 'range');
      return buildRevenueReport(await queries().recognisedRevenue(parsed), parsed);
    },
    async onboarding(input) {
      const parsed = range(input);
      const q = queries();
      return buildOnboardingReport(await q.signups(parsed), await q.trials(parsed), parsed);
    },
    async mrr(input) {
      const parsed = validate(MonthRangeSchema, input, 'range');
      const cells = await queries().recurringRevenue({ ...parsed, fromMonth: previousMonth(parsed.fromMonth) });
      return buildMrrReport(cells, parsed);
    },
    async unreconciledCash() {
      const q = queries();
      const [waiting, unapplied, pending] = [
        await q.waitingBankCredits(),
        await q.unappliedPayments(),
        await q.pendingPayouts(),
      ];
      return buildUnreconciledCashReport(waiting, unapplied, ctx.clock.now().toISOString(), pending);
    },
    async failedPayments(input) {
      const parsed = range(input);
      return buildFailedPaymentsReport(await queries().failedPayments(parsed), parsed);
    },
  };
}
