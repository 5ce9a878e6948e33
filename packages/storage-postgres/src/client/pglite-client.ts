import { type CopyData, type SqlClient, type SqlRow, TransactionSqlClient } from './sql-client';
import { toBillingError } from './sql-error';

/** The part of a PGlite database, or of one of its transactions, that runs a statement. */
export interface PGliteQueryable {
  /** Runs one statement; `parsers` turn a column's text into a value, by PostgreSQL type OID. */
  query<R>(
    text: string,
    params?: unknown[],
    options?: { parsers?: Record<number, (value: string, typeId: number) => unknown>; blob?: Blob },
  ): Promise<{ rows: R[]; affectedRows?: number }>;
}

/**
 * What the storage needs of a PGlite instance: a `PGlite` (or `PGliteInterface`) from `@electric-sql/pglite` is
 * one. Declared here rather than imported so this package's types do not pull in PGlite's own declarations,
 * which need Emscripten's global types and fail a consumer's `tsc` without `skipLibCheck`.
 */
export interface PGliteDatabase extends PGliteQueryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: PGliteQueryable) => Promise<T>): Promise<T>;
}

const keepText = (value: string) => value;

/**
 * Per-query parsers over PGlite's defaults (which turn `bigint` into a lossy number and `timestamptz` into a
 * `Date`): decimals, big integers, dates and timestamps stay text, as with `pg`.
 */
const parsers = { 20: keepText, 1700: keepText, 1082: keepText, 1114: keepText, 1184: keepText };

/** Runs one statement with Billfold's parsers and error mapping. */
async function runOn(target: PGliteQueryable, text: string, params?: readonly unknown[]) {
  try {
    const result = await target.query<SqlRow>(text, params as unknown[] | undefined, { parsers });
    return result.rows;
  } catch (error) {
    throw toBillingError(error);
  }
}

/** Copies `rows` into `target` with `COPY … FROM '/dev/blob'`, PGlite's way of handing COPY its data; the rows copied. */
async function copyOn(target: PGliteQueryable, table: string, rows: CopyData): Promise<number> {
  try {
    // PGlite reads COPY data from one blob: the pieces are all made first.
    const result = await target.query(`COPY ${table} FROM '/dev/blob'`, [], { blob: new Blob([...rows]) });
    return result.affectedRows ?? 0;
  } catch (error) {
    throw toBillingError(error);
  }
}

/**
 * A {@link SqlClient} over PGlite. PGlite has one connection: a transaction holds it, and statements from
 * outside the transaction wait until it ends.
 */
class PGliteSqlClient implements SqlClient {
  readonly inTransaction = false;
  readonly concurrent = false;

  constructor(private readonly db: PGliteDatabase) {}

  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return runOn(this.db, text, params) as Promise<R[]>;
  }

  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => {
      const client = new TransactionSqlClient(
        (text, params) => runOn(tx, text, params),
        false,
        (table, rows) => copyOn(tx, table, rows),
      );
      return client.finish(() => work(client));
    });
  }
}

/** Wraps a PGlite instance as a {@link SqlClient}. The instance stays the host's: closing the storage does not close it. */
export function sqlClientFromPGlite(db: PGliteDatabase): SqlClient {
  return new PGliteSqlClient(db);
}
