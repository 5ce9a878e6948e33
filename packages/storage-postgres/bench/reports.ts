/**
 * The reports benchmark: customer aging and recognised revenue over 1,000,000 invoices on a PostgreSQL server,
 * through `billing.reports` (the adapter's set-based queries and core's report building), each next to a
 * hand-written SQL query of the same figures measured in the same run:
 * - aging: one `GROUP BY` of the open invoices by customer, currency and bucket in the customer's calendar days
 *   (without the customer's name the report also carries);
 * - revenue: each line's amount times its days in the month over its days, summed per month, currency and billing
 *   code and rounded once at the end (the report places every line's remainder cents by largest remainder, so its
 *   totals may differ from the baseline's by the rounding of each line: the difference is printed).
 * The invoices are written by set-based SQL (`generate_series`), not one by one: 10,000 customers (every other
 * one in Berlin), one subscription line each, one in twelve yearly (1,200.00), the others monthly; 30 % open.
 *
 * Environment: `BILLFOLD_BENCH_INVOICES` (default 1000000), `BILLFOLD_BENCH_REPETITIONS` (default 1: a revenue run
 * over a million invoices takes minutes on a shared machine).
 */
import { createBilling, createTestClock } from '@billfold/core';
import { compareOnce } from '@billfold/bench-kit';
import pg from 'pg';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { startPostgresCluster } from '../src/testing/index';

const env = process.env;
const INVOICES = Number(env.BILLFOLD_BENCH_INVOICES ?? 1_000_000);
const REPETITIONS = Number(env.BILLFOLD_BENCH_REPETITIONS ?? 1);
const AS_OF = '2026-07-01T06:00:00.000Z';
const MONTHS = { fromMonth: '2025-01', toMonth: '2026-12' };

/** Writes the invoices and products with one statement each. */
async function seed(storage: PostgresStorage): Promise<void> {
  const schema = `"${storage.schema}"`;
  await storage.client.query(
    `INSERT INTO ${schema}.products (id, name, billing_code, category, active, metadata) VALUES
      ('prod_fibre', 'Fibre', 'FIBRE', 'connectivity', true, '{}'), ('prod_data', 'Data', 'DATA', 'connectivity', true, '{}'),
      ('prod_support', 'Support', 'SUPPORT', 'services', true, '{}'), ('prod_ip', 'Static IP', 'IP', 'add-ons', true, '{}')`,
  );
  await storage.client.query(
    `INSERT INTO ${schema}.invoices (id, "number", sequence, customer_id, billing_reason, status, currency, period_start,
      period_end, lines, tax_rates, subtotal, discount_total, taxes, tax_total, rounding_amount, total, credit_applied,
      amount_due, amount_paid, amount_credited, amount_remaining, notes, customer_snapshot, created_at, issued_at, due_at,
      paid_at, reminders_sent, overdue, metadata, version)
    SELECT 'inv_' || lpad(n::text, 8, '0'), 'INV-' || lpad(n::text, 8, '0'), 'INV', 'cus_' || lpad((n % 10000)::text, 5, '0'),
      'subscription_cycle', CASE WHEN n % 10 < 3 THEN 'open' ELSE 'paid' END, 'EUR', ps, pe,
      jsonb_build_array(jsonb_build_object('id', 'il_' || n, 'kind', 'subscription', 'description', 'Plan',
        'billingCode', code, 'amount', amount::text, 'discountAmount', '0.00', 'taxableAmount', amount::text,
        'taxes', '[]'::jsonb, 'periodStart', to_char(ps AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'periodEnd', to_char(pe AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
      '[]', amount, 0, '[]', 0, 0, amount, 0, amount, CASE WHEN n % 10 < 3 THEN 0 ELSE amount END, 0,
      CASE WHEN n % 10 < 3 THEN amount ELSE 0 END, '[]',
      jsonb_build_object('name', 'Customer ' || n % 10000, 'email', 'c@example.com', 'taxIds', '[]'::jsonb,
        'taxStatus', 'taxable', 'locale', 'en-GB', 'timeZone', CASE WHEN n % 2 = 0 THEN 'Europe/Berlin' ELSE 'UTC' END),
      ps, ps, ps + interval '14 days', CASE WHEN n % 10 < 3 THEN NULL ELSE ps + interval '10 days' END, 0, false, '{}', 1
    FROM (
      SELECT n, (ARRAY['FIBRE', 'DATA', 'SUPPORT', 'IP'])[n % 4 + 1] AS code,
        CASE WHEN n % 12 = 0 THEN 1200.00 ELSE ((1000 + n % 9000) / 100.0)::numeric(12, 2) END AS amount,
        timestamptz '2025-01-01 00:00:00+00' + ((n % 540) || ' days')::interval AS ps,
        timestamptz '2025-01-01 00:00:00+00' + ((n % 540) || ' days')::interval
          + CASE WHEN n % 12 = 0 THEN interval '1 year' ELSE interval '1 month' END AS pe
      FROM generate_series(1, $1::int) n
    ) seeded`,
    [INVOICES],
  );
  await storage.client.query('ANALYZE');
}

/** The aging figures by hand: one GROUP BY. */
const handAging = (storage: PostgresStorage) =>
  storage.client.query<{ amount: string }>(
    `SELECT customer_id, currency, bucket, sum(amount_remaining)::text AS amount, count(*) AS invoices FROM (
      SELECT customer_id, currency, amount_remaining,
        CASE WHEN d <= 0 THEN 'current' WHEN d <= 30 THEN '1-30' WHEN d <= 60 THEN '31-60' WHEN d <= 90 THEN '61-90'
          ELSE '90+' END AS bucket
      FROM (SELECT *, ($1::timestamptz AT TIME ZONE coalesce(customer_snapshot->>'timeZone', 'UTC'))::date
          - (due_at AT TIME ZONE coalesce(customer_snapshot->>'timeZone', 'UTC'))::date AS d
        FROM "${storage.schema}".invoices
        WHERE status = 'open' AND issued_at <= $1::timestamptz AND amount_remaining <> 0) owed
    ) bucketed GROUP BY customer_id, currency, bucket`,
    [AS_OF],
  );

/** The revenue figures by hand: proportional shares summed, rounded once. */
const handRevenue = (storage: PostgresStorage) =>
  storage.client.query<{ amount: string }>(
    `SELECT to_char(m, 'YYYY-MM') AS month, currency, line->>'billingCode' AS code,
      round(sum((line->>'taxableAmount')::numeric * (least(e, (m + interval '1 month')::date) - greatest(s, m::date))
        / (e - s)), 2)::text AS amount
    FROM (
      SELECT currency, line,
        ((line->>'periodStart')::timestamptz AT TIME ZONE coalesce(customer_snapshot->>'timeZone', 'UTC'))::date AS s,
        ((line->>'periodEnd')::timestamptz AT TIME ZONE coalesce(customer_snapshot->>'timeZone', 'UTC'))::date AS e
      FROM "${storage.schema}".invoices, jsonb_array_elements(lines) line
      WHERE status IN ('open', 'paid', 'uncollectible') AND issued_at IS NOT NULL
    ) lines CROSS JOIN LATERAL generate_series(date_trunc('month', s::timestamp), (e - 1)::timestamp, interval '1 month') m
    WHERE to_char(m, 'YYYY-MM') BETWEEN $1 AND $2
    GROUP BY 1, 2, 3`,
    [MONTHS.fromMonth, MONTHS.toMonth],
  );

const sumOf = (amounts: readonly string[]) =>
  amounts.reduce((sum, amount) => sum + BigInt(Math.round(Number(amount) * 100)), 0n);

async function main(): Promise<void> {
  const cluster = await startPostgresCluster();
  const pool = new pg.Pool({ connectionString: cluster.connectionString, max: 4 });
  try {
    const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
    const storage = await createPostgresStorage({ pool, schema: `bench_reports_${process.pid}` });
    const seeding = performance.now();
    await seed(storage);
    console.log(
      `\nPostgreSQL ${version}: seeded ${INVOICES.toLocaleString('en-US')} invoices by set-based SQL in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const { reports } = createBilling({ storage, clock: createTestClock(AS_OF) });
    let agingTotals: [bigint, bigint] = [0n, 0n];
    await compareOnce(
      `PostgreSQL ${version}: customer aging over ${INVOICES.toLocaleString('en-US')} invoices vs a hand-written GROUP BY`,
      {
        name: 'reports.aging',
        run: async () => {
          const report = await reports.aging({ asOf: AS_OF });
          agingTotals[0] = sumOf(report.totals.map((t) => t.total));
        },
      },
      {
        name: 'hand-written SQL',
        run: async () => {
          agingTotals[1] = sumOf((await handAging(storage)).map((row) => row.amount));
        },
      },
      { repetitions: REPETITIONS, items: INVOICES, unit: 'invoices' },
    );
    if (agingTotals[0] !== agingTotals[1]) throw new Error(`aging totals differ: ${agingTotals.join(' vs ')} cents`);
    console.log(`  same total owed: ${(Number(agingTotals[0]) / 100).toFixed(2)} EUR`);
    const revenueTotals: [bigint, bigint] = [0n, 0n];
    await compareOnce(
      `PostgreSQL ${version}: revenue recognised over service periods, ${MONTHS.fromMonth} to ${MONTHS.toMonth}, over ${INVOICES.toLocaleString('en-US')} invoices vs a hand-written proportional split`,
      {
        name: 'reports.revenue',
        run: async () => {
          const report = await reports.revenue(MONTHS);
          revenueTotals[0] = sumOf(report.totals.map((t) => t.invoiced));
        },
      },
      {
        name: 'hand-written SQL',
        run: async () => {
          revenueTotals[1] = sumOf((await handRevenue(storage)).map((row) => row.amount));
        },
      },
      { repetitions: REPETITIONS, items: INVOICES, unit: 'invoices' },
    );
    const gap = revenueTotals[0] - revenueTotals[1];
    console.log(
      `  recognised: ${(Number(revenueTotals[0]) / 100).toFixed(2)} EUR (largest remainder per line); baseline ${(Number(revenueTotals[1]) / 100).toFixed(2)} EUR (rounded per month and code): ${gap} cents apart`,
    );
    agingTotals = [0n, 0n];
  } finally {
    await pool.end();
    await cluster.stop();
  }
}

await main();
