import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createBilling, createTestClock } from '@billfold/core';
import { afterEach, describe, expect, it } from 'vitest';
import { writePGliteDataFolder } from '../src/client/pglite-data-folder';
import { createPostgresStorage, migrations, type PostgresStorage, pgliteInitialData } from '../src/index';

/*
 * A new embedded database starts from the prepared data directory (the test set-up writes it, as `build` does).
 * PostgreSQL's system identifier is chosen at random by `initdb`, so a database that shares it with the prepared
 * data was loaded from it, and one that has another ran `initdb` itself.
 */

const SYSTEM_IDENTIFIER = 'SELECT system_identifier::text AS id FROM pg_control_system()';

const opened: { close(): Promise<void> }[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** The system identifier of the cluster in the prepared data directory. */
async function preparedIdentifier(): Promise<string> {
  const prepared = await pgliteInitialData();
  expect(prepared).toBeInstanceOf(Blob);
  const db = await PGlite.create({ loadDataDir: prepared });
  opened.push(db);
  const { rows } = await db.query<{ id: string }>(SYSTEM_IDENTIFIER);
  return rows[0]?.id as string;
}

async function identifierOf(storage: PostgresStorage): Promise<string> {
  const rows = await storage.client.query<{ id: string }>(SYSTEM_IDENTIFIER);
  return rows[0]?.id as string;
}

async function newFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'billfold-prepared-'));
  folders.push(root);
  return join(root, 'data');
}

describe('the prepared PGlite data directory', () => {
  it('starts a new in-memory database, migrated and ready for billing', async () => {
    const expected = await preparedIdentifier();
    const storage = await createPostgresStorage();
    opened.push(storage);
    expect(await identifierOf(storage)).toBe(expected);
    const billing = createBilling({ storage, clock: createTestClock('2026-01-01T00:00:00.000Z') });
    const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
    expect((await billing.customers.get(customer.id)).name).toBe('Ada');
  });

  it('starts a new folder once, and a folder that holds a database reopens with its records', async () => {
    const expected = await preparedIdentifier();
    const dataDir = await newFolder();
    const first = await createPostgresStorage({ dataDir });
    expect(await identifierOf(first)).toBe(expected);
    const billing = createBilling({ storage: first, clock: createTestClock('2026-01-01T00:00:00.000Z') });
    const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
    await first.close();

    const again = await createPostgresStorage({ dataDir });
    opened.push(again);
    expect(await identifierOf(again)).toBe(expected);
    const reread = createBilling({ storage: again, clock: createTestClock('2026-01-01T00:00:00.000Z') });
    expect((await reread.customers.get(customer.id)).name).toBe('Ada');
  });

  it('writes a new folder with the migrations already applied, pages of zeros left as holes', async () => {
    const expected = await preparedIdentifier();
    const dataDir = await newFolder();
    const opening = new Date();
    const storage = await createPostgresStorage({ dataDir });
    opened.push(storage);
    expect(await identifierOf(storage)).toBe(expected);
    // Every migration is recorded, and was applied before this test began: it came with the prepared data.
    const applied = await storage.client.query<{ version: number; applied_at: string }>(
      'SELECT version, applied_at::text FROM schema_migrations ORDER BY version',
    );
    expect(applied.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
    for (const row of applied) expect(Date.parse(row.applied_at)).toBeLessThan(opening.getTime());
    // The 16 MB WAL segment keeps its size but not its zeros.
    const [wal] = (await readdir(join(dataDir, 'pg_wal'))).filter((name) => /^[0-9A-F]{24}$/.test(name));
    const segment = await stat(join(dataDir, 'pg_wal', wal as string));
    expect(segment.size).toBe(16 * 2 ** 20);
    expect(segment.blocks * 512).toBeLessThan(segment.size);
  });

  it('starts from the fresh cluster when the storage is not to migrate its default schema', async () => {
    const expected = await preparedIdentifier();
    const bare = await createPostgresStorage({ migrate: false });
    opened.push(bare);
    expect(await identifierOf(bare)).toBe(expected);
    const tables =
      "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'schema_migrations'";
    expect(await bare.client.query(tables)).toEqual([]);

    const named = await createPostgresStorage({ dataDir: await newFolder(), schema: 'billing' });
    opened.push(named);
    expect(await identifierOf(named)).toBe(expected);
    expect(await named.client.query(tables)).toEqual([{ schema: 'billing' }]);
  });

  it('refuses a tar entry that would land outside the folder', async () => {
    const header = new Uint8Array(1024);
    header.set(new TextEncoder().encode('../escaped'), 0);
    header.set(new TextEncoder().encode('0000000'), 124);
    header[156] = '0'.charCodeAt(0);
    const folder = await newFolder();
    expect(() => writePGliteDataFolder(header, folder)).toThrow('outside the folder');
    expect(await readdir(join(folder, '..'))).toEqual(['data']);
  });
});
