import { describe, expect, it } from 'vitest';
import { allInvoices, customer, recurringPrice, rejection, world } from './helpers';

describe('a metered percentage price is rated per transaction', () => {
  it('charges the fixed fee and the per-transaction maximum on each event, in the run, preview and summary', async () => {
    const { billing, clock } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const meter = await billing.catalog.meters.create({
      name: 'sales',
      eventName: 'sale',
      aggregation: 'sum',
      property: 'amount',
    });
    const spec = { model: 'percentage', currency: 'EUR', rate: '2.9', fixedFee: '0.30', maximumFee: '1.00' } as const;
    const price = await recurringPrice(billing, spec, { timing: 'in_arrears', meterId: meter.id });
    const { subscription } = await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: price.id }] });
    await billing.usage.ingest(
      ['10.00', '10.00', '10.00', '100.00'].map((amount, i) => ({
        id: `s${i}`,
        customerId: cus.id,
        eventName: 'sale',
        timestamp: `2026-04-0${i + 2}T00:00:00Z`,
        properties: { amount },
      })),
    );
    // 3 × (0.29 + 0.30) + min(2.90 + 0.30, 1.00) = 1.77 + 1.00 = 2.77
    expect((await billing.usage.summary({ subscriptionId: subscription.id })).meters[0]?.amount).toBe('2.77');
    clock.set('2026-05-01T00:00:00Z');
    const preview = await billing.subscriptions.preview({ subscriptionId: subscription.id });
    await billing.runCycle();
    const may = (await allInvoices(billing, cus.id))[0];
    expect(may?.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '130', '2.77']]);
    expect([may?.total, preview?.total]).toEqual(['2.77', '2.77']);
  });

  it('refuses a percentage price on a meter that does not sum a property', async () => {
    const { billing } = world('2026-04-01T00:00:00Z');
    const meter = await billing.catalog.meters.create({ name: 'n', eventName: 'sale', aggregation: 'count' });
    const error = await rejection(
      recurringPrice(
        billing,
        { model: 'percentage', currency: 'EUR', rate: '2.9' },
        { timing: 'in_arrears', meterId: meter.id },
      ),
    );
    expect([error.code, error.path]).toEqual(['invalid_input', ['input', 'meterId']]);
  });
});

describe('coupons that can never apply are refused where they are entered', () => {
  it.each([
    [{ percentOff: '150' }, 'percentOff'],
    [{ percentOff: '007' }, 'percentOff'],
    [{ amountOff: '5.001', currency: 'EUR' }, 'amountOff'],
    [{ amountOff: '5', currency: 'eur' }, 'currency'],
    [{ amountOff: '5', currency: 'ZZZ' }, 'currency'],
    [{ amountOff: '-5', currency: 'EUR' }, 'amountOff'],
  ])('%o → invalid_input at ["input", %s]', async (terms, field) => {
    const { billing } = world('2026-04-01T00:00:00Z');
    const error = await rejection(billing.catalog.coupons.create({ name: 'x', duration: 'once', ...terms }));
    expect([error.code, error.path]).toEqual(['invalid_input', ['input', field]]);
  });

  it('a bad coupon stored earlier is refused at ["input", "couponId"] when applied, and nothing is stored', async () => {
    const { billing, storage } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const price = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    await storage.coupons.insert({ id: 'coupon_legacy', name: 'old', percentOff: '150', duration: 'once' });
    const sub = await rejection(
      billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: price.id }], couponId: 'coupon_legacy' }),
    );
    expect([sub.code, sub.path]).toEqual(['invalid_input', ['input', 'couponId']]);
    const oneOff = await rejection(
      billing.invoices.createOneOff({
        customerId: cus.id,
        lines: [{ description: 'a', amount: '10.00' }],
        couponId: 'coupon_legacy',
      }),
    );
    expect([oneOff.code, oneOff.path]).toEqual(['invalid_input', ['input', 'couponId']]);
    expect((await billing.subscriptions.list({ customerId: cus.id })).items).toEqual([]);
  });
});

describe('subscribe, change and cancel now at one instant', () => {
  it('bills the final pending lines once, outside the period key, and ends', async () => {
    const { billing } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const price = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const { subscription } = await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: price.id }] });
    await billing.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: price.id, quantity: '2' }],
    });
    await billing.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    expect((await billing.runCycle()).errors).toEqual([]);
    expect((await billing.subscriptions.get(subscription.id)).nextBillingAt).toBeUndefined();
    expect((await billing.runCycle()).invoicesCreated).toBe(0);
    const [first, final] = await allInvoices(billing, cus.id);
    expect([first?.billingReason, final?.billingReason]).toEqual(['subscription_create', 'subscription_update']);
    // A flat price charges the same whatever the quantity: the pending lines cancel out.
    expect([final?.lines.map((l) => l.amount), final?.total]).toEqual([['-30.00', '30.00'], '0.00']);
  });

  it('with proration lines pending, the final invoice carries them', async () => {
    const { billing } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const seat = await recurringPrice(billing, { model: 'per_unit', currency: 'EUR', unitAmount: '10.00' });
    const { subscription } = await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: seat.id }] });
    await billing.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: seat.id, quantity: '2' }],
    });
    await billing.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    expect((await billing.runCycle()).errors).toEqual([]);
    const [, final] = await allInvoices(billing, cus.id);
    expect([final?.billingReason, final?.periodStart, final?.lines.map((l) => l.amount)]).toEqual([
      'subscription_update',
      '2026-04-01T00:00:00.000Z',
      ['-10.00', '20.00'],
    ]);
    expect((await billing.subscriptions.get(subscription.id)).nextBillingAt).toBeUndefined();
  });
});

describe('a refund of a fully credited invoice comes from the credit note’s credit', () => {
  async function paidAndCredited(credit: string) {
    const { billing } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const inv = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'a', amount: '100.00' }],
      autoFinalize: true,
    });
    const pay = await billing.payments.record({
      customerId: cus.id,
      amount: '100.00',
      currency: 'EUR',
      method: 'cash',
    });
    await billing.creditNotes.create({ invoiceId: inv.id, amount: credit, reason: 'other' });
    await billing.payments.refund({ paymentId: pay.id, amount: '100.00' });
    const after = await billing.invoices.get(inv.id);
    const balance = (await billing.balance.get(cus.id, 'EUR')).amount;
    return [after.status, after.amountPaid, after.amountCredited, after.amountRemaining, balance];
  }

  it('a full credit: the invoice stays settled by the credit note, the credit is used up', async () => {
    expect(await paidAndCredited('100.00')).toEqual(['paid', '0.00', '100.00', '0.00', '0.00']);
  });

  it('a partial credit: only what it did not cover is owed again', async () => {
    expect(await paidAndCredited('30.00')).toEqual(['open', '0.00', '30.00', '70.00', '0.00']);
  });
});

describe('lines print a quantity and a unit price', () => {
  it('flat: one unit of the amount; per_unit and package of 1: the unit amount; proration lines: one unit', async () => {
    const { billing, clock } = world('2026-04-16T00:00:00Z');
    const cus = await customer(billing);
    const flat = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const seats = await recurringPrice(billing, { model: 'per_unit', currency: 'EUR', unitAmount: '8.50' });
    const pack = await recurringPrice(billing, {
      model: 'package',
      currency: 'EUR',
      packageAmount: '4.00',
      packageSize: '1',
      round: 'up',
    });
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: flat.id }, { priceId: seats.id, quantity: '3' }, { priceId: pack.id, quantity: '2' }],
      anchor: '2026-05-01T00:00:00Z', // a short first period: prorated lines
    });
    const units = (lines: readonly { quantity?: string; unitAmount?: string; amount: string }[] | undefined) =>
      lines?.map((l) => [l.quantity, l.unitAmount, l.amount]);
    // 15 of 30 days: 15.00, 3 × 8.50 / 2 = 12.75, 2 × 4.00 / 2 = 4.00
    expect(units(invoices[0]?.lines)).toEqual([
      ['1', '15.00', '15.00'],
      ['3', '8.50', '12.75'],
      ['2', '4.00', '4.00'],
    ]);
    clock.set('2026-05-01T00:00:00Z');
    await billing.runCycle();
    expect(units((await allInvoices(billing, cus.id))[1]?.lines)).toEqual([
      ['1', '30.00', '30.00'],
      ['3', '8.50', '25.50'],
      ['2', '4.00', '8.00'],
    ]);
    clock.set('2026-05-16T12:00:00Z'); // half of May
    const changed = await billing.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: flat.id }, { priceId: seats.id, quantity: '4' }, { priceId: pack.id, quantity: '2' }],
      prorate: 'immediate',
    });
    expect(units(changed.invoices[0]?.lines)).toEqual([
      ['1', '-12.75', '-12.75'],
      ['1', '17.00', '17.00'],
    ]);
  });
});
