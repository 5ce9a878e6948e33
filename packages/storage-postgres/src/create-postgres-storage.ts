import type { PGlite } from '@electric-sql/pglite';
import type { BillingStorageAdapter, StorageSession } from '@billfold/core';
import type { Pool, PoolConfig } from 'pg';
import { type PGliteDatabase, sqlClientFromPGlite } from './client/pglite-client';
import { sqlClientFromPool } from './client/pg-client';
import type { SqlClient } from './client/sql-client';
import { checkSchemaName, migrate } from './migrations/migrate';
import { billingTables } from './schema/tables';
import { createSession } from './session';

/** Options every way of connecting shares. */
export interface PostgresStorageCommonOptions {
  /**
   * The schema that holds Billfold's tables (created by the migrations when missing); default: the first
   * schema of the connection's `search_path`, usually `public`.
   */
  readonly schema?: string;
  /** Whether to apply pending migrations before returning (default `true`); see {@link migrate}. */
  readonly migrate?: boolean;
}

/**
 * Settings of the PGlite the storage makes itself: the few of PGlite's options a billing database needs. For
 * anything else, create the PGlite yourself and pass it as `pglite`.
 */
export interface PGliteSettings {
  /** Commit without waiting for the files to be flushed: faster, but a crash can lose the latest commits. */
  readonly relaxedDurability?: boolean;
  /** The WebAssembly memory to start with, in bytes. */
  readonly initialMemory?: number;
  /** The PostgreSQL user and database inside the folder (PGlite's defaults: `postgres`, `template1`). */
  readonly username?: string;
  readonly database?: string;
  /** PostgreSQL's debug output level, 0 (none) to 5. */
  readonly debug?: 0 | 1 | 2 | 3 | 4 | 5;
}

/**
 * Where the records live: a `pg` pool you own, a connection string (a pool is made and owned by the
 * storage), a PGlite instance you own, a PGlite made by the storage (in memory, or in `dataDir`), or any
 * {@link SqlClient} (e.g. one that wraps another for tracing).
 */
export type PostgresStorageOptions = PostgresStorageCommonOptions &
  (
    | { readonly pool: Pool }
    | { readonly connectionString: string; readonly poolConfig?: Omit<PoolConfig, 'connectionString'> }
    | { readonly pglite: PGliteDatabase }
    | { readonly dataDir?: string; readonly pgliteOptions?: PGliteSettings }
    | { readonly client: SqlClient }
  );

/** The SQL storage adapter: a {@link BillingStorageAdapter} plus the {@link SqlClient} it runs on. */
export interface PostgresStorage extends BillingStorageAdapter {
  /** The client the storage runs its statements on (for host queries and maintenance). */
  readonly client: SqlClient;
  /** The schema of its tables, when one was named. */
  readonly schema: string | undefined;
}

/** The client for the options, and how to release what the storage itself opened. */
async function connect(options: PostgresStorageOptions): Promise<{ client: SqlClient; release: () => Promise<void> }> {
  const keep = async () => {};
  if ('client' in options) return { client: options.client, release: keep };
  if ('pool' in options) return { client: sqlClientFromPool(options.pool), release: keep };
  if ('pglite' in options) return { client: sqlClientFromPGlite(options.pglite), release: keep };
  if ('connectionString' in options) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ ...options.poolConfig, connectionString: options.connectionString });
    // An idle connection the server drops (restart, failover) emits 'error' on the pool; unheard, it would end
    // the process. The pool discards that connection by itself and opens a new one on the next query.
    pool.on('error', () => {});
    return { client: sqlClientFromPool(pool), release: () => pool.end() };
  }
  // No server named: embedded PostgreSQL, loaded only now so server users never load its WebAssembly.
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create({ ...options.pgliteOptions, dataDir: options.dataDir });
  return { client: sqlClientFromPGlite(db), release: () => db.close() };
}

/**
 * Creates the SQL storage adapter: one code path over a PostgreSQL server (`pg`) and over PGlite (embedded
 * PostgreSQL, the default when no server is named). Applies pending migrations unless `migrate: false`.
 * `close()` releases only what the storage opened itself (a pool made from `connectionString`, a PGlite made
 * from `dataDir`); a pool or PGlite you pass in stays yours to end.
 *
 * Row locks (`capabilities.rowLocks`) are declared for a server only: PGlite's single connection runs one
 * transaction at a time, and statements outside it wait until it ends.
 *
 * @example
 * ```ts
 * const storage = await createPostgresStorage({ connectionString: 'postgres://localhost/billing', schema: 'billing' });
 * const embedded = await createPostgresStorage({ dataDir: './billing-data' }); // PGlite in a folder
 * await storage.transaction(async (tx) => {
 *   const due = await tx.subscriptions.claimDue({ now: '2026-02-01T00:00:00.000Z', limit: 100 });
 * });
 * ```
 */
export async function createPostgresStorage(options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  const { client, release } = await connect(options);
  try {
    if (options.migrate !== false) await migrate(client, { schema });
  } catch (error) {
    await release();
    throw error;
  }
  const tables = billingTables(schema);
  let closed: Promise<void> | undefined;
  return {
    ...createSession(client, tables),
    client,
    schema,
    capabilities: { rowLocks: client.concurrent },
    transaction: <T>(work: (session: StorageSession) => Promise<T>) =>
      client.transaction((tx) => work(createSession(tx, tables))),
    close: () => {
      closed ??= release();
      return closed;
    },
  };
}
