import {
  currencyMinorUnits,
  type MonthRange,
  MRR_CORRECTING_CREDIT_REASONS,
  type RecurringRevenueCell,
  type ReportQueries,
  type RevenueCell,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';

/** The minor units of every currency the runtime knows, as the JSON the queries look amounts' scales up in. */
function minorUnitsJson(): string {
  const units: Record<string, number> = {};
  for (const code of Intl.supportedValuesOf('currency')) {
    try {
      units[code] = currencyMinorUnits(code);
    } catch {
      // a code Intl lists but core does not take: amounts in it cannot be stored anyway
    }
  }
  return JSON.stringify(units);
}

/** The lines of finalized invoices with their local service days (`s`, `e`) in the snapshot's time zone. */
const finalizedLines = (invoices: string) => `
  SELECT t."id" AS invoice_id, t."customer_id", t."currency", t."issued_at", l.line, l.n,
    coalesce(t."customer_snapshot"->>'timeZone', 'UTC') AS tz,
    ((l.line->>'periodStart')::timestamptz AT TIME ZONE coalesce(t."customer_snapshot"->>'timeZone', 'UTC'))::date AS s,
    ((l.line->>'periodEnd')::timestamptz AT TIME ZONE coalesce(t."customer_snapshot"->>'timeZone', 'UTC'))::date AS e
  FROM ${invoices} t CROSS JOIN LATERAL jsonb_array_elements(t."lines") WITH ORDINALITY AS l(line, n)
  WHERE t."status" IN ('open', 'paid', 'uncollectible') AND t."issued_at" IS NOT NULL`;

/**
 * Revenue recognised over service periods and MRR in SQL: lines are expanded server-side and split across months
 * by days with the largest-remainder rule of core's `allocate` (floors of |units| × days / total days, the
 * leftover units to the largest remainders, ties to the earlier month), so the answers equal `listReportQueries`;
 * MRR nets each subscription line's price corrections (`MRR_CORRECTING_CREDIT_REASONS`) before rating it.
 * @internal
 */
export function revenueReportQueries(
  client: SqlClient,
  tables: BillingTables,
): Pick<ReportQueries, 'recognisedRevenue' | 'recurringRevenue'> {
  const invoices = tables.invoices.name;
  const minorUnits = minorUnitsJson();
  return {
    recognisedRevenue: ({ fromMonth, toMonth }: MonthRange) =>
      client.query<RevenueCell & Record<string, unknown>>(
        `WITH lines AS (${finalizedLines(invoices)}),
        minor AS (SELECT key AS currency, value::int AS units FROM jsonb_each_text($3::jsonb)),
        items AS (
          SELECT 'i' || invoice_id || '/' || n AS item, 'invoiced' AS side, currency,
            coalesce(line->>'billingCode', '(none)') AS code, (line->>'taxableAmount')::numeric AS amount, s, e,
            (issued_at AT TIME ZONE tz)::date AS fallback
          FROM lines
          UNION ALL
          SELECT 'c' || cn."id" || '/' || cl.n, 'credited', cn."currency",
            CASE WHEN fixed.line IS NULL THEN '(credit)' ELSE coalesce(fixed.line->>'billingCode', '(none)') END,
            (cl.line->>'amount')::numeric,
            ((fixed.line->>'periodStart')::timestamptz AT TIME ZONE zone.tz)::date,
            ((fixed.line->>'periodEnd')::timestamptz AT TIME ZONE zone.tz)::date,
            (cn."issued_at" AT TIME ZONE zone.tz)::date
          FROM ${tables.creditNotes.name} cn
          JOIN ${invoices} inv ON inv."id" = cn."invoice_id" AND inv."status" IN ('open', 'paid', 'uncollectible')
            AND inv."issued_at" IS NOT NULL
          CROSS JOIN LATERAL (SELECT coalesce(inv."customer_snapshot"->>'timeZone', 'UTC') AS tz) zone
          CROSS JOIN LATERAL jsonb_array_elements(cn."lines") WITH ORDINALITY AS cl(line, n)
          LEFT JOIN LATERAL (SELECT l AS line FROM jsonb_array_elements(inv."lines") l
            WHERE l->>'id' = cl.line->>'invoiceLineId' LIMIT 1) fixed ON true
        ),
        scaled AS (
          SELECT items.*, greatest(scale(amount), coalesce(minor.units, 0)) AS sc
          FROM items LEFT JOIN minor USING (currency)
        ),
        spread AS (
          SELECT item, side, currency, code, amount, sc, m::date AS month_start,
            least(e, (m + interval '1 month')::date) - greatest(s, m::date) AS d, e - s AS total
          FROM scaled CROSS JOIN LATERAL generate_series(date_trunc('month', s::timestamp), (e - 1)::timestamp, interval '1 month') m
          WHERE e > s
        ),
        floored AS (
          SELECT *, floor(abs(amount) * (10::numeric ^ sc) * d / total) AS base,
            mod(abs(amount) * (10::numeric ^ sc) * d, total) AS rem
          FROM spread
        ),
        ranked AS (
          SELECT *, abs(amount) * (10::numeric ^ sc) - sum(base) OVER (PARTITION BY item) AS leftover,
            row_number() OVER (PARTITION BY item ORDER BY rem DESC, month_start) AS place
          FROM floored
        ),
        parts AS (
          SELECT side, currency, code, to_char(month_start, 'YYYY-MM') AS month,
            round(sign(amount) * (base + CASE WHEN place <= leftover THEN 1 ELSE 0 END) / (10::numeric ^ sc), sc) AS part
          FROM ranked
          UNION ALL
          SELECT side, currency, code,
            to_char(CASE WHEN s IS NOT NULL AND e IS NOT NULL THEN s ELSE fallback END, 'YYYY-MM'), amount
          FROM scaled WHERE s IS NULL OR e IS NULL OR e <= s
        )
        SELECT p.month, p.currency, p.code AS "billingCode", coalesce(pr."category", '(none)') AS category,
          coalesce(sum(p.part) FILTER (WHERE p.side = 'invoiced'), 0)::text AS invoiced,
          coalesce(sum(p.part) FILTER (WHERE p.side = 'credited'), 0)::text AS credited
        FROM parts p LEFT JOIN ${tables.products.name} pr ON pr."billing_code" = p.code
        WHERE p.month >= $1 AND p.month <= $2
        GROUP BY p.month, p.currency, p.code, pr."category"`,
        [fromMonth, toMonth, minorUnits],
      ),
    recurringRevenue: ({ fromMonth, toMonth }: MonthRange) =>
      client.query<RecurringRevenueCell & Record<string, unknown>>(
        `WITH lines AS (${finalizedLines(invoices)}),
        minor AS (SELECT key AS currency, value::int AS units FROM jsonb_each_text($3::jsonb)),
        corrections AS (
          SELECT cn."invoice_id", cl->>'invoiceLineId' AS line_id, sum((cl->>'amount')::numeric) AS amount
          FROM ${tables.creditNotes.name} cn CROSS JOIN LATERAL jsonb_array_elements(cn."lines") cl
          WHERE cn."reason" = ANY($4::text[]) AND cl->>'invoiceLineId' IS NOT NULL
          GROUP BY 1, 2
        ),
        recurring AS (
          SELECT l.customer_id, l.currency, l.s, l.e, (l.line->>'taxableAmount')::numeric - coalesce(c.amount, 0) AS net
          FROM lines l LEFT JOIN corrections c ON c."invoice_id" = l.invoice_id AND c.line_id = l.line->>'id'
          WHERE l.line->>'kind' = 'subscription' AND l.s IS NOT NULL AND l.e IS NOT NULL AND l.e > l.s
        ),
        rated AS (
          SELECT customer_id, currency, s, e,
            CASE WHEN round((e - s) / 30.4375) >= 1
              THEN round(net / round((e - s) / 30.4375), coalesce(minor.units, 0))
              ELSE round(net * 30.4375 / (e - s), coalesce(minor.units, 0))
            END AS rate
          FROM recurring LEFT JOIN minor USING (currency) WHERE net > 0
        ),
        covered AS (
          SELECT customer_id, currency, rate, to_char(m, 'YYYY-MM') AS month
          FROM rated CROSS JOIN LATERAL generate_series(date_trunc('month', s::timestamp), e::timestamp, interval '1 month') m
          WHERE s < (m + interval '1 month')::date AND (m + interval '1 month')::date <= e
        )
        SELECT month, currency, customer_id AS "customerId", sum(rate)::text AS mrr
        FROM covered WHERE month >= $1 AND month <= $2
        GROUP BY month, currency, customer_id HAVING sum(rate) > 0`,
        [fromMonth, toMonth, minorUnits, [...MRR_CORRECTING_CREDIT_REASONS]],
      ),
  };
}
