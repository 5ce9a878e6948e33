import { describe, expect, it } from 'vitest';
import type { CouponInput } from '../../domain/catalog';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';

/** Totals of the first `months` invoices of a Pro (29.00) subscription with the coupon. */
async function totalsWith(coupon: CouponInput, months: number) {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const created = await f.billing.catalog.coupons.create(coupon);
  const { subscription } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }],
    couponId: created.id,
  });
  for (let month = 2; month <= months; month++) {
    f.clock.set(`2026-${String(month).padStart(2, '0')}-01T00:00:00Z`);
    await f.run();
  }
  const invoices = await f.invoices();
  return {
    totals: invoices.map((invoice) => [invoice.discountTotal, invoice.total]),
    used: (await f.subscriptions.get(subscription.id)).couponPeriodsUsed,
  };
}

describe('coupons on subscription invoices', () => {
  it('once: 50% off the first invoice only', async () => {
    // 29.00 − 14.50 = 14.50; VAT 2.755 → 2.76; 17.26. Then 29.00 + 5.51 = 34.51.
    expect(await totalsWith({ name: 'Half first month', percentOff: '50', duration: 'once' }, 3)).toEqual({
      totals: [
        ['14.50', '17.26'],
        ['0.00', '34.51'],
        ['0.00', '34.51'],
      ],
      used: 1,
    });
  });

  it('repeating 2: 5.00 EUR off two invoices', async () => {
    // 29.00 − 5.00 = 24.00; VAT 4.56; 28.56.
    expect(
      await totalsWith(
        { name: 'Five off', amountOff: '5.00', currency: 'EUR', duration: 'repeating', durationPeriods: 2 },
        4,
      ),
    ).toEqual({
      totals: [
        ['5.00', '28.56'],
        ['5.00', '28.56'],
        ['0.00', '34.51'],
        ['0.00', '34.51'],
      ],
      used: 2,
    });
  });

  it('forever: 10% off every invoice', async () => {
    // 29.00 − 2.90 = 26.10; VAT 4.959 → 4.96; 31.06.
    const { totals, used } = await totalsWith({ name: 'Ten forever', percentOff: '10', duration: 'forever' }, 4);
    expect(totals).toEqual(Array.from({ length: 4 }, () => ['2.90', '31.06']));
    expect(used).toBe(4);
  });

  it('does not use up a coupon during a trial', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const coupon = await f.billing.catalog.coupons.create({ name: 'Half', percentOff: '50', duration: 'once' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
      couponId: coupon.id,
      trialDays: 10,
    });
    expect(subscription.couponPeriodsUsed).toBe(0);
    f.clock.set('2026-01-11T00:00:00Z');
    await f.run();
    expect((await f.invoices())[0]).toMatchObject({ discountTotal: '14.50', total: '17.26' });
  });

  it('refuses an amount-off coupon in another currency', async () => {
    const f = await createCycleFixture();
    const coupon = await f.billing.catalog.coupons.create({
      name: 'Dollars',
      amountOff: '5',
      currency: 'USD',
      duration: 'once',
    });
    const error = await rejection(
      f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.pro.id }], couponId: coupon.id }),
    );
    expect(error).toMatchObject({ code: 'currency_mismatch', path: ['input', 'couponId'] });
  });
});
