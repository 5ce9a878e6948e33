import { describe, expect, it } from 'vitest';
import { createCollectionsFixture, EXAMPLE_POLICY } from './collections-fixture';

/*
 * Pauses (`subscriptions.pause`) meet dunning. The fixture's subscriptions start on 1 March 2026 with an invoice of
 * 1,000.00 EUR due on 15 March; with 3 days of grace it is overdue from 19 March (past due), unpaid from 26 March
 * and suspended from 29 March (see collections-fixture.ts).
 */

describe('a paused subscription in dunning', () => {
  it('stays paused while dunning goes on, comes back unpaid when resumed, and active once paid', async () => {
    const f = await createCollectionsFixture();
    const create = () =>
      f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
    const onSchedule = (await create()).subscription;
    const restarting = (await create()).subscription;
    f.clock.set('2026-03-10T07:00:00Z');
    await f.billing.subscriptions.pause({ subscriptionId: onSchedule.id, behavior: 'keep_schedule' });
    await f.billing.subscriptions.pause({ subscriptionId: restarting.id, behavior: 'restart' });

    await f.daily('2026-03-29');
    for (const id of [onSchedule.id, restarting.id]) {
      expect(await f.billing.subscriptions.get(id)).toMatchObject({
        status: 'paused',
        dunning: { stage: 'suspended', suspendedAt: '2026-03-29T07:00:00.000Z' },
      });
    }
    // Access is about payment: a suspension stands whether or not the subscription is paused.
    expect(await f.billing.collections.access(f.customer.id, { subscriptionId: onSchedule.id })).toMatchObject({
      state: 'suspended',
      reason: 'non_payment',
    });

    f.clock.set('2026-03-30T09:00:00Z');
    // Resumed inside the period it paused in (paid already): nothing billed, and unpaid, not active.
    const resumed = await f.billing.subscriptions.resume({ subscriptionId: onSchedule.id });
    expect([resumed.subscription.status, resumed.invoices]).toEqual(['unpaid', []]);
    // Resumed from a restart pause: a new period is billed at once, and the status follows dunning there too.
    const restarted = await f.billing.subscriptions.resume({ subscriptionId: restarting.id });
    expect(restarted.subscription).toMatchObject({
      status: 'unpaid',
      currentPeriodStart: '2026-03-30T09:00:00.000Z',
      dunning: { stage: 'suspended' },
    });
    expect(restarted.subscription.pause).toBeUndefined();
    expect(restarted.invoices.map((invoice) => invoice.billingReason)).toContain('subscription_cycle');

    const [overdue] = (await f.billing.invoices.list({ subscriptionId: onSchedule.id, status: 'open' })).items;
    await f.billing.payments.record({
      customerId: f.customer.id,
      amount: '1000.00',
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: overdue?.id as string, amount: '1000.00' }],
    });
    const paid = await f.billing.subscriptions.get(onSchedule.id);
    expect([paid.status, paid.dunning]).toEqual(['active', undefined]);
    expect(await f.billing.collections.access(f.customer.id, { subscriptionId: onSchedule.id })).toMatchObject({
      state: 'active',
    });
    // The other one still owes its March invoice.
    expect((await f.billing.collections.access(f.customer.id)).subscriptionIds).toEqual([restarting.id]);
  });

  it("ends a subscription paused with restart billing at its pause when dunning's cancel stage comes", async () => {
    const f = await createCollectionsFixture({
      policy: { ...EXAMPLE_POLICY, dunning: { pastDueAfterDays: 0, suspendAfterDays: 3, cancelAfterDays: 7 } },
    });
    const { subscription } = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    f.clock.set('2026-03-10T07:00:00Z');
    await f.billing.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' });
    await f.billing.runCycle(); // bills the pause's boundary; it then waits, with no next boundary
    expect((await f.billing.subscriptions.get(subscription.id)).nextBillingAt).toBeUndefined();

    await f.daily('2026-03-26');
    // Cancelling at the period end would never come (no period runs while paused): it ends where it stopped.
    expect(await f.billing.subscriptions.get(subscription.id)).toMatchObject({
      status: 'canceled',
      cancelAtPeriodEnd: false,
      canceledAt: '2026-03-26T07:00:00.000Z',
      endedAt: '2026-03-10T07:00:00.000Z',
      dunning: { stage: 'canceled' },
    });
    f.clock.set('2026-03-27T08:00:00Z');
    const run = await f.billing.runCycle();
    expect([run.errors, run.invoicesCreated]).toEqual([[], 0]);
    const ended = await f.billing.subscriptions.get(subscription.id);
    expect([ended.status, ended.nextBillingAt, ended.pause]).toEqual(['canceled', undefined, undefined]);
  });

  it('bills next-invoice fees of a subscription paused until further notice on an invoice of their own', async () => {
    const f = await createCollectionsFixture({
      policy: { ...EXAMPLE_POLICY, fees: { billing: 'next_invoice', taxable: true } },
    });
    const { subscription } = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    f.clock.set('2026-03-10T07:00:00Z');
    const { creditIssued } = await f.billing.subscriptions.pause({
      subscriptionId: subscription.id,
      behavior: 'restart',
    });
    await f.billing.runCycle();

    f.clock.set('2026-03-22T07:00:00Z');
    const summary = await f.billing.collections.run();
    // The worked example's fees (25.00 + 1.83 + 40.00 = 66.83) with 19 % VAT: 4.75 + 0.35 + 7.60 = 12.70.
    expect(summary.feesByCurrency).toEqual({ EUR: '66.83' });
    expect((await f.billing.subscriptions.get(subscription.id)).pendingLines).toEqual([]);
    const feeInvoice = (await f.billing.invoices.list({ customerId: f.customer.id })).items.find(
      (invoice) => invoice.billingReason === 'collections_fee',
    );
    expect([feeInvoice?.subtotal, feeInvoice?.taxTotal, feeInvoice?.total]).toEqual(['66.83', '12.70', '79.53']);
    // The pause's credit pays for it.
    expect(Number(creditIssued)).toBeGreaterThan(79.53);
    expect(feeInvoice?.creditApplied).toBe('79.53');
  });
});
