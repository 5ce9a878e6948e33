import type { StorageSession, Subscription, UsageQuery } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectDecimal } from '../assertions';
import { makeUsageEvent } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { insertSubscription } from './parents';

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-02-01T00:00:00.000Z';

/** Stores `api_call` events of `sub` given as `[id, timestamp, value of "v"]`. */
async function ingest(session: StorageSession, sub: Subscription, rows: [string, string, string][]): Promise<void> {
  await session.usage.insertMany(
    rows.map(([id, timestamp, value]) =>
      makeUsageEvent({ id, customerId: sub.customerId, subscriptionId: sub.id, timestamp, properties: { v: value } }),
    ),
  );
}

async function aggregateOne(session: StorageSession, query: UsageQuery): Promise<string> {
  const results = await session.usage.aggregate([query]);
  expect(results).toHaveLength(1);
  return results[0] as string;
}

function query(sub: Subscription, aggregation: UsageQuery['aggregation'], extra: Partial<UsageQuery> = {}): UsageQuery {
  return { subscriptionId: sub.id, eventName: 'api_call', aggregation, property: 'v', from: FROM, to: TO, ...extra };
}

/** Suite `usageAggregation`: each aggregation, exact decimals and half-open periods. */
export function usageAggregationSuite(kit: KitContext): void {
  it('sum adds decimal values exactly (no float drift, beyond 2^53)', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2026-01-02T00:00:00.000Z', '0.1'],
      ['kit_e2', '2026-01-03T00:00:00.000Z', '0.2'],
      ['kit_e3', '2026-01-04T00:00:00.000Z', '1.0004'],
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'sum')), '1.3004');
    const big = await insertSubscription(storage);
    await ingest(storage, big, [
      ['kit_b1', '2026-01-02T00:00:00.000Z', '90071992547409930.01'],
      ['kit_b2', '2026-01-03T00:00:00.000Z', '0.99'],
      ['kit_b3', '2026-01-04T00:00:00.000Z', '-5'],
    ]);
    expectDecimal(await aggregateOne(storage, query(big, 'sum')), '90071992547409926');
  });

  it('count counts the meter’s events, whatever their properties', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2026-01-02T00:00:00.000Z', '5'],
      ['kit_e2', '2026-01-03T00:00:00.000Z', '5'],
      ['kit_e3', '2026-01-04T00:00:00.000Z', '0'],
    ]);
    await storage.usage.insertMany([
      makeUsageEvent({ id: 'kit_e4', customerId: sub.customerId, subscriptionId: sub.id, timestamp: FROM }),
      makeUsageEvent({
        id: 'kit_e5',
        customerId: sub.customerId,
        subscriptionId: sub.id,
        eventName: 'other',
        timestamp: FROM,
      }),
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'count', { property: undefined })), '4');
  });

  it('max compares decimal values as numbers, not as text or floats', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2026-01-02T00:00:00.000Z', '9.5'],
      ['kit_e2', '2026-01-03T00:00:00.000Z', '10.000001'],
      ['kit_e3', '2026-01-04T00:00:00.000Z', '10'],
      ['kit_e4', '2026-01-05T00:00:00.000Z', '-20'],
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'max')), '10.000001');
    const big = await insertSubscription(storage);
    await ingest(storage, big, [
      ['kit_b1', '2026-01-02T00:00:00.000Z', '90071992547409930.02'],
      ['kit_b2', '2026-01-03T00:00:00.000Z', '90071992547409930.01'],
    ]);
    expectDecimal(await aggregateOne(storage, query(big, 'max')), '90071992547409930.02');
    const negative = await insertSubscription(storage);
    await ingest(storage, negative, [
      ['kit_n1', '2026-01-02T00:00:00.000Z', '-3'],
      ['kit_n2', '2026-01-03T00:00:00.000Z', '-2.5'],
    ]);
    expectDecimal(await aggregateOne(storage, query(negative, 'max')), '-2.5');
  });

  it('unique_count counts distinct property values', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2026-01-02T00:00:00.000Z', 'user-a'],
      ['kit_e2', '2026-01-03T00:00:00.000Z', 'user-b'],
      ['kit_e3', '2026-01-04T00:00:00.000Z', 'user-a'],
      ['kit_e4', '2026-01-05T00:00:00.000Z', 'User-A'],
      ['kit_e5', '2026-02-05T00:00:00.000Z', 'user-z'],
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'unique_count')), '3');
  });

  it('last takes the latest event by timestamp, then by id, whatever the insertion order', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e3', '2026-01-20T00:00:00.000Z', '30'],
      ['kit_e1', '2026-01-25T00:00:00.000Z', '7.25'],
      ['kit_e2', '2026-01-05T00:00:00.000Z', '99'],
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'last')), '7.25');
    await ingest(storage, sub, [['kit_e0', '2026-01-25T00:00:00.000Z', '1']]);
    expectDecimal(await aggregateOne(storage, query(sub, 'last')), '7.25');
    await ingest(storage, sub, [['kit_e9', '2026-01-25T00:00:00.000Z', '8']]);
    expectDecimal(await aggregateOne(storage, query(sub, 'last')), '8');
  });

  it('last leaves out events without the property, even when they are the latest', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2026-01-05T00:00:00.000Z', '3'],
      ['kit_e2', '2026-01-10T00:00:00.000Z', '4.5'],
    ]);
    const bare = (id: string, timestamp: string) =>
      makeUsageEvent({ id, customerId: sub.customerId, subscriptionId: sub.id, timestamp });
    await storage.usage.insertMany([
      bare('kit_e3', '2026-01-20T00:00:00.000Z'),
      makeUsageEvent({
        id: 'kit_e4',
        customerId: sub.customerId,
        subscriptionId: sub.id,
        timestamp: '2026-01-25T00:00:00.000Z',
        properties: { other: '99' },
      }),
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'last')), '4.5');
    expectDecimal(await aggregateOne(storage, query(sub, 'count')), '4');
    const none = await insertSubscription(storage);
    await storage.usage.insertMany([
      makeUsageEvent({ id: 'kit_n1', customerId: none.customerId, subscriptionId: none.id, timestamp: FROM }),
    ]);
    expectDecimal(await aggregateOne(storage, query(none, 'last')), '0');
  });

  it('periods are half-open: an event at `from` counts, one at `to` does not', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2025-12-31T23:59:59.999Z', '1000'],
      ['kit_e2', FROM, '1'],
      ['kit_e3', '2026-01-31T23:59:59.999Z', '10'],
      ['kit_e4', TO, '100'],
    ]);
    expectDecimal(await aggregateOne(storage, query(sub, 'sum')), '11');
    expectDecimal(await aggregateOne(storage, query(sub, 'count')), '2');
    expectDecimal(await aggregateOne(storage, query(sub, 'max')), '10');
    expectDecimal(await aggregateOne(storage, query(sub, 'last')), '10');
    expectDecimal(await aggregateOne(storage, query(sub, 'unique_count')), '2');
    expectDecimal(await aggregateOne(storage, query(sub, 'sum', { from: TO, to: '2026-03-01T00:00:00.000Z' })), '100');
  });

  it('every aggregation is "0" with no matching events; other subscriptions and events do not count', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const other = await insertSubscription(storage);
    await ingest(storage, other, [['kit_o1', '2026-01-02T00:00:00.000Z', '5']]);
    for (const aggregation of ['sum', 'count', 'max', 'unique_count', 'last'] as const) {
      expectDecimal(await aggregateOne(storage, query(sub, aggregation)), '0');
      expectDecimal(await aggregateOne(storage, query(other, aggregation, { eventName: 'storage_gb' })), '0');
    }
  });

  it('answers several queries in one call, in query order', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    await ingest(storage, sub, [
      ['kit_e1', '2026-01-02T00:00:00.000Z', '2'],
      ['kit_e2', '2026-01-03T00:00:00.000Z', '3'],
      ['kit_e3', '2026-02-03T00:00:00.000Z', '4'],
    ]);
    const results = await storage.usage.aggregate([
      query(sub, 'max'),
      query(sub, 'sum'),
      query(sub, 'count'),
      query(sub, 'sum', { from: TO, to: '2026-03-01T00:00:00.000Z' }),
    ]);
    expect(results).toHaveLength(4);
    for (const [index, expected] of ['3', '5', '2', '4'].entries()) expectDecimal(results[index], expected);
    expect(await storage.usage.aggregate([])).toEqual([]);
  });
}
