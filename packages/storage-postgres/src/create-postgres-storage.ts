import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type BillingStorageAdapter, type PayoutRepository, type StorageSession, validate } from '@billfold/core';
import type { Pool, PoolConfig } from 'pg';
import { z } from 'zod';
import { lockDataDir } from './client/data-dir-lock';
import { type PGliteDatabase, sqlClientFromPGlite } from './client/pglite-client';
import { sqlClientFromPool } from './client/pg-client';
import type { SqlClient } from './client/sql-client';
import { checkSchemaName, migrate } from './migrations/migrate';
import { writePGliteDataFolder } from './client/pglite-data-folder';
import { preparedDataTar } from './pglite-initial-data';
import { reportQueries } from './repositories/reports';
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
  /** Gateway payouts (migration 9): the adapter always has them. */
  readonly payouts: PayoutRepository;
}

const hasMethods =
  (...methods: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

const PlainObjectSchema = z.record(z.string(), z.unknown());

/** The options as given, checked strictly: a typo (`datadir`) is an error, never a silent in-memory database. */
const OptionsSchema = z
  .strictObject({
    schema: z.string().optional(),
    migrate: z.boolean().optional(),
    pool: z.custom<Pool>(hasMethods('connect', 'query'), { message: 'expected a pg Pool' }).optional(),
    connectionString: z.string().min(1).optional(),
    poolConfig: PlainObjectSchema.optional(),
    pglite: z.custom<PGliteDatabase>(hasMethods('query', 'transaction'), { message: 'expected a PGlite' }).optional(),
    dataDir: z.string().min(1).max(4096).optional(),
    pgliteOptions: PlainObjectSchema.refine((o) => !('dataDir' in o), 'give dataDir beside pgliteOptions').optional(),
    client: z.custom<SqlClient>(hasMethods('query', 'transaction'), { message: 'expected a SqlClient' }).optional(),
  })
  .superRefine((options, ctx) => {
    const given = (['pool', 'connectionString', 'pglite', 'dataDir', 'client'] as const).filter(
      (key) => options[key] !== undefined,
    );
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', path: [given[1] as string], message: `give one of ${given.join(', ')}` });
    }
    if (options.poolConfig !== undefined && options.connectionString === undefined) {
      ctx.addIssue({ code: 'custom', path: ['poolConfig'], message: 'goes with connectionString' });
    }
    if (options.pgliteOptions !== undefined && given.some((key) => key !== 'dataDir')) {
      ctx.addIssue({ code: 'custom', path: ['pgliteOptions'], message: 'goes with dataDir (or no connection at all)' });
    }
  });

/** PGlite's prefixes for storage that is not a folder (`memory://`, browser stores); a path or `file://` is one. */
const NOT_A_FOLDER = /^(memory|idb|opfs-ahp|memfs2opfs):\/\//;

/** The folder a PGlite `dataDir` names, or `undefined` when it names no folder (in memory, a browser store). */
function dataFolder(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined || NOT_A_FOLDER.test(dataDir)) return undefined;
  return resolve(dataDir.startsWith('file://') ? dataDir.slice('file://'.length) : dataDir);
}

/**
 * Whether an embedded database is new and can start from a prepared data directory (see `pgliteInitialData`): in
 * memory, or a folder without a database yet, with PGlite's own user (the prepared cluster's) and one of its
 * databases.
 */
function startsNew(embedded: EmbeddedOptions): boolean {
  const { username, database } = embedded.pgliteOptions ?? {};
  if (username !== undefined && username !== 'postgres') return false;
  if (database !== undefined && database !== 'template1' && database !== 'postgres') return false;
  const { dataDir } = embedded;
  if (dataDir === undefined || dataDir.startsWith('memory://')) return true;
  const folder = dataFolder(dataDir);
  return folder !== undefined && !existsSync(join(folder, 'PG_VERSION'));
}

/** The options of a PGlite the storage makes itself. */
type EmbeddedOptions = PostgresStorageCommonOptions & {
  readonly dataDir?: string;
  readonly pgliteOptions?: PGliteSettings;
};

/**
 * The prepared data directory a new embedded database starts from, as a tar: the cluster with every migration
 * already applied when the storage would migrate its default schema (`migrate` then finds nothing to do), else the
 * fresh cluster; `undefined` when the database is not new or this installation has no prepared data that fits.
 */
async function preparedStart(embedded: EmbeddedOptions): Promise<Buffer<ArrayBuffer> | undefined> {
  if (!startsNew(embedded)) return undefined;
  const migrated = embedded.migrate !== false && embedded.schema === undefined;
  return (migrated ? await preparedDataTar('migrated') : undefined) ?? (await preparedDataTar('initdb'));
}

/** The client for the options, and how to release what the storage itself opened. */
async function connect(options: PostgresStorageOptions): Promise<{ client: SqlClient; release: () => Promise<void> }> {
  const keep = async () => {};
  if ('client' in options && options.client !== undefined) return { client: options.client, release: keep };
  if ('pool' in options && options.pool !== undefined)
    return { client: sqlClientFromPool(options.pool), release: keep };
  if ('pglite' in options && options.pglite !== undefined) {
    return { client: sqlClientFromPGlite(options.pglite), release: keep };
  }
  if ('connectionString' in options && options.connectionString !== undefined) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ ...options.poolConfig, connectionString: options.connectionString });
    // An idle connection the server drops (restart, failover) emits 'error' on the pool; unheard, it would end
    // the process. The pool discards that connection by itself and opens a new one on the next query.
    pool.on('error', () => {});
    return { client: sqlClientFromPool(pool), release: () => pool.end() };
  }
  // No server named: embedded PostgreSQL, loaded only now so server users never load its WebAssembly. A folder is
  // locked first: PGlite has no lock of its own, and two processes on one folder lose each other's writes.
  const embedded = options as EmbeddedOptions;
  const folder = dataFolder(embedded.dataDir);
  const lock = folder === undefined ? undefined : await lockDataDir(folder);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const prepared = await preparedStart(embedded);
    // A folder gets the prepared files written by Node (PGlite then opens an existing database); memory loads them.
    if (prepared !== undefined && folder !== undefined) writePGliteDataFolder(prepared, folder);
    const loadDataDir = prepared === undefined || folder !== undefined ? undefined : new Blob([prepared]);
    const db: PGlite = await PGlite.create({
      ...embedded.pgliteOptions,
      dataDir: embedded.dataDir,
      ...(loadDataDir === undefined ? {} : { loadDataDir }),
    });
    return {
      client: sqlClientFromPGlite(db),
      release: async () => {
        try {
          await db.close();
        } finally {
          await lock?.release();
        }
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * Creates the SQL storage adapter: one code path over a PostgreSQL server (`pg`) and over PGlite (embedded
 * PostgreSQL, the default when no server is named). Applies pending migrations unless `migrate: false`.
 * `close()` releases only what the storage opened itself (a pool made from `connectionString`, a PGlite made
 * from `dataDir`); a pool or PGlite you pass in stays yours to end.
 *
 * Transactions run `concurrent`ly, with real row locks (`capabilities.transactions`), on a server only: PGlite's
 * single connection runs one transaction at a time (`serial`), and statements outside it wait until it ends.
 * The same SQL serves both: on PGlite a lock is simply never contended.
 *
 * A PGlite folder (`dataDir`) has one writer: it is locked (`<dataDir>/billfold.lock`) until `close()` (or the
 * process exits); a second storage on it, in this process or another, is refused. A lock left by a process that
 * was killed is taken back. Options are checked strictly: an unknown key or a wrong type is `invalid_input`.
 * @throws BillingError `invalid_input` (path under `options`) for bad options; `storage_locked` (path
 * `["dataDir"]`) when another process holds the folder, naming it and that process's pid.
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
  validate(OptionsSchema, options, 'options');
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
    capabilities: { transactions: client.concurrent ? 'concurrent' : 'serial' },
    // Reports read committed data on the pool (or PGlite) itself, one statement each.
    reports: reportQueries(client, tables),
    transaction: <T>(work: (session: StorageSession) => Promise<T>) =>
      client.transaction((tx) => work(createSession(tx, tables))),
    close: () => {
      closed ??= release();
      return closed;
    },
  };
}
