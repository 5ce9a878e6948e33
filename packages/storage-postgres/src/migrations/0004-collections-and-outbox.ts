import type { Migration } from './migration';

/**
 * Collections and the transactional outbox:
 * - invoices: when they became overdue, the last reminder, and the next instant the collections run looks at them
 *   (`collections_due_at`, indexed over open invoices for `claimCollectible`). Open invoices finalized before this
 *   migration are looked at from their issue date on the first run;
 * - customers and subscriptions: a named collections policy; subscriptions: their dunning state;
 * - `notification_outbox`: notifications written in the transaction of the change that caused them, unique by dedupe
 *   key, pending ones indexed by when they may be claimed;
 * - `collection_fees`: past-due fees, unique per overdue invoice and key, so no fee is ever charged twice.
 */
export const collectionsAndOutboxMigration: Migration = {
  version: 4,
  name: 'collections-and-outbox',
  statements: [
    `ALTER TABLE invoices ADD COLUMN overdue_at timestamptz, ADD COLUMN last_reminder_at timestamptz,
      ADD COLUMN collections_due_at timestamptz`,
    `UPDATE invoices SET collections_due_at = issued_at WHERE status = 'open' AND issued_at IS NOT NULL`,
    `CREATE INDEX invoices_collections_due ON invoices (collections_due_at, id)
      WHERE status = 'open' AND collections_due_at IS NOT NULL`,
    'ALTER TABLE customers ADD COLUMN collections_policy text',
    'ALTER TABLE subscriptions ADD COLUMN collections_policy text, ADD COLUMN dunning jsonb',
    `CREATE TABLE notification_outbox (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, type text NOT NULL,
      dedupe_key text COLLATE "C" NOT NULL, notification jsonb NOT NULL, status text NOT NULL,
      attempts integer NOT NULL, next_attempt_at timestamptz NOT NULL, last_attempt_at timestamptz, last_error jsonb,
      delivered_at timestamptz, created_at timestamptz NOT NULL, version integer NOT NULL,
      CONSTRAINT notification_outbox_dedupe_key UNIQUE (dedupe_key))`,
    `CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id) WHERE status = 'pending'`,
    'CREATE INDEX notification_outbox_customer ON notification_outbox (customer_id, id)',
    'CREATE INDEX notification_outbox_status ON notification_outbox (status, id)',
    `CREATE TABLE collection_fees (
      id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, invoice_id text COLLATE "C" NOT NULL,
      kind text NOT NULL, key text COLLATE "C" NOT NULL, currency text NOT NULL, amount numeric NOT NULL,
      basis numeric NOT NULL, reminder_step integer, annual_rate numeric, "from" text, "to" text, days integer,
      fee_invoice_id text COLLATE "C", invoice_line_id text, subscription_id text COLLATE "C", status text NOT NULL,
      credit_note_id text, waived_at timestamptz, created_at timestamptz NOT NULL, version integer NOT NULL,
      CONSTRAINT collection_fees_invoice_key UNIQUE (invoice_id, key))`,
    'CREATE INDEX collection_fees_customer ON collection_fees (customer_id, id)',
    'CREATE INDEX collection_fees_created ON collection_fees (created_at, id)',
  ],
};
