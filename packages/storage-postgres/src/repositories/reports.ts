import type {
  AgingCell,
  FeeTotals,
  Payment,
  ReceivedPayment,
  Receivables,
  ReportQueries,
  StepRecovery,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { customerReportQueries } from './customer-reports';
import { revenueReportQueries } from './revenue-reports';

/**
 * The report queries in SQL, one statement each (two for payments received), summed by the server with `numeric`
 * exactness: what `listReportQueries` in core computes from `list` calls, without reading every record. Aging
 * counts days in the time zone of each invoice's customer snapshot (UTC without one).
 * @internal
 */
export function reportQueries(client: SqlClient, tables: BillingTables): ReportQueries {
  const invoices = tables.invoices.name;
  return {
    ...revenueReportQueries(client, tables),
    ...customerReportQueries(client, tables),
    // Names come from each customer's newest open invoice per currency, looked up once per customer after the
    // sums (a window over every open invoice would sort them all).
    aging: ({ asOf }) =>
      client.query<AgingCell & Record<string, unknown>>(
        `WITH owed AS (
          SELECT t."id", t."customer_id", t."currency", t."amount_remaining",
            CASE WHEN t."due_at" IS NULL THEN 0
              ELSE (($1::timestamptz AT TIME ZONE z.tz)::date - (t."due_at" AT TIME ZONE z.tz)::date) END AS days
          FROM ${invoices} t
          CROSS JOIN LATERAL (SELECT coalesce(t."customer_snapshot"->>'timeZone', 'UTC') AS tz) z
          WHERE t."status" = 'open' AND t."issued_at" <= $1::timestamptz AND t."amount_remaining" <> 0
        ), sums AS (
          SELECT "customer_id", "currency", CASE WHEN days <= 0 THEN 'current' WHEN days <= 30 THEN '1-30'
              WHEN days <= 60 THEN '31-60' WHEN days <= 90 THEN '61-90' ELSE '90+' END AS bucket,
            sum("amount_remaining")::text AS amount, count(*)::int AS invoices, max("id") AS newest
          FROM owed GROUP BY 1, 2, 3
        ), named AS (
          SELECT "customer_id", "currency", max(newest) AS newest FROM sums GROUP BY 1, 2
        )
        SELECT s."customer_id" AS "customerId", coalesce(i."customer_snapshot"->>'name', i."customer_id") AS "customerName",
          s."currency", s.bucket, s.amount, s.invoices
        FROM sums s JOIN named n USING ("customer_id", "currency") JOIN ${invoices} i ON i."id" = n.newest`,
        [asOf],
      ),
    async paymentsReceived({ from, to }) {
      const table = tables.payments;
      const payments = (
        await client.query(
          `${table.select} WHERE t."received_at" >= $1::timestamptz AND t."received_at" < $2::timestamptz
            AND t."status" IN ('succeeded', 'partially_refunded', 'refunded')`,
          [from, to],
        )
      ).map((row) => table.toRecord(row) as Payment);
      const ids = [...new Set(payments.flatMap((payment) => payment.allocations.map((a) => a.invoiceId)))];
      const rows =
        ids.length === 0
          ? []
          : await client.query<{ id: string; number: string | null }>(
              `SELECT t."id", t."number" FROM ${invoices} t WHERE t."id" = ANY($1::text[])`,
              [ids],
            );
      const numbers = new Map(rows.map((row) => [row.id, row.number]));
      return payments.map(
        (payment): ReceivedPayment => ({
          payment,
          allocations: payment.allocations.map((allocation) => {
            const number = numbers.get(allocation.invoiceId);
            return { ...allocation, ...(number != null ? { number } : {}) };
          }),
        }),
      );
    },
    recoveredByStep: ({ from, to }) =>
      client.query<StepRecovery & Record<string, unknown>>(
        `SELECT t."currency", t."reminders_sent" AS "reminderStep", count(*)::int AS invoices,
          sum(t."amount_paid")::text AS amount
        FROM ${invoices} t
        WHERE t."status" = 'paid' AND t."paid_at" >= $1::timestamptz AND t."paid_at" < $2::timestamptz
        GROUP BY t."currency", t."reminders_sent"`,
        [from, to],
      ),
    receivables: ({ from, to }) =>
      client.query<Receivables & Record<string, unknown>>(
        `SELECT t."currency",
          coalesce(sum(t."total") FILTER (WHERE t."status" <> 'void' AND t."issued_at" >= $1::timestamptz), 0)::text
            AS invoiced,
          count(*) FILTER (WHERE t."status" <> 'void' AND t."issued_at" >= $1::timestamptz)::int AS "invoicesIssued",
          coalesce(sum(t."amount_remaining") FILTER (WHERE t."status" = 'open'), 0)::text AS receivable,
          count(*) FILTER (WHERE t."status" = 'open')::int AS "openInvoices"
        FROM ${invoices} t
        WHERE t."issued_at" < $2::timestamptz
          AND (t."status" = 'open' OR (t."status" <> 'void' AND t."issued_at" >= $1::timestamptz))
        GROUP BY t."currency"`,
        [from, to],
      ),
    fees: ({ from, to }) =>
      client.query<FeeTotals & Record<string, unknown>>(
        `SELECT t."currency", t."kind", count(*)::int AS fees, sum(t."amount")::text AS charged,
          coalesce(sum(t."amount") FILTER (WHERE t."status" = 'waived'), 0)::text AS waived
        FROM ${tables.collectionFees.name} t
        WHERE t."created_at" >= $1::timestamptz AND t."created_at" < $2::timestamptz
        GROUP BY t."currency", t."kind"`,
        [from, to],
      ),
  };
}
