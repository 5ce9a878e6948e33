import type { SqlClient, SqlRow } from '../src/index';

/**
 * A {@link SqlClient} that counts the statements it runs (also inside transactions and savepoints) by kind:
 * `SELECT invoices`, `INSERT usage_events`, `<transaction>` for each transaction or savepoint opened.
 */
export class StatementCounter implements SqlClient {
  readonly counts: Map<string, number>;
  /** Milliseconds from sending each kind of statement to its rows, summed. */
  readonly ms: Map<string, number>;
  /** The last statement of each kind, with its parameters (to `EXPLAIN ANALYZE` it again). */
  readonly last: Map<string, { text: string; params: readonly unknown[] }>;

  constructor(
    private readonly inner: SqlClient,
    counts: Map<string, number> = new Map(),
    ms: Map<string, number> = new Map(),
    last: Map<string, { text: string; params: readonly unknown[] }> = new Map(),
  ) {
    this.counts = counts;
    this.ms = ms;
    this.last = last;
  }

  get inTransaction(): boolean {
    return this.inner.inTransaction;
  }

  get concurrent(): boolean {
    return this.inner.concurrent;
  }

  /** How many statements were counted. */
  get total(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  async query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]> {
    const kind = kindOf(text);
    this.#count(kind);
    this.last.set(kind, { text, params: params ?? [] });
    const start = performance.now();
    try {
      return await this.inner.query<R>(text, params);
    } finally {
      this.ms.set(kind, (this.ms.get(kind) ?? 0) + performance.now() - start);
    }
  }

  /** The inner client's COPY, counted and timed as `COPY <table>`; absent when the inner client has none. */
  get copyRows(): SqlClient['copyRows'] {
    const copy = this.inner.copyRows;
    if (copy === undefined) return undefined;
    return async (target, rows) => {
      const kind = `COPY ${/"(\w+)" \(/.exec(target)?.[1] ?? '?'}`;
      this.#count(kind);
      const start = performance.now();
      try {
        return await copy(target, rows);
      } finally {
        this.ms.set(kind, (this.ms.get(kind) ?? 0) + performance.now() - start);
      }
    };
  }

  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    this.#count('<transaction>');
    return this.inner.transaction((tx) => work(new StatementCounter(tx, this.counts, this.ms, this.last)));
  }

  /** Forgets what was counted. */
  clear(): void {
    this.counts.clear();
    this.ms.clear();
    this.last.clear();
  }

  #count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }
}

/**
 * The verb and the table of a statement, and the row lock it takes: `SELECT subscriptions`, `UPDATE subscriptions`,
 * `SELECT customers FOR NO KEY UPDATE` (the ledger lock).
 */
function kindOf(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '?';
  const lock = /\bFOR (NO KEY UPDATE|UPDATE|SHARE)\b/i.exec(text)?.[1];
  const suffix = lock === undefined ? '' : ` FOR ${lock.toUpperCase()}`;
  for (const match of text.matchAll(/\b(?:FROM|INTO|UPDATE)\s+(?:"[^"]+"\.)?"?(\w+)"?/gi)) {
    if (match[1] !== 'json_to_recordset') return `${verb} ${match[1]}${suffix}`;
  }
  return verb;
}
