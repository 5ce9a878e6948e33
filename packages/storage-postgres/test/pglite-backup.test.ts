import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBilling, createTestClock } from '@billfold/core';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from '../src/index';

// The backup recipe of docs/production.md: a PGlite folder the host opens itself, dumped while it is in use and
// restored into a new folder.
describe('a PGlite folder backed up with dumpDataDir and restored with loadDataDir', () => {
  const folder = mkdtempSync(join(tmpdir(), 'billfold-backup-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives back the same records, and the restored folder keeps working', async () => {
    const db = await PGlite.create({ dataDir: join(folder, 'live') });
    const storage = await createPostgresStorage({ pglite: db });
    const billing = createBilling({ storage, clock: createTestClock('2026-03-01T00:00:00Z') });
    const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
    const backup = await db.dumpDataDir('gzip');
    await billing.customers.create({ name: 'After the backup', email: 'late@example.com', currency: 'EUR' });
    await db.close();

    const restoredDb = await PGlite.create({ dataDir: join(folder, 'restored'), loadDataDir: backup });
    const restored = await createPostgresStorage({ pglite: restoredDb });
    const restoredBilling = createBilling({ storage: restored, clock: createTestClock('2026-03-02T00:00:00Z') });
    const customers = await restoredBilling.customers.list({});
    expect(customers.items.map((item) => [item.id, item.name])).toEqual([[customer.id, 'Ada']]);
    await restoredBilling.customers.create({ name: 'Bob', email: 'bob@example.com', currency: 'EUR' });
    expect((await restoredBilling.customers.list({})).items).toHaveLength(2);
    await restoredDb.close();
  });
});
