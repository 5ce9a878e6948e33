import type { Migration } from './migration';

/**
 * Customer data protection:
 * - customers keep a bank account (its IBAN encrypted by the engine when field protection is on), the keyed hashes
 *   of protected fields (`search_tokens`, searched through a GIN index) and their erasure state;
 * - idempotency records are purged by age (`created_at` index);
 * - the audit log of staff changes, searchable by customer and by record.
 */
export const dataProtectionMigration: Migration = {
  version: 8,
  name: 'data-protection',
  statements: [
    'ALTER TABLE customers ADD COLUMN bank_account jsonb, ADD COLUMN search_tokens jsonb, ADD COLUMN erasure jsonb',
    'CREATE INDEX customers_search_tokens ON customers USING gin (search_tokens jsonb_path_ops)',
    `CREATE INDEX customers_pending_purge ON customers (id) WHERE erasure IS NOT NULL AND erasure->>'purgedAt' IS NULL`,
    'CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at)',
    `CREATE TABLE audit_log (
      id text COLLATE "C" PRIMARY KEY, "at" timestamptz NOT NULL, actor jsonb NOT NULL, operation text NOT NULL,
      entity text NOT NULL, entity_id text COLLATE "C" NOT NULL, customer_id text COLLATE "C", change text NOT NULL,
      "before" jsonb, "after" jsonb, redacted boolean)`,
    'CREATE INDEX audit_log_customer ON audit_log (customer_id, id) WHERE customer_id IS NOT NULL',
    'CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id)',
  ],
};
