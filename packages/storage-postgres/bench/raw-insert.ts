/**
 * The baseline of the billing-run benchmark: the same invoice rows written by hand with one batched statement
 * (one array per column through `unnest`), the least any billing run has to pay to store its invoices.
 */
import type { Invoice } from '@billfold/core';
import type { PostgresStorage, SqlClient } from '../src/index';

/** Marks the baseline's copies, so they can be told apart and deleted. */
const RAW_SEQUENCE = 'RAW-BENCH';

/** A prepared raw insert: the statement and its column arrays, built before the clock starts. */
export interface RawInsert {
  readonly statement: string;
  readonly arrays: unknown[][];
}

async function columnsOf(client: SqlClient, schema: string) {
  return client.query<{ name: string; type: string }>(
    `SELECT column_name AS name, format_type(atttypid, atttypmod) AS type FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = ($1 || '.invoices')::regclass AND a.attname = c.column_name
      WHERE c.table_schema = $1 AND c.table_name = 'invoices' ORDER BY c.ordinal_position`,
    [schema],
  );
}

/** Every invoice stored, page by page. */
export async function allInvoices(storage: PostgresStorage): Promise<Invoice[]> {
  const all: Invoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.invoices.list({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}

/**
 * Copies of `invoices` with new ids, their own sequence and subscription ids (so the unique keys hold), as the
 * column arrays of one `INSERT … SELECT * FROM unnest(…)`. Untimed: the baseline times only the statement.
 */
export async function prepareRawInsert(storage: PostgresStorage, invoices: readonly Invoice[]): Promise<RawInsert> {
  const schema = storage.schema as string;
  const columns = await columnsOf(storage.client, schema);
  const copies = invoices.map((invoice, i) => ({
    ...invoice,
    id: `raw_${String(i).padStart(8, '0')}`,
    sequence: RAW_SEQUENCE,
    ...(invoice.subscriptionId === undefined ? {} : { subscriptionId: `raw_${invoice.subscriptionId}` }),
  }));
  const field = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const arrays = columns.map(({ name, type }) =>
    copies.map((record) => {
      const value = (record as unknown as Record<string, unknown>)[field(name)];
      if (value === undefined) return null;
      return type === 'jsonb' ? JSON.stringify(value) : value;
    }),
  );
  const casts = columns.map(({ type }, i) => `$${i + 1}::${type}[]`).join(', ');
  return { statement: `INSERT INTO "${schema}".invoices SELECT * FROM unnest(${casts})`, arrays };
}

/** Runs a prepared raw insert. */
export async function runRawInsert(storage: PostgresStorage, raw: RawInsert): Promise<void> {
  await storage.client.query(raw.statement, raw.arrays);
}

/** Deletes the baseline's copies again. */
export async function deleteRawInsert(storage: PostgresStorage): Promise<number> {
  const rows = await storage.client.query<{ n: number }>(
    `WITH gone AS (DELETE FROM "${storage.schema}".invoices WHERE sequence = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [RAW_SEQUENCE],
  );
  return rows[0]?.n ?? 0;
}
