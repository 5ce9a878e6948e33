import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from './cycle-fixture';

/** The figures of an invoice a person checks by hand. */
const figures = (invoice: Invoice) => ({
  reason: invoice.billingReason,
  periodStart: invoice.periodStart,
  lines: invoice.lines.map((line) => [line.description, line.quantity ?? null, line.amount]),
  subtotal: invoice.subtotal,
  taxTotal: invoice.taxTotal,
  total: invoice.total,
});

describe('billing a subscription month by month (29.00 in advance + metered data, 19% VAT)', () => {
  it('invoices the first month at once and each boundary with the past usage and the next month', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription, invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
    });
    expect(subscription.status).toBe('active');
    expect(subscription.nextBillingAt).toBe('2026-02-01T00:00:00.000Z');
    // Month 1 (Jan 1): Pro 29.00 in advance; no usage yet. VAT 29.00 × 19% = 5.51 → 34.51.
    expect(invoices.map(figures)).toEqual([
      {
        reason: 'subscription_create',
        periodStart: '2026-01-01T00:00:00.000Z',
        lines: [['Pro', '1', '29.00']],
        subtotal: '29.00',
        taxTotal: '5.51',
        total: '34.51',
      },
    ]);
    expect(invoices[0]?.number).toBe('INV-2026-000001');

    // January usage: 4.5 + 12 + 8.5 = 25 GB → 10 GB free, 15 GB × 0.50 = 7.50.
    await f.usage.ingest([
      {
        id: 'evt_1',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-03T10:00:00Z',
        properties: { gb: '4.5' },
      },
      {
        id: 'evt_2',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-15T10:00:00Z',
        properties: { gb: '12' },
      },
      {
        id: 'evt_3',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-31T23:59:59Z',
        properties: { gb: '8.5' },
      },
    ]);
    f.clock.set('2026-02-01T00:00:00Z');
    const february = await f.run();
    expect(february).toMatchObject({
      invoicesCreated: 1,
      subscriptionsBilled: 1,
      errors: [],
      totalsByCurrency: { EUR: '43.44' },
    });
    // Month 2 (Feb 1): Data 25 GB = 7.50 (Jan), Pro 29.00 (Feb). VAT per line: 7.50 × 19% = 1.425 → 1.43,
    // 29.00 × 19% = 5.51; tax 6.94; total 36.50 + 6.94 = 43.44.
    const second = (await f.invoices())[1] as Invoice;
    expect(figures(second)).toEqual({
      reason: 'subscription_cycle',
      periodStart: '2026-02-01T00:00:00.000Z',
      lines: [
        ['Pro', '1', '29.00'],
        ['Data transfer (Data)', '25', '7.50'],
      ],
      subtotal: '36.50',
      taxTotal: '6.94',
      total: '43.44',
    });
    expect(second.lines[0]).toMatchObject({
      periodStart: '2026-02-01T00:00:00.000Z',
      periodEnd: '2026-03-01T00:00:00.000Z',
    });
    expect(second.lines[1]).toMatchObject({
      periodStart: '2026-01-01T00:00:00.000Z',
      periodEnd: '2026-02-01T00:00:00.000Z',
    });

    // February: 8 GB, all inside the free tier → 0.00; March 1 invoice: 29.00 + 5.51 = 34.51.
    await f.usage.ingest([
      {
        id: 'evt_4',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-02-20T00:00:00Z',
        properties: { gb: '8' },
      },
    ]);
    f.clock.set('2026-03-01T00:00:00Z');
    await f.run();
    const third = (await f.invoices())[2] as Invoice;
    expect(figures(third)).toMatchObject({
      lines: [
        ['Pro', '1', '29.00'],
        ['Data transfer (Data)', '8', '0.00'],
      ],
      total: '34.51',
    });
    expect((await f.invoices()).map((invoice) => invoice.number)).toEqual([
      'INV-2026-000001',
      'INV-2026-000002',
      'INV-2026-000003',
    ]);
  });
});
