import { describe, expect, it } from 'vitest';
import { allInvoices, customer, recurringPrice, world } from './helpers';

/** A customer on a 30.00 EUR flat plan since 2026-04-01 (April: 30 days). */
async function onPlan(amount = '30.00') {
  const w = world('2026-04-01T00:00:00Z');
  const cus = await customer(w.billing);
  const price = await recurringPrice(w.billing, { model: 'flat', currency: 'EUR', amount });
  const created = await w.billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: price.id }] });
  return { ...w, cus, price, subscription: created.subscription, first: created.invoices[0] };
}

const cancelNow = (w: Awaited<ReturnType<typeof onPlan>>) =>
  w.billing.subscriptions.cancel({ subscriptionId: w.subscription.id, atPeriodEnd: false, prorate: true });

describe('cancel now with prorate: true credits only what the period invoices still hold', () => {
  it('a void period invoice charged nothing: no credit', async () => {
    const w = await onPlan();
    await w.billing.invoices.void(w.first?.id as string);
    w.clock.set('2026-04-21T00:00:00Z');
    expect((await cancelNow(w)).creditIssued).toBeUndefined();
    expect((await w.billing.balance.get(w.cus.id, 'EUR')).amount).toBe('0.00');
  });

  it('what credit notes took back is not credited again', async () => {
    const full = await onPlan();
    await full.billing.creditNotes.create({ invoiceId: full.first?.id as string, amount: '30.00', reason: 'other' });
    full.clock.set('2026-04-21T00:00:00Z');
    expect((await cancelNow(full)).creditIssued).toBeUndefined();
    const half = await onPlan();
    await half.billing.creditNotes.create({ invoiceId: half.first?.id as string, amount: '15.00', reason: 'other' });
    half.clock.set('2026-04-21T00:00:00Z');
    // (30.00 − 15.00) × 10/30 = 5.00
    expect((await cancelNow(half)).creditIssued).toBe('5.00');
  });

  it.each([
    // Upgrade: paid 30.00 + (−20.00 + 60.00); used 10 days at 30 and 10 at 90 = 40.00: 30.00 back.
    ['30.00', '90.00', '30.00', '30.00'],
    // Downgrade: paid 90.00 + (−60.00 + 20.00); used 30.00 + 10.00 = 40.00: 10.00 back (plus the 40.00 credit).
    ['90.00', '30.00', '10.00', '50.00'],
  ])(
    'after an immediate change %s → %s, credits the unused share of the plan as billed',
    async (from, to, credit, balance) => {
      const w = await onPlan(from);
      const next = await recurringPrice(w.billing, { model: 'flat', currency: 'EUR', amount: to });
      w.clock.set('2026-04-11T00:00:00Z');
      await w.billing.subscriptions.change({
        subscriptionId: w.subscription.id,
        items: [{ priceId: next.id }],
        prorate: 'immediate',
      });
      w.clock.set('2026-04-21T00:00:00Z');
      expect((await cancelNow(w)).creditIssued).toBe(credit);
      expect((await w.billing.balance.get(w.cus.id, 'EUR')).amount).toBe(balance);
    },
  );

  it('immediate and next_invoice changes end with the same money after cancel now', async () => {
    const net = async (mode: 'immediate' | 'next_invoice') => {
      const w = await onPlan();
      const pro = await recurringPrice(w.billing, { model: 'flat', currency: 'EUR', amount: '90.00' });
      w.clock.set('2026-04-11T00:00:00Z');
      await w.billing.subscriptions.change({
        subscriptionId: w.subscription.id,
        items: [{ priceId: pro.id }],
        prorate: mode,
      });
      w.clock.set('2026-04-21T00:00:00Z');
      await cancelNow(w);
      await w.billing.runCycle();
      const billed = (await allInvoices(w.billing, w.cus.id)).reduce((sum, i) => sum + Number(i.amountDue), 0);
      return billed - Number((await w.billing.balance.get(w.cus.id, 'EUR')).amount);
    };
    // Owed less credit left: 10 days at 30.00 and 10 days at 90.00 = 40.00 either way.
    expect(await net('immediate')).toBeCloseTo(40, 6);
    expect(await net('next_invoice')).toBeCloseTo(40, 6);
  });
});

describe('proration carries the coupon: credit what was paid, charge what will be paid', () => {
  async function couponed(
    coupon: { percentOff: string } | { amountOff: string; currency: 'EUR' },
    duration: 'once' | 'forever',
  ) {
    const w = world('2026-01-01T00:00:00Z');
    const cus = await customer(w.billing);
    const basic = await recurringPrice(w.billing, { model: 'flat', currency: 'EUR', amount: '40.00' });
    const pro = await recurringPrice(w.billing, { model: 'flat', currency: 'EUR', amount: '80.00' });
    const c = await w.billing.catalog.coupons.create({ name: 'c', duration, ...coupon });
    const { subscription, invoices } = await w.billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: basic.id }],
      couponId: c.id,
    });
    return { ...w, cus, pro, subscription, first: invoices[0] };
  }
  const amounts = (lines: readonly { amount: string }[] | undefined) => lines?.map((l) => l.amount);
  const HALF = '2026-01-16T12:00:00Z'; // 15.5 of January's 31 days left

  it('50% forever: −10.00 and +20.00, immediate and next_invoice alike; cancel credits the same 10.00', async () => {
    const a = await couponed({ percentOff: '50' }, 'forever');
    expect(a.first?.total).toBe('20.00');
    a.clock.set(HALF);
    const now = await a.billing.subscriptions.change({
      subscriptionId: a.subscription.id,
      items: [{ priceId: a.pro.id }],
      prorate: 'immediate',
    });
    expect(amounts(now.invoices[0]?.lines)).toEqual(['-10.00', '20.00']);
    expect(now.invoices[0]?.lines.map((l) => l.discountAmount)).toEqual(['0.00', '0.00']);
    const b = await couponed({ percentOff: '50' }, 'forever');
    b.clock.set(HALF);
    const later = await b.billing.subscriptions.change({
      subscriptionId: b.subscription.id,
      items: [{ priceId: b.pro.id }],
    });
    expect(amounts(later.subscription.pendingLines)).toEqual(['-10.00', '20.00']);
    const c = await couponed({ percentOff: '50' }, 'forever');
    c.clock.set(HALF);
    const canceled = await c.billing.subscriptions.cancel({
      subscriptionId: c.subscription.id,
      atPeriodEnd: false,
      prorate: true,
    });
    expect(canceled.creditIssued).toBe('10.00');
    // The next cycle of the 80.00 plan: 40.00 after the coupon, the pending lines not discounted again.
    b.clock.set('2026-02-01T00:00:00Z');
    await b.billing.runCycle();
    const feb = (await allInvoices(b.billing, b.cus.id))[1];
    expect([amounts(feb?.lines), feb?.total]).toEqual([['80.00', '-10.00', '20.00'], '50.00']);
  });

  it('an amount off is what each plan costs less the amount: −(40 − 10)/2 and +(80 − 10)/2', async () => {
    const w = await couponed({ amountOff: '10.00', currency: 'EUR' }, 'forever');
    w.clock.set(HALF);
    const { invoices } = await w.billing.subscriptions.change({
      subscriptionId: w.subscription.id,
      items: [{ priceId: w.pro.id }],
      prorate: 'immediate',
    });
    expect(amounts(invoices[0]?.lines)).toEqual(['-15.00', '35.00']);
  });

  it('a once coupon spent on an earlier period discounts neither side', async () => {
    const w = await couponed({ percentOff: '50' }, 'once');
    w.clock.set('2026-02-01T00:00:00Z');
    await w.billing.runCycle();
    w.clock.set('2026-02-15T00:00:00Z'); // 14 of February's 28 days left
    const { invoices } = await w.billing.subscriptions.change({
      subscriptionId: w.subscription.id,
      items: [{ priceId: w.pro.id }],
      prorate: 'immediate',
    });
    expect(amounts(invoices[0]?.lines)).toEqual(['-20.00', '40.00']);
  });
});
