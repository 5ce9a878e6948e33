import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createBilling, createTestClock } from '@billfold/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage, pgliteInitialData } from '../src/index';

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
});
