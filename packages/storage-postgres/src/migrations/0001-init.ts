import type { Migration } from './migration';

/*
 * Ids are `text COLLATE "C"`: byte order, which for Billfold's ASCII ids is the order JavaScript sorts strings
 * in, so paging by id is the same on every database whatever its default collation.
 */

/** The first schema: every record table, its unique keys and the indexes of the engine's queries. */
export const initMigration: Migration = {
  version: 1,
  name: 'init',
  statements: [
    `CREATE TABLE customers (
      id text COLLATE "C" PRIMARY KEY, name text NOT NULL, email text NOT NULL, phone text, address jsonb,
      tax_ids jsonb NOT NULL, locale text NOT NULL, time_zone text NOT NULL, currency text NOT NULL,
      payment_terms_days integer NOT NULL, tax_status text NOT NULL, tax_rate_ids jsonb NOT NULL, external_ref text,
      metadata jsonb NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version integer NOT NULL)`,
    `CREATE TABLE products (
      id text COLLATE "C" PRIMARY KEY, name text NOT NULL, billing_code text NOT NULL UNIQUE, category text NOT NULL,
      description text, active boolean NOT NULL, metadata jsonb NOT NULL)`,
    `CREATE TABLE prices (
      id text COLLATE "C" PRIMARY KEY, product_id text COLLATE "C" NOT NULL, spec jsonb NOT NULL, "interval" text NOT NULL,
      interval_count integer NOT NULL, timing text NOT NULL, meter_id text, active boolean NOT NULL, metadata jsonb NOT NULL)`,
    'CREATE INDEX prices_product ON prices (product_id, id)',
    `CREATE TABLE meters (
      id text COLLATE "C" PRIMARY KEY, name text NOT NULL, event_name text NOT NULL, aggregation text NOT NULL, property text)`,
    `CREATE TABLE coupons (
      id text COLLATE "C" PRIMARY KEY, name text NOT NULL, percent_off numeric, amount_off numeric, currency text,
      duration text NOT NULL, duration_periods integer)`,
    `CREATE TABLE tax_rates (
      id text COLLATE "C" PRIMARY KEY, name text NOT NULL, percentage numeric NOT NULL, inclusive boolean NOT NULL,
      compound boolean, jurisdiction text)`,
    `CREATE TABLE subscriptions (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, currency text NOT NULL, status text NOT NULL,
      items jsonb NOT NULL, "interval" text NOT NULL, interval_count integer NOT NULL, anchor timestamptz NOT NULL,
      current_period_start timestamptz NOT NULL, current_period_end timestamptz NOT NULL, next_billing_at timestamptz,
      trial_end timestamptz, cancel_at_period_end boolean NOT NULL, canceled_at timestamptz, ended_at timestamptz,
      coupon_id text, coupon_periods_used integer NOT NULL, pending_lines jsonb NOT NULL, metadata jsonb NOT NULL,
      created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version integer NOT NULL)`,
    'CREATE INDEX subscriptions_due ON subscriptions (next_billing_at, id) WHERE next_billing_at IS NOT NULL',
    'CREATE INDEX subscriptions_customer ON subscriptions (customer_id, id)',
    'CREATE INDEX subscriptions_status ON subscriptions (status, id)',
    `CREATE TABLE usage_events (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, subscription_id text COLLATE "C",
      event_name text NOT NULL, "timestamp" timestamptz NOT NULL, properties jsonb NOT NULL)`,
    'CREATE INDEX usage_events_meter ON usage_events (subscription_id, event_name, "timestamp", id)',
    `CREATE TABLE invoices (
      id text COLLATE "C" PRIMARY KEY, "number" text, sequence text NOT NULL, customer_id text COLLATE "C" NOT NULL,
      subscription_id text COLLATE "C", billing_reason text NOT NULL, status text NOT NULL, currency text NOT NULL,
      period_start timestamptz, period_end timestamptz, lines jsonb NOT NULL, tax_rates jsonb NOT NULL,
      subtotal numeric NOT NULL, discount_total numeric NOT NULL, taxes jsonb NOT NULL, tax_total numeric NOT NULL,
      rounding_amount numeric NOT NULL, total numeric NOT NULL, credit_applied numeric NOT NULL,
      amount_due numeric NOT NULL, amount_paid numeric NOT NULL, amount_credited numeric NOT NULL,
      amount_remaining numeric NOT NULL, notes jsonb NOT NULL, customer_snapshot jsonb, created_at timestamptz NOT NULL,
      issued_at timestamptz, due_at timestamptz, paid_at timestamptz, voided_at timestamptz,
      reminders_sent integer NOT NULL, overdue boolean NOT NULL, metadata jsonb NOT NULL, version integer NOT NULL,
      CONSTRAINT invoices_number_unique UNIQUE (sequence, "number"))`,
    `CREATE UNIQUE INDEX invoices_subscription_period ON invoices (subscription_id, period_start)
      WHERE billing_reason IN ('subscription_create', 'subscription_cycle')`,
    'CREATE INDEX invoices_customer ON invoices (customer_id, id)',
    'CREATE INDEX invoices_subscription ON invoices (subscription_id, id)',
    'CREATE INDEX invoices_status_due ON invoices (status, due_at)',
    `CREATE TABLE credit_notes (
      id text COLLATE "C" PRIMARY KEY, "number" text NOT NULL, invoice_id text COLLATE "C" NOT NULL,
      invoice_number text NOT NULL, customer_id text COLLATE "C" NOT NULL, currency text NOT NULL, reason text NOT NULL,
      memo text, lines jsonb NOT NULL, subtotal numeric NOT NULL, tax_total numeric NOT NULL, total numeric NOT NULL,
      applied_to_invoice numeric NOT NULL, credited_to_balance numeric NOT NULL, issued_at timestamptz NOT NULL,
      metadata jsonb NOT NULL)`,
    'CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id, id)',
    'CREATE INDEX credit_notes_customer ON credit_notes (customer_id, id)',
    `CREATE TABLE payments (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, currency text NOT NULL,
      amount numeric NOT NULL, method text NOT NULL, reference text, status text NOT NULL, allocations jsonb NOT NULL,
      unapplied numeric NOT NULL, amount_refunded numeric NOT NULL, received_at timestamptz NOT NULL,
      metadata jsonb NOT NULL, version integer NOT NULL)`,
    'CREATE INDEX payments_customer ON payments (customer_id, id)',
    `CREATE TABLE refunds (
      id text COLLATE "C" PRIMARY KEY, payment_id text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL,
      currency text NOT NULL, amount numeric NOT NULL, reason text, created_at timestamptz NOT NULL)`,
    'CREATE INDEX refunds_payment ON refunds (payment_id, id)',
    'CREATE INDEX refunds_customer ON refunds (customer_id, id)',
    `CREATE TABLE balance_transactions (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, currency text NOT NULL,
      amount numeric NOT NULL, type text NOT NULL, reference_id text, created_at timestamptz NOT NULL)`,
    'CREATE INDEX balance_transactions_customer ON balance_transactions (customer_id, currency, id)',
    `CREATE TABLE idempotency_records (
      "key" text COLLATE "C" PRIMARY KEY, request_hash text NOT NULL, response jsonb, created_at timestamptz NOT NULL)`,
    `CREATE TABLE number_sequences (sequence text COLLATE "C" PRIMARY KEY, next_number bigint NOT NULL)`,
  ],
};
