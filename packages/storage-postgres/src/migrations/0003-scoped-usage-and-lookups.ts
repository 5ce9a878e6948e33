import type { Migration } from './migration';

/**
 * The expression customer email lookups compare: ASCII letters folded to lower case and nothing else, the same in
 * every database locale (`lower()` follows the locale) and the same as core's `foldEmail`.
 * @internal
 */
export function foldedEmail(column: string): string {
  return `translate(${column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
}

/**
 * Usage event ids scoped per customer, and the lookups a host needs:
 * - `usage_events` is keyed by (customer_id, id): another customer's event with the same id is a new event.
 *   Loosening the key keeps every stored row valid.
 * - `customers.external_ref` is unique where set (refused with a clear message when stored customers already
 *   share one: give each its own reference, then migrate again), which also indexes `getByExternalRef`.
 * - customers by folded email, invoices by number: plain indexes for the lookups.
 */
export const scopedUsageAndLookupsMigration: Migration = {
  version: 3,
  name: 'scoped-usage-and-lookups',
  statements: [
    'ALTER TABLE usage_events DROP CONSTRAINT usage_events_pkey',
    'ALTER TABLE usage_events ADD CONSTRAINT usage_events_pkey PRIMARY KEY (customer_id, id)',
    `DO $$
    DECLARE shared text;
    BEGIN
      SELECT external_ref INTO shared FROM customers WHERE external_ref IS NOT NULL
        GROUP BY external_ref HAVING count(*) > 1 LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'billfold migration 3: several customers have the external reference "%"; give each its own before migrating', shared;
      END IF;
    END $$`,
    'CREATE UNIQUE INDEX customers_external_ref ON customers (external_ref) WHERE external_ref IS NOT NULL',
    `CREATE INDEX customers_email ON customers (${foldedEmail('email')}, id)`,
    'CREATE INDEX invoices_number ON invoices ("number", id) WHERE "number" IS NOT NULL',
  ],
};
