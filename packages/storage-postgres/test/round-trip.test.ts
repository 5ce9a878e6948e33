import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import {
  type Backend,
  describeBackends,
  describeServer,
  dropSchema,
  freshSchema,
  serverUrl,
  sharedPGlite,
} from './support/backends';
import { customer, invoice, subscription } from './support/records';

/** Every field of a stored record comes back as it went in: optional ones absent, timestamps in ISO UTC. */
describeBackends('record round trips', (backend: Backend) => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await backend.storage();
  });
  afterEach(() => dropSchema(storage));

  it('leaves absent optional fields absent, also after an update removes them', async () => {
    const sparse = subscription();
    await storage.subscriptions.insert(sparse);
    const read = await storage.subscriptions.get(sparse.id);
    expect(read).toStrictEqual(sparse);
    expect(Object.keys(read ?? {})).not.toContain('trialEnd');

    const full = {
      ...sparse,
      trialEnd: '2026-02-14T00:00:00.000Z',
      couponId: 'co_1',
      canceledAt: '2026-02-01T12:00:00.500Z',
      version: 2,
    };
    await storage.subscriptions.update(full);
    expect(await storage.subscriptions.get(sparse.id)).toStrictEqual(full);
    const { trialEnd: _t, couponId: _c, canceledAt: _a, ...cleared } = { ...full, version: 3 };
    await storage.subscriptions.update(cleared);
    expect(await storage.subscriptions.get(sparse.id)).toStrictEqual(cleared);
  });

  it('keeps nested parts (lines, snapshot, tax rates, metadata) field for field, unicode included', async () => {
    const record = invoice({
      customerSnapshot: {
        name: 'Zoë Ñandú 株式会社',
        email: 'z@example.com',
        address: { line1: 'Hauptstraße 1', city: 'Köln', country: 'DE' },
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        taxStatus: 'reverse_charge',
        locale: 'de-DE',
      },
      metadata: { 'crm-id': '🧾 42', empty: '' },
      notes: ['Reverse charge: the recipient accounts for the VAT.'],
    });
    await storage.invoices.insert(record);
    expect(await storage.invoices.get(record.id)).toStrictEqual(record);
  });

  it('returns timestamps as ISO UTC text with milliseconds, exactly as stored', async () => {
    const record = customer({ createdAt: '2026-01-31T23:59:59.999Z', updatedAt: '1999-12-31T00:00:00.001Z' });
    await storage.customers.insert(record);
    const read = await storage.customers.get(record.id);
    expect(read?.createdAt).toBe('2026-01-31T23:59:59.999Z');
    expect(read?.updatedAt).toBe('1999-12-31T00:00:00.001Z');
  });

  it('returns copies: changing a record read back does not change the store', async () => {
    const record = customer({ metadata: { tier: 'gold' } });
    await storage.customers.insert(record);
    const read = await storage.customers.get(record.id);
    (read?.metadata as Record<string, string>).tier = 'changed';
    expect((await storage.customers.get(record.id))?.metadata).toEqual({ tier: 'gold' });
  });
});

describe('timestamps do not depend on the session', () => {
  it('PGlite with TimeZone and DateStyle changed still reads ISO UTC', async () => {
    const db = await sharedPGlite();
    const storage = await createPostgresStorage({ pglite: db, schema: freshSchema() });
    try {
      await db.exec(`SET TimeZone = 'Pacific/Chatham'; SET DateStyle = 'SQL, DMY'`);
      const record = subscription({ nextBillingAt: '2026-03-31T00:00:00.000Z' });
      await storage.subscriptions.insert(record);
      expect(await storage.subscriptions.get(record.id)).toStrictEqual(record);
    } finally {
      await db.exec('RESET TimeZone; RESET DateStyle');
      await dropSchema(storage);
    }
  });

  describeServer('server', () => {
    it('a pool whose connections use another TimeZone and DateStyle still reads ISO UTC', async () => {
      const pool = new pg.Pool({
        connectionString: serverUrl(),
        options: '-c TimeZone=Asia/Kolkata -c DateStyle=SQL,DMY',
      });
      const storage = await createPostgresStorage({ pool, schema: freshSchema() });
      try {
        const record = subscription({ anchor: '2026-01-31T00:00:00.000Z', nextBillingAt: '2026-02-28T18:30:00.250Z' });
        await storage.subscriptions.insert(record);
        expect(await storage.subscriptions.get(record.id)).toStrictEqual(record);
        const due = await storage.transaction((tx) =>
          tx.subscriptions.claimDue({ now: '2026-02-28T18:30:00.250Z', limit: 5 }),
        );
        expect(due.map((s) => s.id)).toEqual([record.id]);
      } finally {
        await dropSchema(storage);
        await pool.end();
      }
    });
  });
});
