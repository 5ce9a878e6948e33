/** One row as a driver returns it: column name → value. */
export type SqlRow = Record<string, unknown>;

/**
 * The small SQL surface the adapter runs on, implemented once over a `pg` pool and once over PGlite, so the
 * repositories have a single code path. Numbers, timestamps and decimals come back as the SQL asks for them:
 * `integer` → number, `boolean` → boolean, `json`/`jsonb` → parsed JSON, everything else (`numeric`, `bigint`,
 * `timestamptz`, `text`) → the text PostgreSQL sent.
 */
export interface SqlClient {
  /** Runs one statement with `$1 …` parameters and returns its rows. A unique violation throws `BillingError` `conflict`. */
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Runs `work` atomically: in a new transaction, or in a savepoint when this client is already inside one.
   * Commits when `work` resolves; rolls back and rethrows the same error when it throws.
   */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Copies rows into a table with `COPY <target> FROM …` (text format): `target` is the table and its column list
   * (`"s"."usage_events" ("id", …)`), `rows` the data, one line per row, in pieces (see {@link CopyData}). Returns the
   * number of rows copied. Present on transaction clients whose driver can stream COPY data (`pg`, PGlite); absent
   * elsewhere, where callers use `INSERT`. A row breaking a unique key fails the whole COPY (`BillingError`
   * `conflict`).
   */
  readonly copyRows?: (target: string, rows: CopyData) => Promise<number>;
  /** Whether this client is bound to an open transaction. */
  readonly inTransaction: boolean;
  /**
   * Whether transactions of this database run side by side on separate connections (a server), so row locks
   * and `SKIP LOCKED` matter; `false` for PGlite, whose single connection runs one transaction at a time.
   */
  readonly concurrent: boolean;
}

/**
 * COPY data (text format) in pieces of whole lines, each made when it is asked for: a server connection sends a
 * piece and lets the server read it while the next one is made. An iterator rather than any iterable, so that a
 * string (an iterable of its characters) cannot be passed by mistake.
 */
export type CopyData = IterableIterator<string>;

/** Runs one statement on one connection. */
export type RunStatement = (text: string, params?: readonly unknown[]) => Promise<SqlRow[]>;

/** Runs one `COPY <target> FROM …` of `rows` (text format) on one connection; see {@link SqlClient.copyRows}. */
export type RunCopy = (target: string, rows: CopyData) => Promise<number>;

/**
 * A client bound to one open transaction on one connection. Statements run one after another in call order,
 * and a nested `transaction` (a savepoint) holds the connection until it ends, so concurrent calls inside one
 * transaction can never interleave with a savepoint's statements.
 * @internal
 */
export class TransactionSqlClient implements SqlClient {
  readonly inTransaction = true;
  #tail: Promise<unknown> = Promise.resolve();
  #open = true;

  readonly copyRows?: (target: string, rows: CopyData) => Promise<number>;

  constructor(
    private readonly run: RunStatement,
    readonly concurrent: boolean,
    private readonly copy?: RunCopy,
    private readonly depth = 1,
  ) {
    if (copy !== undefined) this.copyRows = (target, rows) => this.#exclusive(() => copy(target, rows));
  }

  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.#exclusive(() => this.run(text, params) as Promise<R[]>);
  }

  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      const savepoint = `billfold_savepoint_${this.depth}`;
      await this.run(`SAVEPOINT ${savepoint}`);
      const inner = new TransactionSqlClient(this.run, this.concurrent, this.copy, this.depth + 1);
      try {
        const result = await inner.finish(() => work(inner));
        await this.run(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await this.run(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        await this.run(`RELEASE SAVEPOINT ${savepoint}`);
        throw error;
      }
    });
  }

  /**
   * Runs `work`, then waits for every statement it queued (even ones it did not await) and closes this client:
   * a leaked session must never send statements on a connection that went back to the pool.
   */
  async finish<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      await this.#tail;
      return result;
    } finally {
      await this.#tail;
      this.#open = false;
    }
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (!this.#open)
      return Promise.reject(
        new Error(
          'This transaction has ended: use the storage adapter, not a session kept from a finished transaction.',
        ),
      );
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
