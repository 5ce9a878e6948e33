import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';

const lines = (invoice: Invoice | undefined) =>
  invoice?.lines.map((line) => [line.description, line.amount, line.discountAmount]);

describe('coupons limited to products or prices', () => {
  it('discount only the lines of their products', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const coupon = await f.billing.catalog.coupons.create({
      name: 'Half-price seats',
      percentOff: '50',
      duration: 'forever',
      appliesTo: { productIds: ['prod_seat'] },
    });
    const { invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.seat.id, quantity: '3' }],
      couponId: coupon.id,
    });
    // Pro 29.00 untouched; 3 seats 24.00 − 12.00; 41.00 net + 7.79 VAT = 48.79.
    expect(lines(invoices[0])).toEqual([
      ['Pro', '29.00', '0.00'],
      ['Seats × 3', '24.00', '12.00'],
    ]);
    expect([invoices[0]?.discountTotal, invoices[0]?.total]).toEqual(['12.00', '48.79']);
  });

  it('take an amount off the lines of their prices only', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const coupon = await f.billing.catalog.coupons.create({
      name: '5 off Pro',
      amountOff: '5.00',
      currency: 'EUR',
      duration: 'once',
      appliesTo: { priceIds: [f.prices.pro.id] },
    });
    const { invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.seat.id, quantity: '3' }],
      couponId: coupon.id,
    });
    // 29.00 − 5.00 + 24.00 = 48.00 net + 9.12 VAT = 57.12.
    expect(lines(invoices[0])).toEqual([
      ['Pro', '29.00', '5.00'],
      ['Seats × 3', '24.00', '0.00'],
    ]);
    expect(invoices[0]?.total).toBe('57.12');
  });

  it('discount a plan change’s debit only for the items they cover', async () => {
    const f = await createCycleFixture({ start: '2026-04-01T00:00:00Z' });
    const coupon = await f.billing.catalog.coupons.create({
      name: 'Half-price seats',
      percentOff: '50',
      duration: 'forever',
      appliesTo: { productIds: ['prod_seat'] },
    });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.seat.id, quantity: '2' }],
      couponId: coupon.id,
    });
    f.clock.set('2026-04-16T00:00:00Z');
    // 15 of April's 30 days left: Pro was paid 29.00 in full → 14.50 back; Plus 25.00 × 15/30 = 12.50, not
    // discounted (the coupon covers seats only; an unlimited one would have made it 6.25).
    const { subscription: changed } = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.plus.id }, { priceId: f.prices.seat.id, quantity: '2' }],
    });
    expect(changed.pendingLines.map((line) => [line.description, line.amount])).toEqual([
      ['Unused time on Pro', '-14.50'],
      ['Remaining time on Plus', '12.50'],
    ]);
  });

  it('must name products and prices that exist', async () => {
    const f = await createCycleFixture();
    const error = await rejection(
      f.billing.catalog.coupons.create({
        name: 'Nothing',
        percentOff: '10',
        duration: 'once',
        appliesTo: { productIds: ['prod_seat', 'prod_nope'] },
      }),
    );
    expect([error.code, error.path]).toEqual(['not_found', ['input', 'appliesTo', 'productIds', 1]]);
    const empty = await rejection(
      f.billing.catalog.coupons.create({ name: 'Nothing', percentOff: '10', duration: 'once', appliesTo: {} }),
    );
    expect([empty.code, empty.path]).toEqual(['invalid_input', ['input', 'appliesTo', 'productIds']]);
  });
});

describe('subscriptions.applyCoupon and coupons.list', () => {
  it('discounts the next invoices of a running subscription for the coupon’s duration from there', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription, invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    expect(invoices[0]?.total).toBe('34.51');
    const coupon = await f.billing.catalog.coupons.create({ name: 'Winback', percentOff: '10', duration: 'once' });
    f.clock.set('2026-01-20T00:00:00Z');
    const applied = await f.subscriptions.applyCoupon({ subscriptionId: subscription.id, couponId: coupon.id });
    expect([applied.couponId, applied.couponPeriodsUsed]).toEqual([coupon.id, 0]);
    f.clock.set('2026-03-01T00:00:00Z');
    await f.run();
    // February: 29.00 − 2.90 = 26.10 + 4.96 = 31.06; March: 34.51 again.
    expect((await f.invoices()).map((invoice) => invoice.total)).toEqual(['34.51', '31.06', '34.51']);
    const unknown = await rejection(
      f.subscriptions.applyCoupon({ subscriptionId: subscription.id, couponId: 'coupon_no' }),
    );
    expect([unknown.code, unknown.path]).toEqual(['not_found', ['input', 'couponId']]);
    const usd = await f.billing.catalog.coupons.create({
      name: '5 USD',
      amountOff: '5.00',
      currency: 'USD',
      duration: 'once',
    });
    const mismatch = await rejection(
      f.subscriptions.applyCoupon({ subscriptionId: subscription.id, couponId: usd.id }),
    );
    expect([mismatch.code, mismatch.path]).toEqual(['currency_mismatch', ['input', 'couponId']]);
    const listed = await f.billing.catalog.coupons.list();
    expect(listed.items.map((c) => c.name)).toEqual(['Winback', '5 USD']);
  });
});
