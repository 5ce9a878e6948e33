import type { SqlClient, SqlRow } from '../../src/index';

/** A {@link SqlClient} that records every statement it runs (also inside transactions), for batching tests. */
export class CountingClient implements SqlClient {
  readonly statements: string[];

  constructor(
    private readonly inner: SqlClient,
    statements: string[] = [],
  ) {
    this.statements = statements;
  }

  get inTransaction(): boolean {
    return this.inner.inTransaction;
  }

  get concurrent(): boolean {
    return this.inner.concurrent;
  }

  /** The inner client's COPY, recorded as `COPY`; absent when the inner client has none. */
  get copyRows(): SqlClient['copyRows'] {
    const copy = this.inner.copyRows;
    if (copy === undefined) return undefined;
    return (target, rows) => {
      this.statements.push('COPY');
      return copy(target, rows);
    };
  }

  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    this.statements.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
    return this.inner.query<R>(text, params);
  }

  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    this.statements.push('<transaction>');
    return this.inner.transaction((tx) => work(new CountingClient(tx, this.statements)));
  }

  /** Forgets what was recorded. */
  clear(): void {
    this.statements.length = 0;
  }
}
