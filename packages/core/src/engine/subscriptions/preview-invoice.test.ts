import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';

const shape = (invoice: Invoice | undefined) =>
  invoice && {
    billingReason: invoice.billingReason,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    lines: invoice.lines.map(({ id: _id, ...line }) => line),
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    amountDue: invoice.amountDue,
  };

describe('subscriptions.preview', () => {
  it('shows the invoice the next run will make, without storing it', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
    });
    await f.usage.ingest([
      {
        id: 'a',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-10T00:00:00Z',
        properties: { gb: '14' },
      },
      {
        id: 'b',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-25T00:00:00Z',
        properties: { gb: '6' },
      },
    ]);
    f.clock.set('2026-01-20T00:00:00Z');
    // Usage so far (to Jan 20): 14 GB → 4 × 0.50 = 2.00.
    const soFar = await f.subscriptions.preview({ subscriptionId: subscription.id });
    expect(soFar?.status).toBe('draft');
    expect(soFar?.number).toBeUndefined();
    expect(soFar?.lines.map((line) => [line.description, line.amount])).toEqual([
      ['Pro', '29.00'],
      ['Data transfer (Data)', '2.00'],
    ]);
    const whole = await f.subscriptions.preview({ subscriptionId: subscription.id, at: '2026-02-01T00:00:00Z' });
    expect(await f.invoices()).toHaveLength(1);
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    // 20 GB → 5.00; 29.00 + 5.00 + 5.51 + 0.95 = 40.46.
    const billed = (await f.invoices())[1];
    expect(billed?.total).toBe('40.46');
    expect(shape(whole)).toEqual(shape(billed));
  });

  it('is undefined when the next boundary charges nothing, and refuses an ended subscription', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true });
    expect(await f.subscriptions.preview({ subscriptionId: subscription.id })).toBeUndefined();
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    expect(await rejection(f.subscriptions.preview({ subscriptionId: subscription.id }))).toMatchObject({
      code: 'invalid_state',
    });
  });
});
