import {
  createPostgresStorage,
  migrate,
  migrations,
  type PostgresStorage,
  sqlClientFromPGlite,
  sqlClientFromPool,
} from '../../src/index';
import { type Backend, freshSchema, sharedPGlite, sharedPool } from './backends';

/**
 * Where a migration's test starts: storage over a fresh schema of `backend` migrated up to (not including) the
 * migration named `name`, and that migration's index in the list (what is applied from there on is
 * `migrations.slice(index)`). The storage does not migrate on its own; the test calls `migrate` when it is ready.
 */
export async function migratedBefore(
  backend: Backend,
  name: string,
): Promise<{ readonly storage: PostgresStorage; readonly index: number }> {
  const index = migrations.findIndex((m) => m.name === name);
  if (index < 0) throw new Error(`no migration named "${name}"`);
  const schema = freshSchema();
  const client =
    backend.name === 'pglite' ? sqlClientFromPGlite(await sharedPGlite()) : sqlClientFromPool(sharedPool());
  await migrate(client, { schema, migrations: migrations.slice(0, index) });
  const storage =
    backend.name === 'pglite'
      ? await createPostgresStorage({ pglite: await sharedPGlite(), schema, migrate: false })
      : await createPostgresStorage({ pool: sharedPool(), schema, migrate: false });
  return { storage, index };
}

/**
 * Writes `record` into `table` as a schema from before a migration holds it: each field into its snake_case column
 * (`couponPeriodsUsed` → `coupon_periods_used`) when the table has that column yet, the rest left out (the
 * repositories of today also write the columns later migrations add, so they cannot write an older schema).
 */
export async function writeBefore(storage: PostgresStorage, table: string, record: object): Promise<void> {
  const row = Object.fromEntries(
    Object.entries(record).map(([field, value]) => [field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
  );
  const name = `"${storage.schema}"."${table}"`;
  await storage.client.query(`INSERT INTO ${name} SELECT * FROM json_populate_record(NULL::${name}, $1::json)`, [
    JSON.stringify(row),
  ]);
}
