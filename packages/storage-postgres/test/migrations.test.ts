import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createPostgresStorage, migrate, migrations, sqlClientFromPGlite, sqlClientFromPool } from '../src/index';
import { describeServer, freshSchema, newPool, sharedPGlite } from './support/backends';
import { expectBillingError } from './support/expect-billing-error';
import { customer } from './support/records';

/** Every migration version, in order. */
const versions = migrations.map((m) => m.version);

/** The tables `schema` holds. */
async function tablesOf(client: ReturnType<typeof sqlClientFromPGlite>, schema: string): Promise<string[]> {
  const rows = await client.query<{ name: string }>(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
    [schema],
  );
  return rows.map((row) => row.name);
}

describe('migrations on PGlite', () => {
  it('applies every migration once, records it, and does nothing the second time', async () => {
    const client = sqlClientFromPGlite(await sharedPGlite());
    const schema = freshSchema();
    expect(await migrate(client, { schema })).toEqual({ applied: migrations.map((m) => m.version) });
    expect(await migrate(client, { schema })).toEqual({ applied: [] });
    const recorded = await client.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
    expect(recorded).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    expect(await tablesOf(client, schema)).toContain('invoices');
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  });

  it('rolls a failing migration back whole, then applies the rest on the next run', async () => {
    const client = sqlClientFromPGlite(await sharedPGlite());
    const schema = freshSchema();
    const broken = {
      version: Math.max(...versions) + 1,
      name: 'broken',
      statements: ['CREATE TABLE extra (id text)', 'SELECT no_such_function()'],
    };
    await expect(migrate(client, { schema, migrations: [...migrations, broken] })).rejects.toThrow(/no_such_function/);
    expect(await tablesOf(client, schema)).toEqual([]);
    expect((await migrate(client, { schema })).applied).toEqual(versions);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  });

  it('creates nothing with migrate: false, and refuses a schema name that is not a plain identifier', async () => {
    const db = await sharedPGlite();
    const schema = freshSchema();
    await createPostgresStorage({ pglite: db, schema, migrate: false });
    expect(await tablesOf(sqlClientFromPGlite(db), schema)).toEqual([]);
    await expectBillingError(createPostgresStorage({ pglite: db, schema: 'x"; DROP TABLE y; --' }), 'invalid_input');
  });

  it('keeps data in a PGlite folder across restarts, without migrating again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'billfold-pglite-'));
    try {
      const first = await createPostgresStorage({ dataDir });
      const record = customer();
      await first.customers.insert(record);
      await first.close();
      const second = await createPostgresStorage({ dataDir });
      expect(await second.customers.get(record.id)).toStrictEqual(record);
      expect(await migrate(second.client)).toEqual({ applied: [] });
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describeServer('migrations on a server', () => {
  it('two processes migrating the same schema at once: one applies, the other waits and finds it done', async () => {
    const pools = [newPool(2), newPool(2)];
    const schema = freshSchema();
    try {
      const results = await Promise.all(pools.map((pool) => migrate(sqlClientFromPool(pool), { schema })));
      expect(results.map((r) => r.applied).sort()).toEqual([[], versions]);
      const client = sqlClientFromPool(pools[0] as never);
      expect(await client.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`)).toEqual([
        { n: versions.length },
      ]);
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('migrates the search_path schema when none is named', async () => {
    const schema = freshSchema();
    const pool = newPool(1);
    try {
      const client = sqlClientFromPool(pool);
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      expect((await migrate(client)).applied).toEqual(versions);
      expect(await tablesOf(client as never, schema)).toContain('usage_events');
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    } finally {
      await pool.end();
    }
  });
});

describe('PGlite made by the storage', () => {
  it('is in memory by default, and closed by close()', async () => {
    const storage = await createPostgresStorage();
    expect(storage.capabilities.transactions).toBe('serial');
    await storage.customers.insert(customer());
    await storage.close();
    await expect(storage.customers.list({})).rejects.toThrow();
  });

  it('is left open by close() when the host passed it in', async () => {
    const db = await PGlite.create();
    const storage = await createPostgresStorage({ pglite: db });
    await storage.close();
    expect(await db.query('SELECT 1 AS one')).toMatchObject({ rows: [{ one: 1 }] });
    await db.close();
  });
});
