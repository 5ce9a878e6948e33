import { describe, expect, it } from 'vitest';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';
import type { IngestStreamProgress } from './ingest-usage-stream';
import type { UsageEventInput } from './usage-event-input';

async function metered(wrap?: (storage: BillingStorageAdapter) => BillingStorageAdapter) {
  const f = await createCycleFixture({
    start: '2026-01-01T00:00:00Z',
    ...(wrap === undefined ? {} : { wrap }),
  });
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
  const event = (n: number, gb = '1'): UsageEventInput => ({
    id: `e${n}`,
    customerId: f.customer.id,
    eventName: 'data',
    timestamp: `2026-01-${String(2 + (n % 25)).padStart(2, '0')}T00:00:00.000Z`,
    properties: { gb },
  });
  const quantity = async () => (await f.usage.summary({ subscriptionId: subscription.id })).meters[0]?.quantity;
  return { f, subscription, event, quantity };
}

/** An async source that records how far it was read and whether it was closed. */
function source(events: readonly UsageEventInput[]) {
  const state = { read: 0, closed: false };
  const iterable: AsyncIterable<UsageEventInput> = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => {
          const value = events[state.read];
          if (value === undefined) return { done: true, value: undefined };
          state.read += 1;
          return { done: false, value };
        },
        return: async () => {
          state.closed = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

describe('usage.ingestStream', () => {
  it('stores every event of an async source in batches, telling each committed batch', async () => {
    const { f, event, quantity } = await metered();
    const events = Array.from({ length: 7 }, (_, n) => event(n, `${n + 1}`));
    const progress: IngestStreamProgress[] = [];
    const result = await f.usage.ingestStream(source(events).iterable, {
      batchSize: 3,
      onBatch: (p) => {
        progress.push(p);
      },
    });
    expect(result).toEqual({ events: 7, inserted: 7, duplicates: 0, batches: 3 });
    expect(progress.map(({ batches, events: read, inserted }) => [batches, read, inserted])).toEqual([
      [1, 3, 3],
      [2, 6, 6],
      [3, 7, 7],
    ]);
    // 1 + 2 + … + 7 GB
    expect(await quantity()).toBe('28');
  });

  it('stops at a bad event with its index in the stream: the batches before it are stored, its own is not', async () => {
    const { f, event, quantity } = await metered();
    const events = Array.from({ length: 9 }, (_, n) => event(n, n === 7 ? '-1' : '1'));
    const { iterable, state } = source(events);
    const error = await rejection(f.usage.ingestStream(iterable, { batchSize: 3 }));
    expect(error).toMatchObject({ code: 'invalid_input', path: ['events', 7, 'properties', 'gb'] });
    expect(error.message).toMatch(/^Invalid events\.7\.properties\.gb: /);
    expect(error.issues?.map((issue) => issue.path)).toEqual([['events', 7, 'properties', 'gb']]);
    expect(state.closed, 'the source is closed').toBe(true);
    expect(await quantity()).toBe('6');
    // Sent again, fixed: what was stored is skipped as duplicates, the rest is stored.
    events[7] = event(7, '1');
    expect(await f.usage.ingestStream(events, { batchSize: 3 })).toEqual({
      events: 9,
      inserted: 3,
      duplicates: 6,
      batches: 3,
    });
    expect(await quantity()).toBe('9');
  });

  it('names the stream index of an event refused under the lock (an unknown customer)', async () => {
    const { f, event, quantity } = await metered();
    const events = [event(0), event(1), { ...event(2), customerId: 'cus_nobody' }, event(3)];
    expect(await rejection(f.usage.ingestStream(events, { batchSize: 2 }))).toMatchObject({
      code: 'not_found',
      path: ['events', 2, 'customerId'],
    });
    expect(await quantity()).toBe('2');
  });

  it('refuses bad options and a source that is not iterable, storing nothing', async () => {
    const { f, event, quantity } = await metered();
    expect(await rejection(f.usage.ingestStream([event(0)], { batchSize: 0 }))).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'batchSize'],
    });
    expect(
      await rejection(f.usage.ingestStream([event(0)], { batchSize: 10, concurrency: 2, bogus: 1 } as never)),
    ).toMatchObject({ path: ['options', 'bogus'] });
    expect(await rejection(f.usage.ingestStream(42 as never))).toMatchObject({ path: ['events'] });
    expect(await quantity()).toBe('0');
  });

  it('stores nothing from an empty source', async () => {
    const { f } = await metered();
    expect(await f.usage.ingestStream([])).toEqual({ events: 0, inserted: 0, duplicates: 0, batches: 0 });
  });
});

describe('usage.ingest on an adapter without subscriptions.lockForUsage', () => {
  it('resolves and refuses exactly as with it (each customer listed, then one lock call)', async () => {
    const withoutLockForUsage = (storage: BillingStorageAdapter): BillingStorageAdapter => {
      const strip = <S extends { subscriptions: BillingStorageAdapter['subscriptions'] }>(session: S): S => {
        const { lockForUsage: _absent, ...subscriptions } = session.subscriptions;
        return { ...session, subscriptions };
      };
      return {
        ...strip(storage),
        capabilities: storage.capabilities,
        transaction: (work) => storage.transaction((session) => work(strip(session))),
        close: () => storage.close(),
      };
    };
    const { f, event, quantity } = await metered(withoutLockForUsage);
    expect(await f.usage.ingest([event(0, '2'), event(1, '3')])).toMatchObject({ inserted: 2 });
    expect(await quantity()).toBe('5');
    const other = await f.addCustomer('cus_other');
    expect(await rejection(f.usage.ingest([{ ...event(2), customerId: other.id }]))).toMatchObject({
      path: ['events', 0, 'subscriptionId'],
    });
    expect(await rejection(f.usage.ingest([{ ...event(3), customerId: 'cus_nobody' }]))).toMatchObject({
      code: 'not_found',
      path: ['events', 0, 'customerId'],
    });
  });
});
