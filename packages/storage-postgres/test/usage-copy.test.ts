import { createBilling, createTestClock, type UsageEvent } from '@billfold/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedCatalog } from '../bench/seed';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type Backend, describeBackends, dropSchema } from './support/backends';
import { CountingClient } from './support/counting-client';
import { usageEvent } from './support/records';

/*
 * Usage batches of 64 events or more are stored with COPY in a savepoint (src/repositories/usage-copy.ts): the batch's
 * own repeats dropped first, and a batch holding a key stored before undone and stored again by the INSERT that
 * skips duplicates. On PGlite (COPY from a blob) and on a PostgreSQL server (COPY FROM STDIN).
 */

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-02-01T00:00:00.000Z';
const at = (n: number) => new Date(Date.parse('2026-01-02T00:00:00.000Z') + n * 60_000).toISOString();

describeBackends('usage batches stored with COPY', (backend: Backend) => {
  let base: PostgresStorage;
  let storage: PostgresStorage;
  let counting: CountingClient;
  beforeEach(async () => {
    base = await backend.storage();
    counting = new CountingClient(base.client);
    storage = await createPostgresStorage({ client: counting, schema: base.schema, migrate: false });
    counting.clear();
  });
  afterEach(() => dropSchema(base));

  const insert = (events: readonly UsageEvent[]) => storage.transaction((session) => session.usage.insertMany(events));
  const stored = async () =>
    (await storage.usage.list({ subscriptionId: 'sub_1', from: FROM, to: TO, limit: 500 })).items;
  const count = async () =>
    (await base.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${base.schema}".usage_events`))[0]?.n;

  it('copies a batch of 64 events with text COPY must escape, exactly as given, in one COPY', async () => {
    const events = Array.from({ length: 64 }, (_, n) =>
      usageEvent({
        id: `e${String(n).padStart(3, '0')}`,
        timestamp: at(n),
        eventName: n === 0 ? 'tab\tname\\with\nbreaks' : 'api_call',
        properties: n === 1 ? { note: 'a\tb\nc\r\\d "q" Ünï 😀', gb: '1.5' } : { gb: String(n) },
      }),
    );
    const { subscriptionId: _none, ...unassigned } = usageEvent({ id: 'e_free', timestamp: at(99) });
    const result = await insert([...events, unassigned]);
    expect(result.inserted).toHaveLength(65);
    expect(result.duplicates).toEqual([]);
    expect(counting.statements).toEqual(['<transaction>', '<transaction>', 'COPY']);
    expect(await stored()).toEqual(events);
    const [free] = await base.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${base.schema}".usage_events WHERE subscription_id IS NULL AND id = 'e_free'`,
    );
    expect(free?.n).toBe(1);
  });

  it('keeps the first event of a key repeated inside the batch and reports the repeats in input order', async () => {
    const events = Array.from({ length: 70 }, (_, n) =>
      usageEvent({ id: `e${n % 60}`, timestamp: at(n), properties: { gb: String(n) } }),
    );
    // Out of key order: the adapter may not rely on the engine's sort.
    events.reverse();
    const result = await insert(events);
    expect(result.inserted).toHaveLength(60);
    // The repeats are e9 … e0 as they come after their first event (n = 69 … 60 came first).
    expect(result.duplicates).toEqual(Array.from({ length: 10 }, (_, k) => ({ customerId: 'cus_1', id: `e${9 - k}` })));
    expect(counting.statements).toContain('COPY');
    const gb = new Map((await stored()).map((e) => [e.id, e.properties.gb]));
    expect(gb.get('e0')).toBe('60');
    expect(gb.get('e9')).toBe('69');
    expect(gb.get('e10')).toBe('10');
  });

  it('undoes a COPY that meets a key stored before and stores the batch skipping it, in the same transaction', async () => {
    const first = Array.from({ length: 80 }, (_, n) => usageEvent({ id: `e${n}`, timestamp: at(n) }));
    expect((await insert(first)).inserted).toHaveLength(80);
    counting.clear();
    // 40 replays (with other properties, which must not win) and 40 new events, the replays in the middle.
    const second = Array.from({ length: 80 }, (_, n) =>
      usageEvent({ id: `e${n + 20}`, timestamp: at(n + 20), properties: { gb: 'replayed' } }),
    );
    const result = await storage.transaction(async (session) => {
      const inserted = await session.usage.insertMany(second);
      // The transaction goes on after the failed COPY.
      await session.usage.insertMany([usageEvent({ id: 'after', timestamp: at(500) })]);
      return inserted;
    });
    expect(result.inserted.map((key) => key.id)).toEqual(Array.from({ length: 20 }, (_, n) => `e${n + 80}`));
    expect(result.duplicates.map((key) => key.id)).toEqual(Array.from({ length: 60 }, (_, n) => `e${n + 20}`));
    expect(counting.statements).toEqual([
      '<transaction>',
      '<transaction>',
      'COPY',
      'WITH written AS',
      'WITH written AS',
    ]);
    expect(await count()).toBe(101);
    const replayed = (await stored()).filter((e) => e.properties.gb === 'replayed').map((e) => e.id);
    expect(replayed).toEqual(Array.from({ length: 20 }, (_, n) => `e${n + 80}`));
  });

  it('sends a large batch in pieces of 1,000 rows and undoes it whole when a later piece meets a stored key', async () => {
    const event = (n: number, gb: string) =>
      usageEvent({ id: `e${String(n).padStart(4, '0')}`, timestamp: at(n % 1000), properties: { gb } });
    // Stored before: one key that only the third piece of the next batch holds.
    await insert([event(2400, 'first')]);
    counting.clear();
    const batch = Array.from({ length: 2500 }, (_, n) => event(n, 'batch'));
    const result = await insert(batch);
    expect(result.inserted).toHaveLength(2499);
    expect(result.duplicates).toEqual([{ customerId: 'cus_1', id: 'e2400' }]);
    // The COPY was undone (none of its first two pieces is left), then the INSERT stored the batch once.
    expect(counting.statements).toEqual(['<transaction>', '<transaction>', 'COPY', 'WITH written AS']);
    const rows = await base.client.query<{ gb: string; n: number }>(
      `SELECT properties ->> 'gb' AS gb, count(*)::int AS n FROM "${base.schema}".usage_events GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { gb: 'batch', n: 2499 },
      { gb: 'first', n: 1 },
    ]);
    // A batch of fresh keys goes through in one COPY of three pieces.
    counting.clear();
    const fresh = Array.from({ length: 2500 }, (_, n) => event(n + 5000, 'fresh'));
    expect((await insert(fresh)).inserted).toHaveLength(2500);
    expect(counting.statements).toEqual(['<transaction>', '<transaction>', 'COPY']);
    expect(await count()).toBe(5000);
  });

  it('inserts a batch under 64 events without COPY', async () => {
    const events = Array.from({ length: 63 }, (_, n) => usageEvent({ id: `e${n}`, timestamp: at(n) }));
    expect((await insert(events)).inserted).toHaveLength(63);
    expect(counting.statements).toEqual(['<transaction>', 'WITH written AS']);
  });
});

describeBackends('usage.ingestStream in COPY-sized batches', (backend: Backend) => {
  let storage: PostgresStorage;
  afterEach(() => dropSchema(storage));

  async function meteredCustomer() {
    storage = await backend.storage();
    const billing = createBilling({ storage, clock: createTestClock('2026-01-01T00:00:00Z') });
    // The benchmark's catalog: data metered in arrears (sum of `gb`) beside a flat plan.
    const catalog = await seedCatalog(billing);
    const customer = await billing.customers.create({ name: 'A', email: 'a@example.com', currency: 'EUR' });
    const { subscription } = await billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: catalog.basicPriceId }, { priceId: catalog.dataPriceId }],
    });
    const event = (n: number, gb = '1') => ({
      id: `r${n}`,
      customerId: customer.id,
      eventName: 'data',
      timestamp: at(n),
      properties: { gb },
    });
    const quantity = async () => (await billing.usage.summary({ subscriptionId: subscription.id })).meters[0]?.quantity;
    return { billing, event, quantity };
  }

  it('stores every batch, a replay skips them all as duplicates, and a stream overlapping it stores only the rest', async () => {
    const { billing, event, quantity } = await meteredCustomer();
    const events = Array.from({ length: 300 }, (_, n) => event(n));
    expect(await billing.usage.ingestStream(events, { batchSize: 100 })).toEqual({
      events: 300,
      inserted: 300,
      duplicates: 0,
      batches: 3,
    });
    expect(await billing.usage.ingestStream(events, { batchSize: 100 })).toMatchObject({
      inserted: 0,
      duplicates: 300,
    });
    const overlapping = Array.from({ length: 200 }, (_, n) => event(n + 200, '2'));
    expect(await billing.usage.ingestStream(overlapping, { batchSize: 200 })).toMatchObject({
      inserted: 100,
      duplicates: 100,
    });
    // 300 × 1 GB + 100 new events × 2 GB; the replayed ones kept their first reading.
    expect(await quantity()).toBe('500');
  });

  it('refuses a bad event at index 250 with its path: the batches before it are stored, nothing of its own', async () => {
    const { billing, event, quantity } = await meteredCustomer();
    const events = Array.from({ length: 300 }, (_, n) => event(n, n === 250 ? '1.5.0' : '1'));
    await expect(billing.usage.ingestStream(events, { batchSize: 100 })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['events', 250, 'properties', 'gb'],
    });
    expect(await quantity()).toBe('200');
  });

  it('refuses an unknown customer at index 130 of one batch under the lock, storing nothing of it', async () => {
    const { billing, event, quantity } = await meteredCustomer();
    const events = Array.from({ length: 200 }, (_, n) =>
      n === 130 ? { ...event(n), customerId: 'cus_nobody' } : event(n),
    );
    await expect(billing.usage.ingest(events)).rejects.toMatchObject({
      code: 'not_found',
      path: ['events', 130, 'customerId'],
    });
    expect(await quantity()).toBe('0');
  });
});
