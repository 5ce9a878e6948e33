import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { createPostgresStorage, migrate, type PostgresStorage } from '@billfold/storage-postgres';
import type { CliIo } from './cli-io';
import { type OptionSpecs, type ParsedOptions, stringOption } from './parse-options';
import { readSecret } from './secrets';
import { UsageError } from './usage-error';

/** The flags that say where the records live: `--db`, `--db-file`, `--data-dir`, `--schema`. */
export const STORAGE_OPTIONS = {
  db: { type: 'string' },
  'db-file': { type: 'string' },
  'data-dir': { type: 'string' },
  schema: { type: 'string' },
} as const satisfies OptionSpecs;

/** The help lines of {@link STORAGE_OPTIONS}. */
export const STORAGE_HELP = [
  '  --db URL          a PostgreSQL server without a password in the URL: postgres://user@host:5432/database',
  '                    (with a password: BILLFOLD_DATABASE_URL, BILLFOLD_DATABASE_URL_FILE or --db-file)',
  '  --db-file FILE    a file holding the PostgreSQL URL (kept out of the process list)',
  '  --data-dir DIR    or embedded PostgreSQL (PGlite) kept in a folder',
  '  --schema NAME     the schema of the billing tables (default: the first of the search_path, usually public)',
];

/** Where a command's records live. */
export type StorageTarget =
  | { readonly kind: 'memory'; readonly schema?: string }
  | { readonly kind: 'server'; readonly url: string; readonly schema?: string }
  | { readonly kind: 'data-dir'; readonly dir: string; readonly schema?: string };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The database URL: `--db` (refused when it carries a password: `ps` shows it), else `--db-file` or the environment. */
function databaseUrl(command: string, parsed: ParsedOptions, io: CliIo): string | undefined {
  const flag = stringOption(parsed, 'db');
  const file = stringOption(parsed, 'db-file');
  if (flag !== undefined && file !== undefined) throw new UsageError('give --db or --db-file, not both', command);
  if (flag !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*:[^@/]*@/i.test(flag)) {
      throw new UsageError(
        '--db must not hold a password (every user of this machine can read it in the process list): put the URL in BILLFOLD_DATABASE_URL, or in a file named by --db-file or BILLFOLD_DATABASE_URL_FILE',
        command,
      );
    }
    return flag;
  }
  return readSecret(
    { variable: 'BILLFOLD_DATABASE_URL', ...(file === undefined ? {} : { file: { flag: 'db-file', path: file } }) },
    io,
    command,
  );
}

/**
 * Reads `--db` / `--db-file` / `BILLFOLD_DATABASE_URL(_FILE)`, `--data-dir` and `--schema`. Without a database
 * URL or a folder the target is an in-memory PGlite, allowed only where `required` is false (the demo);
 * `--data-dir` resolves against `cwd`. A URL from the environment gives way to an explicit `--data-dir`.
 * @throws UsageError for both at once, neither when required, a URL that is not `postgres://…`, a password in
 * `--db`, an unreadable `--db-file`, a bad schema name.
 */
export function storageTarget(
  command: string,
  parsed: ParsedOptions,
  options: { readonly required: boolean; readonly io: CliIo; readonly defaultSchema?: string },
): StorageTarget {
  const fromArgs = stringOption(parsed, 'db') !== undefined || stringOption(parsed, 'db-file') !== undefined;
  const dataDirGiven = stringOption(parsed, 'data-dir') !== undefined;
  const db = fromArgs || !dataDirGiven ? databaseUrl(command, parsed, options.io) : undefined;
  const cwd = options.io.cwd;
  const dataDir = stringOption(parsed, 'data-dir');
  const given = stringOption(parsed, 'schema');
  if (given !== undefined && !SCHEMA_NAME.test(given)) {
    throw new UsageError(
      `--schema must be letters, digits and "_", not starting with a digit (got "${given}")`,
      command,
    );
  }
  if (db !== undefined && dataDir !== undefined) throw new UsageError('give --db or --data-dir, not both', command);
  if (db !== undefined) {
    let protocol: string;
    try {
      protocol = new URL(db).protocol;
    } catch {
      protocol = '';
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      throw new UsageError('the database URL must be a PostgreSQL URL: postgres://user@host:5432/database', command);
    }
  }
  const schema = given ?? (db !== undefined || dataDir !== undefined ? options.defaultSchema : undefined);
  const withSchema = schema === undefined ? {} : { schema };
  if (db !== undefined) return { kind: 'server', url: db, ...withSchema };
  if (dataDir !== undefined) {
    return { kind: 'data-dir', dir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir), ...withSchema };
  }
  if (options.required) throw new UsageError('name the database: --db postgres://… or --data-dir DIR', command);
  return { kind: 'memory', ...withSchema };
}

/** The target for people, without credentials: `PostgreSQL at db.example:5432/billing (schema billing)`. */
export function describeTarget(target: StorageTarget): string {
  const schema = target.schema === undefined ? '' : ` (schema ${target.schema})`;
  switch (target.kind) {
    case 'memory':
      return `PGlite (in memory)${schema}`;
    case 'data-dir':
      return `PGlite in ${target.dir}${schema}`;
    case 'server': {
      const url = new URL(target.url);
      return `PostgreSQL at ${url.host}${url.pathname === '/' ? '' : url.pathname}${schema}`;
    }
    default: {
      const never: never = target;
      throw new Error(`unknown storage target ${String(never)}`);
    }
  }
}

/** The flag that lets `run` and `report` start a new database where none is. */
export const CREATE_OPTION = { create: { type: 'boolean' } } as const satisfies OptionSpecs;

/** The help line of {@link CREATE_OPTION}. */
export const CREATE_HELP =
  '  --create          start a new database when the target holds none (without it, a missing one is an error)';

/** Options of {@link openStorage}. */
export interface OpenStorageOptions {
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  /** Drop the target's schema first (everything in it), for a demo that starts from nothing. Needs a schema. */
  readonly fresh?: boolean;
  /**
   * Refuse a target that holds no Billfold database, creating nothing: a `--data-dir` folder that is missing or
   * holds no database, or a schema without billing tables (a typo must not become a new, empty database).
   */
  readonly existing?: boolean;
}

/** Throws unless a `--data-dir` target's folder already holds a PGlite database; looks only, creates nothing. */
function assertDatabaseFolder(target: StorageTarget): void {
  if (target.kind !== 'data-dir' || existsSync(join(target.dir, 'PG_VERSION'))) return;
  const why = existsSync(target.dir) ? 'holds no database' : 'does not exist';
  throw new Error(`${target.dir} ${why}: check --data-dir, or pass --create to start a new billing database there`);
}

/** Opens the SQL storage on a target; the caller closes it. */
export async function openStorage(target: StorageTarget, options: OpenStorageOptions = {}): Promise<PostgresStorage> {
  if (options.existing) assertDatabaseFolder(target);
  const schema = target.schema === undefined ? {} : { schema: target.schema };
  const where =
    target.kind === 'server'
      ? { connectionString: target.url }
      : target.kind === 'data-dir'
        ? { dataDir: target.dir }
        : {};
  const storage = await createPostgresStorage({ ...where, ...schema, migrate: false });
  try {
    if (options.fresh) {
      if (target.schema === undefined) throw new Error('a fresh start needs a schema of its own to drop');
      await storage.client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
    }
    if (options.existing) await assertMigrated(storage, target);
    if (options.migrate !== false) await migrate(storage.client, schema);
    return storage;
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** Throws when the target's schema has no billing tables (no `schema_migrations` table). */
async function assertMigrated(storage: PostgresStorage, target: StorageTarget): Promise<void> {
  const rows = await storage.client.query<{ found: number }>(
    `SELECT count(*)::int AS found FROM information_schema.tables
      WHERE table_schema = coalesce($1::text, current_schema()) AND table_name = 'schema_migrations'`,
    [target.schema ?? null],
  );
  if ((rows[0]?.found ?? 0) === 0) {
    throw new Error(
      `${describeTarget(target)} has no billing tables: run "billfold migrate" first, pass --create, or check --schema`,
    );
  }
}
