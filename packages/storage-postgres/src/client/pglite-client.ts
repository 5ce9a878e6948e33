import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import { type SqlClient, type SqlRow, TransactionSqlClient } from './sql-client';
import { toBillingError } from './sql-error';

const keepText = (value: string) => value;

/**
 * Per-query parsers over PGlite's defaults (which turn `bigint` into a lossy number and `timestamptz` into a
 * `Date`): decimals, big integers, dates and timestamps stay text, as with `pg`.
 */
const parsers = { 20: keepText, 1700: keepText, 1082: keepText, 1114: keepText, 1184: keepText };

/** Runs one statement with Billfold's parsers and error mapping. */
async function runOn(target: PGliteInterface | Transaction, text: string, params?: readonly unknown[]) {
  try {
    const result = await target.query<SqlRow>(text, params as unknown[] | undefined, { parsers });
    return result.rows;
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

  constructor(private readonly db: PGliteInterface) {}

  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return runOn(this.db, text, params) as Promise<R[]>;
  }

  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => {
      const client = new TransactionSqlClient((text, params) => runOn(tx, text, params), false);
      return client.finish(() => work(client));
    });
  }
}

/** Wraps a PGlite instance as a {@link SqlClient}. The instance stays the host's: closing the storage does not close it. */
export function sqlClientFromPGlite(db: PGliteInterface): SqlClient {
  return new PGliteSqlClient(db);
}
