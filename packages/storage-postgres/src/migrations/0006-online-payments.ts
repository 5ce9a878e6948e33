import type { Migration } from './migration';

/**
 * Online payments (issue 11). Numbered 7: 5 and 6 belong to the catalog and scale work.
 * - customers: how their invoices are collected and their customer at each gateway; subscriptions: their own
 *   collection method; invoices: a chargeback on one of their payments;
 * - payments: the gateway, the provider's payment id, its fee and dispute; refunds: the provider's refund id;
 * - `payment_attempts`: each attempt to charge an invoice through a gateway, unique by idempotency key and by the
 *   provider's payment, the due ones (scheduled charges, retries, expired leases) indexed for `claimDue`;
 * - `payment_methods`: saved payment methods (provider tokens only), unique per gateway and token.
 */
export const onlinePaymentsMigration: Migration = {
  version: 6,
  name: 'online-payments',
  statements: [
    'ALTER TABLE customers ADD COLUMN collection_method text, ADD COLUMN gateway_customers jsonb',
    'ALTER TABLE subscriptions ADD COLUMN collection_method text',
    'ALTER TABLE invoices ADD COLUMN dispute jsonb',
    `ALTER TABLE payments ADD COLUMN gateway text, ADD COLUMN provider_payment_id text, ADD COLUMN fee jsonb,
      ADD COLUMN dispute jsonb`,
    'ALTER TABLE refunds ADD COLUMN provider_refund_id text',
    `CREATE TABLE payment_attempts (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, invoice_id text COLLATE "C" NOT NULL,
      invoice_ids jsonb, gateway text NOT NULL, attempt_number integer NOT NULL, trigger text NOT NULL,
      status text NOT NULL, amount numeric NOT NULL, currency text NOT NULL, idempotency_key text COLLATE "C" NOT NULL,
      payment_method_id text COLLATE "C", provider_payment_id text COLLATE "C", charge_id text COLLATE "C", decline jsonb, failed_at timestamptz, fee jsonb,
      payment_id text COLLATE "C", due_at timestamptz, created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL, version integer NOT NULL,
      CONSTRAINT payment_attempts_idempotency_key UNIQUE (idempotency_key))`,
    `CREATE UNIQUE INDEX payment_attempts_provider_payment ON payment_attempts (gateway, provider_payment_id)
      WHERE provider_payment_id IS NOT NULL`,
    `CREATE UNIQUE INDEX payment_attempts_charge ON payment_attempts (gateway, charge_id) WHERE charge_id IS NOT NULL`,
    'CREATE INDEX payment_attempts_due ON payment_attempts (due_at, id) WHERE due_at IS NOT NULL',
    'CREATE INDEX payment_attempts_customer ON payment_attempts (customer_id, id)',
    'CREATE INDEX payment_attempts_invoice ON payment_attempts (invoice_id, id)',
    'CREATE INDEX payment_attempts_status ON payment_attempts (status, id)',
    `CREATE TABLE payment_methods (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, gateway text NOT NULL,
      provider_method_id text COLLATE "C" NOT NULL, customer_reference text NOT NULL, type text NOT NULL, card jsonb,
      email text, is_default boolean NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL, version integer NOT NULL,
      CONSTRAINT payment_methods_provider_method UNIQUE (gateway, provider_method_id))`,
    'CREATE INDEX payment_methods_customer ON payment_methods (customer_id, id)',
  ],
};
