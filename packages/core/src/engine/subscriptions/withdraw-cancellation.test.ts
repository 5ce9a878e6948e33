import { describe, expect, it } from 'vitest';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';

async function cancelledAtPeriodEnd() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }],
  });
  f.clock.set('2026-01-15T00:00:00Z');
  const { subscription: cancelled } = await f.subscriptions.cancel({
    subscriptionId: subscription.id,
    atPeriodEnd: true,
  });
  return { f, subscription: cancelled };
}

describe('subscriptions.withdrawCancellation', () => {
  it('keeps a subscription cancelled at period end: it renews at the boundary and bills February', async () => {
    const { f, subscription } = await cancelledAtPeriodEnd();
    f.clock.set('2026-01-20T00:00:00Z');
    const result = await f.subscriptions.withdrawCancellation({ subscriptionId: subscription.id });
    expect(result.invoices).toEqual([]);
    expect(result.subscription).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
      version: subscription.version + 1,
      updatedAt: '2026-01-20T00:00:00.000Z',
    });
    expect(result.subscription.canceledAt).toBeUndefined();
    expect(await f.subscriptions.get(subscription.id)).toEqual(result.subscription);
    f.clock.set('2026-02-01T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(1);
    // February in advance: Pro 29.00 + 19 % VAT 5.51 = 34.51, as if it had never been cancelled.
    const february = (await f.invoices())[1];
    expect(february?.lines.map((line) => [line.description, line.amount])).toEqual([['Pro', '29.00']]);
    expect(february?.total).toBe('34.51');
    expect(await f.subscriptions.get(subscription.id)).toMatchObject({
      status: 'active',
      currentPeriodStart: '2026-02-01T00:00:00.000Z',
    });
  });

  it('with an idempotency key, a retry returns the first result and a second call without one is refused', async () => {
    const { f, subscription } = await cancelledAtPeriodEnd();
    const input = { subscriptionId: subscription.id, idempotencyKey: 'keep-1' };
    const first = await f.subscriptions.withdrawCancellation(input);
    expect(await f.subscriptions.withdrawCancellation(input)).toEqual(first);
    expect((await f.subscriptions.get(subscription.id)).version).toBe(first.subscription.version);
    const again = await rejection(f.subscriptions.withdrawCancellation({ subscriptionId: subscription.id }));
    expect([again.code, again.path]).toEqual(['invalid_state', ['input', 'subscriptionId']]);
  });

  it('refuses what has no pending cancellation, has ended, or bad input, changing nothing', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    const before = await storageDump(f.storage);
    const running = await rejection(f.subscriptions.withdrawCancellation({ subscriptionId: subscription.id }));
    expect([running.code, running.path]).toEqual(['invalid_state', ['input', 'subscriptionId']]);
    const missing = await rejection(f.subscriptions.withdrawCancellation({ subscriptionId: 'sub_missing' }));
    expect(missing.code).toBe('not_found');
    const bad = await rejection(
      f.subscriptions.withdrawCancellation({ subscriptionId: subscription.id, extra: true } as never),
    );
    expect(bad.code).toBe('invalid_input');
    expect(await storageDump(f.storage)).toEqual(before);
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    const ended = await rejection(f.subscriptions.withdrawCancellation({ subscriptionId: subscription.id }));
    expect(ended.code).toBe('invalid_state');
  });
});
