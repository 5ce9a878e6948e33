import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';

// April 2026 has 30 days: 2,592,000 s. A change at Apr 16 06:00:00 leaves 14 d 18 h = 1,274,400 s,
// a share of 1,274,400 / 2,592,000 = 0.491666… of the period.
const AT = '2026-04-16T06:00:00Z';
const lines = (invoice: Invoice | undefined) =>
  invoice?.lines.map((line) => [line.kind, line.description, line.amount]);

async function upgradeFixture(from: 'basic' | 'plus') {
  const f = await createCycleFixture({ start: '2026-04-01T00:00:00Z' });
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices[from].id }],
  });
  f.clock.set(AT);
  return { f, subscription };
}

describe('subscriptions.change', () => {
  it('prorates an upgrade by the second onto the next invoice', async () => {
    const { f, subscription } = await upgradeFixture('basic');
    const { subscription: changed, invoices } = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.plus.id }],
      prorate: 'next_invoice',
    });
    expect(invoices).toEqual([]);
    // Credit: 10.00 × 0.491666… = 4.91666… → −4.92. Debit: 25.00 × 0.491666… = 12.291666… → 12.29.
    expect(
      changed.pendingLines.map((line) => [line.description, line.amount, line.periodStart, line.periodEnd]),
    ).toEqual([
      ['Unused time on Basic', '-4.92', '2026-04-16T06:00:00.000Z', '2026-05-01T00:00:00.000Z'],
      ['Remaining time on Plus', '12.29', '2026-04-16T06:00:00.000Z', '2026-05-01T00:00:00.000Z'],
    ]);
    expect(changed.items.map((item) => item.priceId)).toEqual([f.prices.plus.id]);
    f.clock.set('2026-05-01T00:00:00Z');
    await f.run();
    const may = (await f.invoices())[1];
    expect(lines(may)).toEqual([
      ['subscription', 'Plus', '25.00'],
      ['proration', 'Unused time on Basic', '-4.92'],
      ['proration', 'Remaining time on Plus', '12.29'],
    ]);
    // Subtotal 25.00 − 4.92 + 12.29 = 32.37. VAT rounded once over the invoice, the credit included:
    // 32.37 × 19 % = 6.1503 → 6.15 (per line it would be 4.75 − 0.93 + 2.34 = 6.16). Total 38.52.
    expect(may).toMatchObject({ subtotal: '32.37', taxTotal: '6.15', total: '38.52' });
    expect(may?.lines.map((line) => line.taxes[0]?.amount)).toEqual(['4.75', '-0.93', '2.33']);
    expect((await f.subscriptions.get(subscription.id)).pendingLines).toEqual([]);
  });

  it('invoices an upgrade at once with prorate: immediate', async () => {
    const { f, subscription } = await upgradeFixture('basic');
    const { invoices } = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.plus.id }],
      prorate: 'immediate',
    });
    // 12.29 − 4.92 = 7.37; VAT rounded once: 7.37 × 19 % = 1.4003 → 1.40 (per line 2.34 − 0.93 = 1.41); total 8.77.
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      billingReason: 'subscription_update',
      subtotal: '7.37',
      taxTotal: '1.40',
      total: '8.77',
      status: 'open',
    });
    expect(lines(invoices[0])).toEqual([
      ['proration', 'Unused time on Basic', '-4.92'],
      ['proration', 'Remaining time on Plus', '12.29'],
    ]);
    expect((await f.subscriptions.get(subscription.id)).pendingLines).toEqual([]);
    f.clock.set('2026-05-01T00:00:00Z');
    await f.run();
    // May: Plus 25.00 + 4.75 VAT, no proration left.
    expect((await f.invoices())[2]).toMatchObject({
      total: '29.75',
      lines: [expect.objectContaining({ description: 'Plus' })],
    });
  });

  it('turns an immediate downgrade into customer credit used by the next invoice', async () => {
    const { f, subscription } = await upgradeFixture('plus');
    const { invoices } = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.basic.id }],
      prorate: 'immediate',
    });
    // −12.29 + 4.92 = −7.37; VAT −7.37 × 19 % = −1.4003 → −1.40; total −8.77: nothing due, 8.77 credited.
    expect(invoices[0]).toMatchObject({ total: '-8.77', taxTotal: '-1.40', amountDue: '0.00', status: 'paid' });
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('8.77');
    f.clock.set('2026-05-01T00:00:00Z');
    await f.run();
    // May: Basic 10.00 + 1.90 = 11.90, credit 8.77 applied, 3.13 due.
    expect((await f.invoices())[2]).toMatchObject({ total: '11.90', creditApplied: '8.77', amountDue: '3.13' });
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('0.00');
  });

  it('prorates a quantity change of the same price', async () => {
    const f = await createCycleFixture({ start: '2026-04-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.seat.id, quantity: '3' }],
    });
    f.clock.set(AT);
    const { subscription: changed } = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.seat.id, quantity: '5' }],
    });
    // 3 × 8.00 = 24.00 → −24.00 × 0.491666… = −11.80; 5 × 8.00 = 40.00 → 19.666… → 19.67.
    expect(changed.pendingLines.map((line) => [line.description, line.amount])).toEqual([
      ['Unused time on Seats × 3', '-11.80'],
      ['Remaining time on Seats × 5', '19.67'],
    ]);
    expect(changed.items).toEqual([{ id: subscription.items[0]?.id, priceId: f.prices.seat.id, quantity: '5' }]);
  });

  it('changes without proration, and within a trial, without any line', async () => {
    const { f, subscription } = await upgradeFixture('basic');
    const none = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.plus.id }],
      prorate: 'none',
    });
    expect(none.subscription.pendingLines).toEqual([]);
    const { subscription: trial } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.basic.id }],
      trialDays: 30,
    });
    const changed = await f.subscriptions.change({
      subscriptionId: trial.id,
      items: [{ priceId: f.prices.plus.id }],
      prorate: 'immediate',
    });
    expect(changed).toMatchObject({ invoices: [], subscription: { pendingLines: [] } });
  });

  it('refuses a change outside the current period, a wrong currency or a canceled subscription, changing nothing', async () => {
    const { f, subscription } = await upgradeFixture('basic');
    const before = await storageDump(f.storage);
    const outside = await rejection(
      f.subscriptions.change({
        subscriptionId: subscription.id,
        items: [{ priceId: f.prices.plus.id }],
        at: '2026-03-20T00:00:00Z',
      }),
    );
    expect(outside).toMatchObject({ code: 'invalid_input', path: ['input', 'at'] });
    const usd = await rejection(
      f.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: f.prices.proUsd.id }] }),
    );
    expect(usd).toMatchObject({ code: 'currency_mismatch', path: ['input', 'items', 0, 'priceId'] });
    expect(await storageDump(f.storage)).toEqual(before);
    f.clock.set('2026-05-03T00:00:00Z');
    const behind = await rejection(
      f.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: f.prices.plus.id }] }),
    );
    expect(behind.code).toBe('invalid_state');
    await f.run();
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    const canceled = await rejection(
      f.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: f.prices.plus.id }] }),
    );
    expect(canceled).toMatchObject({ code: 'invalid_state', path: ['input', 'subscriptionId'] });
  });

  it('replays a change with the same idempotency key without prorating twice', async () => {
    const { f, subscription } = await upgradeFixture('basic');
    const input = {
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.plus.id }],
      idempotencyKey: 'upgrade-1',
    };
    const first = await f.subscriptions.change(input);
    f.clock.set('2026-04-17T00:00:00Z');
    const again = await f.subscriptions.change(input);
    expect(again).toEqual(first);
    expect((await f.subscriptions.get(subscription.id)).pendingLines).toHaveLength(2);
  });
});
