import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from './cycle-fixture';

const starts = (invoices: readonly Invoice[]) => invoices.map((invoice) => invoice.periodStart);

describe('billing dates', () => {
  it('clamps a month-end anchor: Jan 31 → Feb 28 → Mar 31 → Apr 30', async () => {
    const f = await createCycleFixture({ start: '2026-01-31T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    expect(subscription.currentPeriodEnd).toBe('2026-02-28T00:00:00.000Z');
    for (const day of ['2026-02-28', '2026-03-31', '2026-04-30']) {
      f.clock.set(`${day}T00:00:00Z`);
      expect((await f.run()).invoicesCreated).toBe(1);
    }
    expect(starts(await f.invoices())).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
    ]);
    expect((await f.subscriptions.get(subscription.id)).nextBillingAt).toBe('2026-05-31T00:00:00.000Z');
  });

  it("computes periods in the customer's time zone (Berlin midnight, across the DST change)", async () => {
    // Jan 31 00:00 in Berlin is Jan 30 23:00 UTC; Mar 31 00:00 in Berlin (summer time) is Mar 30 22:00 UTC.
    const f = await createCycleFixture({ start: '2026-01-30T23:00:00Z', timeZone: 'Europe/Berlin' });
    await f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.pro.id }] });
    f.clock.set('2026-04-01T00:00:00Z');
    const summary = await f.run();
    expect(summary.invoicesCreated).toBe(2);
    expect(starts(await f.invoices())).toEqual([
      '2026-01-30T23:00:00.000Z',
      '2026-02-27T23:00:00.000Z',
      '2026-03-30T22:00:00.000Z',
    ]);
  });

  it('catches up a subscription many periods behind, one invoice per period with that period’s usage', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.data.id }, { priceId: f.prices.basic.id }],
    });
    const event = (id: string, timestamp: string, gb: string) => ({
      id,
      customerId: f.customer.id,
      eventName: 'data',
      timestamp,
      properties: { gb },
    });
    // Jan 12 GB → 2 × 0.50 = 1.00; Feb 20 GB → 10 × 0.50 = 5.00; Mar 5 GB → 0.00.
    await f.usage.ingest([
      event('e1', '2026-01-10T00:00:00Z', '12'),
      event('e2', '2026-02-10T00:00:00Z', '20'),
      event('e3', '2026-03-10T00:00:00Z', '5'),
    ]);
    f.clock.set('2026-04-15T00:00:00Z');
    const summary = await f.run();
    expect(summary).toMatchObject({ invoicesCreated: 3, subscriptionsBilled: 1, errors: [] });
    const cycle = (await f.invoices()).slice(1);
    expect(starts(cycle)).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    expect(cycle.map((invoice) => invoice.lines.find((line) => line.kind === 'usage')?.amount)).toEqual([
      '1.00',
      '5.00',
      '0.00',
    ]);
    // Each: usage + Basic 10.00, VAT per line: 1.00 → 0.19 + 1.90 = 13.09; 5.00 → 0.95 + 1.90 = 17.85; 0 + 1.90 = 11.90.
    expect(cycle.map((invoice) => invoice.total)).toEqual(['13.09', '17.85', '11.90']);
    // 13.09 + 17.85 + 11.90 = 42.84
    expect(summary.totalsByCurrency).toEqual({ EUR: '42.84' });
  });

  it('bills a future start at that instant, not before', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription, invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
      startAt: '2026-01-20T00:00:00Z',
    });
    expect(invoices).toEqual([]);
    expect(subscription.nextBillingAt).toBe('2026-01-20T00:00:00.000Z');
    f.clock.set('2026-01-19T23:59:59Z');
    expect((await f.run()).invoicesCreated).toBe(0);
    f.clock.set('2026-01-20T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(1);
    const [first] = await f.invoices();
    expect(first).toMatchObject({
      billingReason: 'subscription_create',
      total: '34.51',
      periodEnd: '2026-02-20T00:00:00.000Z',
    });
  });

  it('prorates a short first period before an explicit anchor', async () => {
    const f = await createCycleFixture({ start: '2026-04-21T00:00:00Z' });
    // April has 30 days; anchored on May 1, the first period is Apr 21 – May 1: 10 of 30 days.
    const { invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.plus.id }],
      anchor: '2026-05-01T00:00:00Z',
    });
    // 25.00 × 10/30 = 8.333… → 8.33; VAT 8.33 × 19% = 1.5827 → 1.58; total 9.91.
    expect(invoices[0]?.lines.map((line) => [line.description, line.amount])).toEqual([['Plus (prorated)', '8.33']]);
    expect(invoices[0]?.total).toBe('9.91');
    f.clock.set('2026-05-01T00:00:00Z');
    await f.run();
    expect((await f.invoices())[1]).toMatchObject({ total: '29.75', periodEnd: '2026-06-01T00:00:00.000Z' });
  });
});

describe('trials', () => {
  it('charges nothing in advance until the trial ends, then bills monthly from the trial end', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription, invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
      trialDays: 14,
    });
    expect(invoices).toEqual([]);
    expect(subscription).toMatchObject({
      status: 'trialing',
      trialEnd: '2026-01-15T00:00:00.000Z',
      nextBillingAt: '2026-01-15T00:00:00.000Z',
    });
    // Usage in the trial is free; usage after it is billed.
    await f.usage.ingest([
      {
        id: 'trial_use',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-05T00:00:00Z',
        properties: { gb: '40' },
      },
    ]);
    f.clock.set('2026-01-14T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(0);
    f.clock.set('2026-01-15T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(1);
    const afterTrial = await f.subscriptions.get(subscription.id);
    expect(afterTrial).toMatchObject({ status: 'active', currentPeriodEnd: '2026-02-15T00:00:00.000Z' });
    expect((await f.invoices())[0]).toMatchObject({
      billingReason: 'subscription_cycle',
      total: '34.51',
      periodStart: '2026-01-15T00:00:00.000Z',
    });
    await f.usage.ingest([
      {
        id: 'paid_use',
        customerId: f.customer.id,
        eventName: 'data',
        timestamp: '2026-01-20T00:00:00Z',
        properties: { gb: '12' },
      },
    ]);
    f.clock.set('2026-02-15T00:00:00Z');
    await f.run();
    // Only the 12 GB after the trial count: 2 × 0.50 = 1.00.
    const usageLine = (await f.invoices())[1]?.lines.find((line) => line.kind === 'usage');
    expect(usageLine).toMatchObject({ quantity: '12', amount: '1.00', periodStart: '2026-01-15T00:00:00.000Z' });
  });
});
