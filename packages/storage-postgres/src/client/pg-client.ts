import { finished } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyData, type RunCopy, type RunStatement, type SqlClient, type SqlRow, TransactionSqlClient } from './sql-client';
import { toBillingError } from './sql-error';

const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const JSON_OID = 114;
const JSONB = 3802;

const keepText = (value: string) => value;
const parseBoolean = (value: string) => value === 't';
const parseInteger = (value: string) => Number.parseInt(value, 10);

/**
 * Per-query type parsers, so a host's global `pg.types.setTypeParser` calls can neither change what Billfold
 * reads nor be changed by it: decimals, big integers and timestamps stay text.
 */
const types = {
  getTypeParser(oid: number): (value: string) => unknown {
    switch (oid) {
      case BOOL:
        return parseBoolean;
      case INT2:
      case INT4:
        return parseInteger;
      case JSON_OID:
      case JSONB:
        return JSON.parse;
      default:
        return keepText;
    }
  },
};

/** Runs one statement on a pool or on a checked-out connection, with Billfold's parsers and error mapping. */
async function runOn(target: Pool | PoolClient, text: string, params?: readonly unknown[]): Promise<SqlRow[]> {
  try {
    const result = await target.query({ text, values: params as unknown[] | undefined, types });
    return result.rows as SqlRow[];
  } catch (error) {
    throw toBillingError(error);
  }
}

/**
 * Streams `rows` into `target` with `COPY … FROM STDIN` on a checked-out connection; the rows copied. Each piece is
 * written, then the event loop is let run (the connection sends it, the server starts on it) before the next one is
 * made: the server stores one piece while this process makes the next, rather than waiting for all of them.
 */
async function copyOn(connection: PoolClient, target: string, rows: CopyData): Promise<number> {
  try {
    const stream = connection.query(copyFrom(`COPY ${target} FROM STDIN`));
    const copied = finished(stream);
    // A failed COPY (a key stored before) ends the stream early: its error is thrown by `await copied` below.
    copied.catch(() => undefined);
    for (const piece of rows) {
      if (stream.destroyed) break;
      stream.write(piece);
      await setImmediate();
    }
    if (!stream.destroyed) stream.end();
    await copied;
    return stream.rowCount;
  } catch (error) {
    throw toBillingError(error);
  }
}

/** A {@link SqlClient} over a `pg` pool: statements go to any free connection; a transaction holds one. */
class PoolSqlClient implements SqlClient {
  readonly inTransaction = false;
  readonly concurrent = true;

  constructor(private readonly pool: Pool) {}

  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return runOn(this.pool, text, params) as Promise<R[]>;
  }

  async transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out client has no error listener of the pool's: when the server drops the connection (restart,
    // failover, a terminated backend), its `error` event would end the process. The failed statement rejects
    // anyway; the connection is released as broken.
    const onError = (error: Error) => {
      broken = error;
    };
    connection.on('error', onError);
    try {
      const run: RunStatement = (text, params) => runOn(connection, text, params);
      const copy: RunCopy = (target, rows) => copyOn(connection, target, rows);
      await run('BEGIN');
      const client = new TransactionSqlClient(run, true, copy);
      try {
        const result = await client.finish(() => work(client));
        // COMMIT of a transaction a failed statement aborted answers ROLLBACK instead of failing: report it.
        const commit = await connection.query('COMMIT');
        if (commit.command === 'ROLLBACK') {
          throw new Error('The transaction was rolled back: a statement in it failed and its error was caught.');
        }
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    } finally {
      connection.removeListener('error', onError);
      connection.release(broken);
    }
  }
}

/**
 * Wraps a `pg` pool (PostgreSQL server) as a {@link SqlClient}. The pool stays the host's: closing the
 * storage does not end it.
 */
export function sqlClientFromPool(pool: Pool): SqlClient {
  return new PoolSqlClient(pool);
}
