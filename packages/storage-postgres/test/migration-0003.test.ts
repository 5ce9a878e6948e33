import { expect, it } from 'vitest';
import { createPostgresStorage, migrate, migrations, type PostgresStorage } from '../src/index';
import { foldedEmail } from '../src/migrations/0003-scoped-usage-and-lookups';
import { describeBackends, dropSchema, freshSchema, sharedPGlite, sharedPool } from './support/backends';
import { migratedBefore, writeBefore } from './support/migrated-before';
import { customer, invoice, usageEvent } from './support/records';

/*
 * Migration 3 on a schema that already holds data written under the migrations before it: the usage key becomes
 * (customer_id, id), externalRef becomes unique, and customers by email and invoices by number get indexes.
 */

/** The plan PostgreSQL picks for `sql` with sequential scans off: proves an index can answer it. */
async function plan(storage: PostgresStorage, sql: string, params: unknown[]): Promise<string> {
  return storage.client.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describeBackends('migration 3 (scoped usage ids, lookups)', (backend) => {
  it('keeps data written before it and then scopes usage ids per customer', async () => {
    const { storage, index } = await migratedBefore(backend, 'scoped-usage-and-lookups');
    try {
      const ada = customer({ email: 'Ada@Example.com', externalRef: 'crm-1' });
      const bob = customer({ email: 'bob@example.com' });
      await writeBefore(storage, 'customers', ada);
      await writeBefore(storage, 'customers', bob);
      const adaEvent = usageEvent({ id: 'evt_0', customerId: ada.id });
      expect(await storage.usage.insertMany([adaEvent])).toEqual({
        inserted: [{ customerId: ada.id, id: 'evt_0' }],
        duplicates: [],
      });
      // Before it, ids were global: Bob's evt_0 was swallowed as a duplicate.
      const bobEvent = usageEvent({ id: 'evt_0', customerId: bob.id });
      expect((await storage.usage.insertMany([bobEvent])).duplicates).toEqual([{ customerId: bob.id, id: 'evt_0' }]);
      const numbered = invoice({ customerId: ada.id, status: 'open', sequence: 'INV-2026', number: 'INV-2026-000001' });
      await writeBefore(storage, 'invoices', numbered);

      const after = migrations.slice(index).map((m) => m.version);
      expect(after[0]).toBe(3);
      expect(await migrate(storage.client, { schema: storage.schema as string })).toEqual({ applied: after });
      expect(await storage.customers.get(ada.id)).toStrictEqual(ada);
      expect(await storage.usage.insertMany([bobEvent, adaEvent])).toEqual({
        inserted: [{ customerId: bob.id, id: 'evt_0' }],
        duplicates: [{ customerId: ada.id, id: 'evt_0' }],
      });
      expect(await storage.customers.getByExternalRef('crm-1')).toStrictEqual(ada);
      expect((await storage.customers.list({ email: 'ada@example.COM' })).items).toStrictEqual([ada]);
      expect(await storage.invoices.getByNumber('INV-2026-000001')).toStrictEqual(numbered);
    } finally {
      await dropSchema(storage);
    }
  });

  it('answers the lookups from indexes', async () => {
    const storage = await createPostgresStorage(
      backend.name === 'pglite'
        ? { pglite: await sharedPGlite(), schema: freshSchema() }
        : { pool: sharedPool(), schema: freshSchema() },
    );
    try {
      const select = async (where: string) =>
        plan(storage, `SELECT id FROM "${storage.schema}".customers t WHERE ${where}`, ['x']);
      expect(await select('t."external_ref" = $1')).toMatch(/Index/);
      expect(await select(`${foldedEmail('t."email"')} = $1`)).toMatch(/customers_email/);
      expect(await plan(storage, `SELECT id FROM "${storage.schema}".invoices t WHERE t."number" = $1`, ['x'])).toMatch(
        /invoices_number/,
      );
    } finally {
      await dropSchema(storage);
    }
  });

  it('refuses to migrate, changing nothing, while two customers share an externalRef', async () => {
    const { storage, index } = await migratedBefore(backend, 'scoped-usage-and-lookups');
    try {
      await writeBefore(storage, 'customers', customer({ externalRef: 'crm-7' }));
      await writeBefore(storage, 'customers', customer({ externalRef: 'crm-7' }));
      await expect(migrate(storage.client, { schema: storage.schema as string })).rejects.toThrow(
        /migration 3: several customers have the external reference "crm-7"/,
      );
      const applied = await storage.client.query(
        `SELECT version FROM "${storage.schema}".schema_migrations ORDER BY version`,
      );
      expect(applied).toEqual(migrations.slice(0, index).map(({ version }) => ({ version })));
    } finally {
      await dropSchema(storage);
    }
  });
});
