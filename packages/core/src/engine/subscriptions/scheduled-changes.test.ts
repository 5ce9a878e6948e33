import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';

const lines = (invoice: Invoice | undefined) =>
  invoice?.lines.map((line) => [line.description, line.amount, line.periodStart?.slice(0, 10)]);

/** Pro (29.00 a month) and metered data from 1 January 2026 (UTC); 12 GB used on 10 January. */
async function subscribed() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
  await f.usage.ingest([
    {
      id: 'u1',
      customerId: f.customer.id,
      eventName: 'data',
      timestamp: '2026-01-10T00:00:00Z',
      properties: { gb: '12' },
    },
  ]);
  f.clock.set('2026-01-20T00:00:00Z');
  return { f, subscription };
}

describe('subscriptions.scheduleChange', () => {
  it('downgrades at the next renewal: the period’s usage on the old items, the next period on the new ones', async () => {
    const { f, subscription } = await subscribed();
    const { change, subscription: waiting } = await f.subscriptions.scheduleChange({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.basic.id }, { priceId: f.prices.data.id }],
    });
    expect(change).toMatchObject({ action: 'change_items', at: '2026-02-01T00:00:00.000Z', interval: 'month' });
    expect(await f.subscriptions.listScheduledChanges(subscription.id)).toEqual([change]);
    expect(waiting.items.map((item) => item.priceId)).toEqual([f.prices.pro.id, f.prices.data.id]);
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    // January's 12 GB on the old items: 2 × 0.50 = 1.00; February on Basic: 10.00. 11.00 + 2.09 = 13.09. No proration.
    const february = (await f.invoices())[1];
    expect(lines(february)).toEqual([
      ['Data transfer (Data)', '1.00', '2026-01-01'],
      ['Basic', '10.00', '2026-02-01'],
    ]);
    expect(february?.total).toBe('13.09');
    const after = await f.subscriptions.get(subscription.id);
    expect(after.items.map((item) => item.priceId)).toEqual([f.prices.basic.id, f.prices.data.id]);
    // The data item keeps its id: it did not change.
    expect(after.items[1]?.id).toBe(subscription.items[1]?.id);
    expect(after.scheduledChanges).toBeUndefined();
  });

  it('switches to a yearly price at a renewal: the new schedule repeats from there', async () => {
    const { f, subscription } = await subscribed();
    await f.billing.catalog.prices.create({
      id: 'price_pro_year',
      productId: 'prod_pro',
      interval: 'year',
      spec: { model: 'flat', currency: 'EUR', amount: '290.00' },
    });
    await f.subscriptions.scheduleChange({ subscriptionId: subscription.id, items: [{ priceId: 'price_pro_year' }] });
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    const yearly = (await f.invoices())[1];
    expect([lines(yearly), yearly?.periodEnd, yearly?.total]).toEqual([
      [
        ['Data transfer (Data)', '1.00', '2026-01-01'],
        ['Pro', '290.00', '2026-02-01'],
      ],
      '2027-02-01T00:00:00.000Z',
      '346.29',
    ]);
    expect(await f.subscriptions.get(subscription.id)).toMatchObject({
      interval: 'year',
      anchor: '2026-02-01T00:00:00.000Z',
      nextBillingAt: '2027-02-01T00:00:00.000Z',
    });
  });

  it('cancels at a later renewal: usage after it is refused, the last invoice bills the last usage', async () => {
    const { f, subscription } = await subscribed();
    const { change } = await f.subscriptions.scheduleChange({
      subscriptionId: subscription.id,
      cancel: true,
      at: '2026-03-01T00:00:00Z',
    });
    expect(change).toMatchObject({ action: 'cancel', at: '2026-03-01T00:00:00.000Z' });
    const late = await rejection(
      f.usage.ingest([
        {
          id: 'u2',
          customerId: f.customer.id,
          eventName: 'data',
          timestamp: '2026-03-02T00:00:00Z',
          properties: { gb: '1' },
        },
      ]),
    );
    expect([late.code, late.path]).toEqual(['invalid_input', ['events', 0, 'timestamp']]);
    f.clock.set('2026-03-01T00:00:00Z');
    await f.run();
    const [, february, final] = await f.invoices();
    expect(lines(february)?.map((line) => line[0])).toEqual(['Pro', 'Data transfer (Data)']);
    expect(lines(final)).toEqual([['Data transfer (Data)', '0.00', '2026-02-01']]);
    expect(await f.subscriptions.get(subscription.id)).toMatchObject({
      status: 'canceled',
      endedAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('is cancellable until it applies', async () => {
    const { f, subscription } = await subscribed();
    const { change } = await f.subscriptions.scheduleChange({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.basic.id }],
    });
    const cleared = await f.subscriptions.unscheduleChange({ subscriptionId: subscription.id, changeId: change.id });
    expect(cleared.scheduledChanges).toBeUndefined();
    const again = await rejection(
      f.subscriptions.unscheduleChange({ subscriptionId: subscription.id, changeId: change.id }),
    );
    expect([again.code, again.path]).toEqual(['not_found', ['input', 'changeId']]);
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    expect(lines((await f.invoices())[1])?.map((line) => line[0])).toEqual(['Pro', 'Data transfer (Data)']);
  });

  it('is refused at an instant that is no renewal, twice for one renewal, or on archived prices', async () => {
    const { f, subscription } = await subscribed();
    const before = await storageDump(f.storage);
    const attempt = async (input: Record<string, unknown>) => {
      const error = await rejection(
        f.subscriptions.scheduleChange({ subscriptionId: subscription.id, ...input } as never),
      );
      return [error.code, error.path];
    };
    expect(await attempt({ cancel: true, at: '2026-02-15T00:00:00Z' })).toEqual(['invalid_input', ['input', 'at']]);
    expect(await attempt({ cancel: true, at: '2026-01-01T00:00:00Z' })).toEqual(['invalid_input', ['input', 'at']]);
    expect(await attempt({ cancel: true, items: [{ priceId: f.prices.basic.id }] })).toEqual([
      'invalid_input',
      ['input', 'items'],
    ]);
    await f.billing.catalog.prices.archive(f.prices.plus.id);
    const archivedAt = await storageDump(f.storage);
    expect(await attempt({ items: [{ priceId: f.prices.plus.id }] })).toEqual([
      'invalid_input',
      ['input', 'items', 0, 'priceId'],
    ]);
    expect(await storageDump(f.storage)).toEqual(archivedAt);
    expect(before).not.toEqual(archivedAt);
    await f.subscriptions.scheduleChange({ subscriptionId: subscription.id, cancel: true });
    expect(await attempt({ items: [{ priceId: f.prices.basic.id }] })).toEqual([
      'invalid_state',
      ['input', 'subscriptionId'],
    ]);
  });

  it('returns the first result under a retried idempotency key', async () => {
    const { f, subscription } = await subscribed();
    const input = { subscriptionId: subscription.id, cancel: true as const, idempotencyKey: 'end-1' };
    const first = await f.subscriptions.scheduleChange(input);
    expect(await f.subscriptions.scheduleChange(input)).toEqual(first);
    expect(await f.subscriptions.listScheduledChanges(subscription.id)).toHaveLength(1);
  });
});
