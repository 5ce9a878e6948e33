import { describe, expect, it } from 'vitest';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';

async function subscribed() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
  const use = (id: string, timestamp: string, gb: string) =>
    f.usage.ingest([{ id, customerId: f.customer.id, eventName: 'data', timestamp, properties: { gb } }]);
  return { f, subscription, use };
}

describe('subscriptions.cancel', () => {
  it('at period end: runs to the boundary, bills the last usage only, then ends', async () => {
    const { f, subscription, use } = await subscribed();
    f.clock.set('2026-01-15T00:00:00Z');
    const { subscription: pending } = await f.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: true,
    });
    expect(pending).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
      canceledAt: '2026-01-15T00:00:00.000Z',
    });
    await use('u1', '2026-01-20T00:00:00Z', '12');
    f.clock.set('2026-02-01T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(1);
    // Final invoice: 12 GB → 2 × 0.50 = 1.00, VAT 0.19, no Pro for February.
    const final = (await f.invoices())[1];
    expect(final?.lines.map((line) => [line.description, line.amount])).toEqual([['Data transfer (Data)', '1.00']]);
    expect(final?.total).toBe('1.19');
    const ended = await f.subscriptions.get(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', endedAt: '2026-02-01T00:00:00.000Z', cancelAtPeriodEnd: false });
    expect(ended.nextBillingAt).toBeUndefined();
    f.clock.set('2026-03-01T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(0);
  });

  it('now, with proration: credits the unused paid time and bills the usage so far at the next run', async () => {
    const { f, subscription, use } = await subscribed();
    await use('u1', '2026-01-10T00:00:00Z', '20');
    f.clock.set('2026-01-16T00:00:00Z');
    const result = await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false, prorate: true });
    // Paid for January: 29.00 + 5.51 VAT = 34.51; unused Jan 16 – Feb 1: 16 of 31 days → 34.51 × 16/31 = 17.8116… → 17.81.
    expect(result.creditIssued).toBe('17.81');
    expect(result.subscription).toMatchObject({
      status: 'canceled',
      endedAt: '2026-01-16T00:00:00.000Z',
      nextBillingAt: '2026-01-16T00:00:00.000Z',
    });
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('17.81');
    // Usage dated after the end is refused; usage reported late but dated before it still counts.
    expect((await rejection(use('late', '2026-01-20T00:00:00Z', '1'))).path).toEqual(['events', 0, 'timestamp']);
    await use('late_but_before', '2026-01-15T00:00:00Z', '2');
    const summary = await f.run();
    expect(summary.invoicesCreated).toBe(1);
    // Final invoice: 22 GB → 12 × 0.50 = 6.00 + 1.14 VAT = 7.14, paid from the credit; 17.81 − 7.14 = 10.67 left.
    const final = (await f.invoices())[1];
    expect(final).toMatchObject({ total: '7.14', creditApplied: '7.14', amountDue: '0.00', status: 'paid' });
    expect(final?.lines.map((line) => line.kind)).toEqual(['usage']);
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('10.67');
    expect((await f.subscriptions.get(subscription.id)).nextBillingAt).toBeUndefined();
  });

  it('now, without proration: no credit', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    const result = await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    expect(result.creditIssued).toBeUndefined();
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('0');
  });

  it('cuts pending proration back to the cancellation instant', async () => {
    const f = await createCycleFixture({ start: '2026-04-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.basic.id }],
    });
    f.clock.set('2026-04-16T00:00:00Z');
    // Upgrade at Apr 16 (15 of 30 days left): −5.00 and +12.50 wait for the next invoice.
    await f.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: f.prices.plus.id }] });
    f.clock.set('2026-04-23T12:00:00Z');
    // Cancel with 7.5 of the 15 days left: each pending line is cut by half: +2.50 and −6.25.
    const cancel = await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false, prorate: true });
    expect(cancel.subscription.pendingLines.map((line) => line.amount)).toEqual(['-5.00', '12.50', '2.50', '-6.25']);
    // Basic was paid 11.90 for April; 7.5 of 30 days unused → 11.90 × 0.25 = 2.975 → 2.98 credited.
    expect(cancel.creditIssued).toBe('2.98');
    await f.run();
    // Final invoice: −5.00 + 12.50 + 2.50 − 6.25 = 3.75 (7.5 days of the 15.00 difference). VAT rounded once
    // per rate (the default): 3.75 × 19 % = 0.7125 → 0.71 (per line it would be −0.95 + 2.38 + 0.48 − 1.19 = 0.72).
    // Total 4.46, 2.98 of it paid by the credit: 1.48 due.
    const final = (await f.invoices())[1];
    expect(final).toMatchObject({
      subtotal: '3.75',
      taxTotal: '0.71',
      total: '4.46',
      creditApplied: '2.98',
      amountDue: '1.48',
    });
  });

  it('never ends a subscription before usage already recorded for it, and refuses usage after its announced end', async () => {
    const { f, subscription, use } = await subscribed();
    // Accepted while the subscription runs, dated 20 January (a device ahead of the host, say).
    await use('ahead', '2026-01-20T00:00:00Z', '14');
    f.clock.set('2026-01-16T00:00:00Z');
    const before = await storageDump(f.storage);
    const now = await rejection(f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false }));
    expect([now.code, now.path]).toEqual(['invalid_state', ['input', 'at']]);
    expect(now.message).toContain('2026-01-20T00:00:00.000Z');
    expect(await storageDump(f.storage)).toEqual(before);
    // After its last usage it ends, and the final invoice bills that usage: 14 GB → 4 × 0.50 = 2.00.
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false, at: '2026-01-21T00:00:00Z' });
    f.clock.set('2026-01-22T00:00:00Z');
    await f.run();
    const final = (await f.invoices()).at(-1);
    expect(final?.lines.map((line) => [line.quantity, line.amount])).toEqual([['14', '2.00']]);

    // At period end: usage dated on or after the period's end is refused once the end is announced.
    const next = await f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.data.id }] });
    await f.subscriptions.cancel({ subscriptionId: next.subscription.id, atPeriodEnd: true });
    const after = await rejection(use('after_end', next.subscription.currentPeriodEnd, '1'));
    expect([after.code, after.path]).toEqual(['invalid_input', ['events', 0, 'timestamp']]);
  });

  it('refuses to cancel at period end while usage is recorded beyond that end', async () => {
    const { f, subscription, use } = await subscribed();
    await use('next_month', '2026-02-03T00:00:00Z', '1');
    const refused = await rejection(f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true }));
    expect([refused.code, refused.path]).toEqual(['invalid_state', ['input', 'atPeriodEnd']]);
    expect((await f.subscriptions.get(subscription.id)).cancelAtPeriodEnd).toBe(false);
  });

  it('refuses to cancel twice, and a canceled subscription stays as it was', async () => {
    const { f, subscription } = await subscribed();
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    const before = await storageDump(f.storage);
    const again = await rejection(f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true }));
    expect(again).toMatchObject({ code: 'invalid_state', path: ['input', 'subscriptionId'] });
    expect(await storageDump(f.storage)).toEqual(before);
  });

  it('ends a subscription that has not started without billing anything', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
      startAt: '2026-02-01T00:00:00Z',
    });
    const { subscription: canceled } = await f.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: false,
    });
    expect(canceled.nextBillingAt).toBeUndefined();
    f.clock.set('2026-03-01T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(0);
  });
});
