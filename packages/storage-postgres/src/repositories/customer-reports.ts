import {
  type FailedPaymentRow,
  failedPaymentRow,
  type Invoice,
  type PaymentAttempt,
  type PendingPayouts,
  type ReportQueries,
  type SignupCohort,
  type TrialCohort,
  type UnappliedPayments,
  type WaitingBankCredits,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';

/**
 * Sign-ups, trials, waiting bank credits, unapplied payments, pending payouts and failed payments in SQL, one statement each (two for
 * failed payments: the declines in the range, then their invoices), with the definitions of `listReportQueries`.
 * Milliseconds are summed exactly (`numeric` epochs); sign-up and trial months are the customer's (`AT TIME ZONE`
 * their `time_zone`).
 * @internal
 */
export function customerReportQueries(
  client: SqlClient,
  tables: BillingTables,
): Pick<
  ReportQueries,
  'signups' | 'trials' | 'waitingBankCredits' | 'unappliedPayments' | 'failedPayments' | 'pendingPayouts'
> {
  return {
    signups: ({ from, to }) =>
      client.query<SignupCohort & Record<string, unknown>>(
        `SELECT to_char(c."created_at" AT TIME ZONE c."time_zone", 'YYYY-MM') AS month, count(*)::int AS customers,
          count(fi.first)::int AS invoiced,
          coalesce(sum(extract(epoch FROM fi.first - c."created_at") * 1000), 0)::bigint::text AS "msToFirstInvoice",
          count(fp.first)::int AS paid,
          coalesce(sum(extract(epoch FROM fp.first - c."created_at") * 1000), 0)::bigint::text AS "msToFirstPayment"
        FROM ${tables.customers.name} c
        LEFT JOIN LATERAL (SELECT min(i."issued_at") AS first FROM ${tables.invoices.name} i
          WHERE i."customer_id" = c."id") fi ON true
        LEFT JOIN LATERAL (SELECT min(p."received_at") AS first FROM ${tables.payments.name} p
          WHERE p."customer_id" = c."id" AND p."status" IN ('succeeded', 'partially_refunded', 'refunded')) fp ON true
        WHERE c."created_at" >= $1::timestamptz AND c."created_at" < $2::timestamptz
        GROUP BY 1`,
        [from, to],
      ),
    trials: ({ from, to }) =>
      client.query<TrialCohort & Record<string, unknown>>(
        `SELECT to_char(t."trial_end" AT TIME ZONE coalesce(c."time_zone", 'UTC'), 'YYYY-MM') AS month,
          count(*)::int AS trials,
          count(*) FILTER (WHERE coalesce(t."canceled_at" > t."trial_end", true)
            AND coalesce(t."ended_at" > t."trial_end", true))::int AS converted
        FROM ${tables.subscriptions.name} t
        LEFT JOIN ${tables.customers.name} c ON c."id" = t."customer_id"
        WHERE t."trial_end" >= $1::timestamptz AND t."trial_end" < $2::timestamptz
        GROUP BY 1`,
        [from, to],
      ),
    async waitingBankCredits() {
      const rows = await client.query<Omit<WaitingBankCredits, 'oldestValueDate'> & { oldest: string | null }>(
        `SELECT t."currency", t."status", count(*)::int AS credits, sum(t."amount")::text AS amount,
          min(t."value_date") AS oldest
        FROM ${tables.bankCredits.name} t WHERE t."status" IN ('proposed', 'unmatched')
        GROUP BY t."currency", t."status"`,
      );
      return rows.map(({ oldest, ...row }) => ({ ...row, ...(oldest !== null ? { oldestValueDate: oldest } : {}) }));
    },
    unappliedPayments: () =>
      client.query<UnappliedPayments & Record<string, unknown>>(
        `SELECT t."currency", count(*)::int AS payments, sum(t."unapplied")::text AS unapplied
        FROM ${tables.payments.name} t
        WHERE t."status" IN ('succeeded', 'partially_refunded') AND t."unapplied" > 0
        GROUP BY t."currency"`,
      ),
    pendingPayouts: () =>
      client.query<PendingPayouts & Record<string, unknown>>(
        `SELECT t."currency", t."status", count(*)::int AS payouts, sum(t."net")::text AS amount,
          min(t."arrival_date") AS "oldestArrivalDate"
        FROM ${tables.payouts.name} t WHERE t."status" IN ('in_transit', 'review')
        GROUP BY t."currency", t."status"`,
      ),
    async failedPayments(range) {
      const attempts = tables.paymentAttempts;
      const declined = (
        await client.query(
          `${attempts.select} WHERE t."status" = 'failed' AND t."decline" IS NOT NULL
            AND coalesce(t."failed_at", t."updated_at") >= $1::timestamptz
            AND coalesce(t."failed_at", t."updated_at") < $2::timestamptz`,
          [range.from, range.to],
        )
      ).map((row) => attempts.toRecord(row) as PaymentAttempt);
      const ids = [...new Set(declined.map((attempt) => attempt.invoiceId))];
      const invoices =
        ids.length === 0
          ? []
          : await client.query<{ id: string; number: string | null; status: Invoice['status'] }>(
              `SELECT t."id", t."number", t."status" FROM ${tables.invoices.name} t WHERE t."id" = ANY($1::text[])`,
              [ids],
            );
      const byId = new Map(
        invoices.map((i) => [i.id, { status: i.status, ...(i.number !== null ? { number: i.number } : {}) }]),
      );
      return declined.flatMap(
        (attempt): FailedPaymentRow | [] => failedPaymentRow(attempt, byId.get(attempt.invoiceId), range) ?? [],
      );
    },
  };
}
