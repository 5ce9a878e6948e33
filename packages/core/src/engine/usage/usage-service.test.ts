import { describe, expect, it } from 'vitest';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';
import { MAX_USAGE_BATCH } from './usage-event-input';

async function metered() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
  const event = (id: string, gb: string, timestamp = '2026-01-10T00:00:00Z') => ({
    id,
    customerId: f.customer.id,
    eventName: 'data',
    timestamp,
    properties: { gb },
  });
  const quantity = async () => (await f.usage.summary({ subscriptionId: subscription.id })).meters[0]?.quantity;
  return { f, subscription, event, quantity };
}

describe('usage.ingest', () => {
  it('stores a batch once: a replay adds nothing and the invoice is unchanged', async () => {
    const { f, event, quantity } = await metered();
    const batch = [event('e1', '7'), event('e2', '8'), event('e3', '10')];
    expect(await f.usage.ingest(batch)).toEqual({ inserted: 3, duplicates: 0, duplicateEvents: [] });
    const customerId = f.customer.id;
    expect(await f.usage.ingest(batch)).toEqual({
      inserted: 0,
      duplicates: 3,
      duplicateEvents: ['e1', 'e2', 'e3'].map((id) => ({ customerId, id })),
    });
    expect(await quantity()).toBe('25');
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    // 25 GB → 15 × 0.50 = 7.50, not 40 × …
    expect((await f.invoices())[1]?.lines.find((line) => line.kind === 'usage')?.amount).toBe('7.50');
  });

  it('counts an id repeated inside one batch once', async () => {
    const { f, event, quantity } = await metered();
    expect(await f.usage.ingest([event('dup', '3'), event('dup', '300')])).toEqual({
      inserted: 1,
      duplicates: 1,
      duplicateEvents: [{ customerId: f.customer.id, id: 'dup' }],
    });
    expect(await quantity()).toBe('3');
  });

  it('refuses negative or non-decimal quantities at the property’s path, storing nothing of the batch', async () => {
    const { f, event, quantity } = await metered();
    const before = await storageDump(f.storage);
    for (const bad of ['-1', '1e3', '', 'ten', '0x10']) {
      const error = await rejection(f.usage.ingest([event('ok', '5'), event('bad', bad)]));
      expect(error).toMatchObject({ code: 'invalid_input', path: ['events', 1, 'properties', 'gb'] });
    }
    const missing = await rejection(f.usage.ingest([{ ...event('nogb', '1'), properties: {} }]));
    expect(missing.path).toEqual(['events', 0, 'properties', 'gb']);
    const number = await rejection(f.usage.ingest([{ ...event('float', '1'), properties: { gb: 1.5 as never } }]));
    expect(number.path).toEqual(['events', 0, 'properties', 'gb']);
    expect(await quantity()).toBe('0');
    expect(await storageDump(f.storage)).toEqual(before);
  });

  it('checks the batch size, event names, customers and subscriptions before writing', async () => {
    const { f, subscription, event } = await metered();
    const tooMany = Array.from({ length: MAX_USAGE_BATCH + 1 }, (_, i) => event(`e${i}`, '1'));
    expect(await rejection(f.usage.ingest(tooMany))).toMatchObject({ code: 'invalid_input', path: ['events'] });
    expect(await rejection(f.usage.ingest([]))).toMatchObject({ path: ['events'] });
    expect(await rejection(f.usage.ingest([{ ...event('x', '1'), eventName: 'sms' }]))).toMatchObject({
      path: ['events', 0, 'eventName'],
    });
    expect(
      await rejection(f.usage.ingest([event('ok', '1'), { ...event('y', '1'), customerId: 'cus_nobody' }])),
    ).toMatchObject({
      code: 'not_found',
      path: ['events', 1, 'customerId'],
    });
    expect(await rejection(f.usage.ingest([{ ...event('z', '1'), subscriptionId: 'sub_nothing' }]))).toMatchObject({
      code: 'not_found',
      path: ['events', 0, 'subscriptionId'],
    });
    const other = await f.addCustomer('cus_other');
    expect(await rejection(f.usage.ingest([{ ...event('w', '1'), customerId: other.id }]))).toMatchObject({
      code: 'invalid_input',
      path: ['events', 0, 'subscriptionId'],
    });
    expect(
      await rejection(f.usage.ingest([{ ...event('v', '1'), customerId: other.id, subscriptionId: subscription.id }])),
    ).toMatchObject({ path: ['events', 0, 'subscriptionId'] });
    expect(await rejection(f.usage.ingest([event('old', '1', '2025-12-31T23:59:59Z')]))).toMatchObject({
      path: ['events', 0, 'timestamp'],
    });
    expect(await f.usage.summary({ subscriptionId: subscription.id })).toMatchObject({ meters: [{ quantity: '0' }] });
  });

  it('resolves the subscription when the event names none, and defaults the timestamp to now', async () => {
    const { f, subscription } = await metered();
    f.clock.set('2026-01-05T12:00:00Z');
    await f.usage.ingest([{ id: 'n1', customerId: f.customer.id, eventName: 'data', properties: { gb: '2' } }]);
    const page = await f.storage.usage.list({
      subscriptionId: subscription.id,
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(page.items).toEqual([
      {
        id: 'n1',
        customerId: f.customer.id,
        subscriptionId: subscription.id,
        eventName: 'data',
        timestamp: '2026-01-05T12:00:00.000Z',
        properties: { gb: '2' },
      },
    ]);
  });
});

describe('usage.summary', () => {
  it('aggregates the current period per meter and rates it', async () => {
    const { f, subscription, event } = await metered();
    await f.usage.ingest([event('a', '12.5'), event('b', '0.5'), event('c', '100', '2026-02-02T00:00:00Z')]);
    const summary = await f.usage.summary({ subscriptionId: subscription.id });
    // Jan: 13 GB → 3 × 0.50 = 1.50; the February event lies outside the current period.
    expect(summary).toEqual({
      subscriptionId: subscription.id,
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      meters: [
        {
          priceId: f.prices.data.id,
          meterId: f.meter.id,
          meterName: 'Data',
          eventName: 'data',
          aggregation: 'sum',
          quantity: '13',
          amount: '1.50',
          currency: 'EUR',
        },
      ],
    });
    const window = await f.usage.summary({
      subscriptionId: subscription.id,
      from: '2026-01-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
    });
    expect(window.meters[0]?.amount).toBe('51.50');
    expect(await rejection(f.usage.summary({ subscriptionId: 'sub_nothing' }))).toMatchObject({
      code: 'not_found',
      path: ['input', 'subscriptionId'],
    });
  });
});
