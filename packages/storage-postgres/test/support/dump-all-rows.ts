import type { BillingStorageAdapter } from '@billfold/core';
import type { PostgresStorage } from '../../src/index';

/**
 * Every row of every table in the storage's schema, each cast to text (`SELECT t::text FROM … t`), one per line:
 * what a full-database text search sees — including tables the adapter's interface never reads back
 * (`schema_migrations`, `number_sequences`) and any a later migration adds.
 */
export async function dumpAllRows(adapter: BillingStorageAdapter): Promise<string> {
  const { client } = adapter as PostgresStorage;
  const schema =
    (adapter as PostgresStorage).schema ??
    ((await client.query<{ name: string }>('SELECT current_schema() AS name'))[0]?.name as string);
  const tables = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const lines: string[] = [];
  for (const { name } of tables) {
    const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
    for (const { row } of rows) lines.push(`${name}: ${row}`);
  }
  return lines.join('\n');
}
