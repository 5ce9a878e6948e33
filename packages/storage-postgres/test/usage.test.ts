import type { UsageQuery } from '@billfold/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type Backend, describeBackends, dropSchema, freshSchema } from './support/backends';
import { CountingClient } from './support/counting-client';
import { expectBillingError } from './support/expect-billing-error';
import { usageEvent } from './support/records';

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-02-01T00:00:00.000Z';

describeBackends('usage', (backend: Backend) => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await backend.storage();
  });
  afterEach(() => dropSchema(storage));

  it('answers many queries of every aggregation in one statement, in query order', async () => {
    const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
    await storage.usage.insertMany([
      usageEvent({ id: 'u1', subscriptionId: 'sub_a', timestamp: at(2), properties: { gb: '1.5', user: 'x' } }),
      usageEvent({ id: 'u2', subscriptionId: 'sub_a', timestamp: at(9), properties: { gb: '10', user: 'y' } }),
      usageEvent({ id: 'u3', subscriptionId: 'sub_a', timestamp: at(9), properties: { gb: '2.25', user: 'x' } }),
      usageEvent({ id: 'u4', subscriptionId: 'sub_a', timestamp: TO, properties: { gb: '100', user: 'z' } }),
      usageEvent({ id: 'u5', subscriptionId: 'sub_b', timestamp: at(3), properties: { gb: '7' } }),
      usageEvent({ id: 'u6', subscriptionId: 'sub_a', eventName: 'other', timestamp: at(3), properties: { gb: '50' } }),
    ]);
    const q = (subscriptionId: string, aggregation: UsageQuery['aggregation'], property?: string): UsageQuery => ({
      subscriptionId,
      eventName: 'api_call',
      aggregation,
      property,
      from: FROM,
      to: TO,
    });
    const counting = new CountingClient(storage.client);
    const counted = await createPostgresStorage({ client: counting, schema: storage.schema, migrate: false });
    const results = await counted.usage.aggregate([
      q('sub_a', 'sum', 'gb'),
      q('sub_a', 'count'),
      q('sub_a', 'max', 'gb'),
      q('sub_a', 'unique_count', 'user'),
      q('sub_a', 'last', 'gb'),
      q('sub_b', 'sum', 'gb'),
      q('sub_none', 'sum', 'gb'),
      q('sub_none', 'last', 'gb'),
      q('sub_a', 'sum', 'missing'),
    ]);
    expect(results).toEqual(['13.75', '3', '10', '2', '2.25', '7', '0', '0', '0']);
    expect(counting.statements).toHaveLength(1);
  });

  it('refuses an aggregation without the property it needs', async () => {
    const query = { subscriptionId: 's', eventName: 'e', aggregation: 'sum' as const, from: FROM, to: TO };
    await expectBillingError(storage.usage.aggregate([query]), 'invalid_input');
  });

  it('lists a subscription’s events in [from, to) by timestamp then id, page after page', async () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      usageEvent({
        id: `p${6 - i}`,
        subscriptionId: 'sub_l',
        timestamp: i < 4 ? '2026-01-05T00:00:00.000Z' : `2026-01-0${i}T12:00:00.000Z`,
      }),
    );
    await storage.usage.insertMany([...events, usageEvent({ subscriptionId: 'sub_l', timestamp: TO })]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.usage.list({ subscriptionId: 'sub_l', from: FROM, to: TO, limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(['p2', 'p3', 'p4', 'p5', 'p6', 'p1', 'p0']);
    await expectBillingError(
      storage.usage.list({ subscriptionId: 'sub_l', from: FROM, to: TO, cursor: 'p3' }),
      'invalid_input',
    );
  });
});

describeBackends('usage ingestion batching', (backend: Backend) => {
  it('ingests 5,000 events in one statement', async () => {
    const base = await backend.storage();
    const counting = new CountingClient(base.client);
    const storage = await createPostgresStorage({ client: counting, schema: freshSchema() });
    counting.clear();
    const events = Array.from({ length: 5000 }, (_, i) =>
      usageEvent({ id: `bulk_${i}`, properties: { n: String(i) } }),
    );
    expect((await storage.usage.insertMany(events)).inserted).toHaveLength(5000);
    // `WITH written AS (INSERT … ON CONFLICT DO NOTHING RETURNING …) SELECT count(*) …`: one statement.
    expect(counting.statements).toEqual(['WITH written AS']);
    const stored = await base.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${storage.schema}".usage_events`,
    );
    expect(stored[0]?.n).toBe(5000);
    await dropSchema(storage);
    await dropSchema(base);
  });
});
