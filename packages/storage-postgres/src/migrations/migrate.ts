import { BillingError } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import { quoteIdent } from '../schema/table';
import { initMigration } from './0001-init';
import { taxRateCategoriesMigration } from './0002-tax-rate-categories';
import { scopedUsageAndLookupsMigration } from './0003-scoped-usage-and-lookups';
import { collectionsAndOutboxMigration } from './0004-collections-and-outbox';
import { catalogAndSubscriptionLifecycleMigration } from './0005-catalog-and-subscription-lifecycle';
import { onlinePaymentsMigration } from './0006-online-payments';
import { reconciliationMigration } from './0007-reconciliation';
import { dataProtectionMigration } from './0008-data-protection';
import { gatewayPayoutsMigration } from './0009-gateway-payouts';
import type { Migration } from './migration';

/** Every migration this version of the package knows, in order. */
export const migrations: readonly Migration[] = [
  initMigration,
  taxRateCategoriesMigration,
  scopedUsageAndLookupsMigration,
  collectionsAndOutboxMigration,
  catalogAndSubscriptionLifecycleMigration,
  onlinePaymentsMigration,
  reconciliationMigration,
  dataProtectionMigration,
  gatewayPayoutsMigration,
];

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The schema to migrate (created when missing); default: the first schema of the connection's `search_path`. */
  readonly schema?: string;
  /** The migrations to apply; default: {@link migrations}. */
  readonly migrations?: readonly Migration[];
}

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The versions applied by this call, in order (empty when the schema was up to date). */
  readonly applied: readonly number[];
}

/** Validates a schema name: a plain SQL identifier, so it can be quoted into statements safely. */
export function checkSchemaName(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new BillingError(
      'invalid_input',
      `schema "${schema}" must be letters, digits and "_" (not starting with a digit)`,
      {
        path: ['schema'],
      },
    );
  }
  return schema;
}

/**
 * Brings the schema up to date: applies, in one transaction, every migration not yet recorded in its
 * `schema_migrations` table. Idempotent, and safe to run from several processes at once: a transaction-scoped
 * advisory lock per schema makes concurrent runs wait for each other, and each then sees the other's work.
 *
 * @example
 * ```ts
 * const { applied } = await migrate(sqlClientFromPool(pool), { schema: 'billing' });
 * ```
 */
export async function migrate(client: SqlClient, options: MigrateOptions = {}): Promise<MigrateResult> {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  const known = [...(options.migrations ?? migrations)].sort((a, b) => a.version - b.version);
  return client.transaction(async (tx) => {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('billfold.migrate:' || coalesce($1::text, current_schema())))`,
      [schema ?? null],
    );
    if (schema !== undefined) {
      await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await tx.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    }
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of known) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied };
  });
}
