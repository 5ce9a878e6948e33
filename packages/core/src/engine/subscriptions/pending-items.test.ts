import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';

const lines = (invoice: Invoice | undefined) =>
  invoice?.lines.map((line) => [line.kind, line.description, line.quantity, line.unitAmount, line.amount]);

/** The cycle fixture plus a router sold once at 99.00 a unit, and an archived modem. */
async function hardwareFixture() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { catalog } = f.billing;
  await catalog.products.create({ id: 'prod_router', name: 'Router', billingCode: 'HW-ROUTER', category: 'hardware' });
  await catalog.prices.create({
    id: 'price_router',
    productId: 'prod_router',
    interval: 'one_time',
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '99.00' },
  });
  await catalog.prices.create({
    id: 'price_modem',
    productId: 'prod_router',
    interval: 'one_time',
    spec: { model: 'flat', currency: 'EUR', amount: '49.00' },
  });
  await catalog.prices.archive('price_modem');
  return f;
}

describe('one-time items', () => {
  it('go on the subscription’s first invoice beside its first period', async () => {
    const f = await hardwareFixture();
    const { subscription, invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
      oneTimeItems: [
        { priceId: 'price_router', quantity: '2' },
        { description: 'Setup', amount: '25.00' },
      ],
    });
    // 29.00 + 2 × 99.00 + 25.00 = 252.00; VAT 19 % = 47.88; 299.88.
    expect(lines(invoices[0])).toEqual([
      ['subscription', 'Pro', '1', '29.00', '29.00'],
      ['one_off', 'Router × 2', '2', '99.00', '198.00'],
      ['one_off', 'Setup', '1', '25.00', '25.00'],
    ]);
    expect(invoices[0]?.lines[1]?.billingCode).toBe('HW-ROUTER');
    expect([invoices[0]?.subtotal, invoices[0]?.taxTotal, invoices[0]?.total]).toEqual(['252.00', '47.88', '299.88']);
    expect(subscription.pendingLines).toEqual([]);
    // The next period charges the plan alone.
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    expect(lines((await f.invoices())[1])).toEqual([['subscription', 'Pro', '1', '29.00', '29.00']]);
  });

  it('are charged at the start of a trial, which charges nothing else', async () => {
    const f = await hardwareFixture();
    const { invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
      trialDays: 14,
      oneTimeItems: [{ description: 'Setup', amount: '25.00' }],
    });
    expect([lines(invoices[0]), invoices[0]?.total]).toEqual([[['one_off', 'Setup', '1', '25.00', '25.00']], '29.75']);
  });

  it('are refused when they are not one-time, archived, or finer than the currency, and nothing is stored', async () => {
    const f = await hardwareFixture();
    const before = await storageDump(f.storage);
    const attempt = async (item: Record<string, unknown>) => {
      const error = await rejection(
        f.subscriptions.create({
          customerId: f.customer.id,
          items: [{ priceId: f.prices.pro.id }],
          oneTimeItems: [item] as never,
        }),
      );
      return [error.code, error.path];
    };
    expect(await attempt({ priceId: f.prices.basic.id })).toEqual([
      'invalid_input',
      ['input', 'oneTimeItems', 0, 'priceId'],
    ]);
    expect(await attempt({ priceId: 'price_modem' })).toEqual([
      'invalid_input',
      ['input', 'oneTimeItems', 0, 'priceId'],
    ]);
    expect(await attempt({ description: 'Setup', amount: '25.001' })).toEqual([
      'invalid_input',
      ['input', 'oneTimeItems', 0, 'amount'],
    ]);
    expect(await attempt({ amount: '25.00' })).toEqual(['invalid_input', ['input', 'oneTimeItems', 0, 'description']]);
    expect(await attempt({ priceId: 'price_router', taxCode: 'reduced' })).toEqual([
      'invalid_input',
      ['input', 'oneTimeItems', 0, 'taxCode'],
    ]);
    expect(await storageDump(f.storage)).toEqual(before);
  });
});

describe('pending invoice items', () => {
  it('wait for the next invoice, listed and removable until then', async () => {
    const f = await hardwareFixture();
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    f.clock.set('2026-01-15T00:00:00Z');
    const router = await f.subscriptions.addPendingItem({ subscriptionId: subscription.id, priceId: 'price_router' });
    const visit = await f.subscriptions.addPendingItem({
      subscriptionId: subscription.id,
      description: 'Technician visit',
      amount: '60.00',
      billingCode: 'SVC-VISIT',
    });
    expect(router.item).toMatchObject({
      kind: 'one_off',
      description: 'Router',
      amount: '99.00',
      priceId: 'price_router',
    });
    expect(router.item.id).toMatch(/^pii_/);
    expect((await f.subscriptions.listPendingItems(subscription.id)).map((item) => item.description)).toEqual([
      'Router',
      'Technician visit',
    ]);
    await f.subscriptions.removePendingItem({ subscriptionId: subscription.id, itemId: visit.item.id as string });
    expect((await f.subscriptions.listPendingItems(subscription.id)).map((item) => item.id)).toEqual([router.item.id]);
    const gone = await rejection(
      f.subscriptions.removePendingItem({ subscriptionId: subscription.id, itemId: visit.item.id as string }),
    );
    expect([gone.code, gone.path]).toEqual(['not_found', ['input', 'itemId']]);
    // The February invoice: Pro 29.00 + Router 99.00 = 128.00 + 24.32 VAT = 152.32; then nothing waits.
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    const february = (await f.invoices())[1];
    expect(lines(february)).toEqual([
      ['subscription', 'Pro', '1', '29.00', '29.00'],
      ['one_off', 'Router', '1', '99.00', '99.00'],
    ]);
    expect(february?.total).toBe('152.32');
    expect(await f.subscriptions.listPendingItems(subscription.id)).toEqual([]);
  });

  it('are added once under an idempotency key, and refused on a canceled subscription', async () => {
    const f = await hardwareFixture();
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    const input = { subscriptionId: subscription.id, priceId: 'price_router', idempotencyKey: 'router-1' };
    const first = await f.subscriptions.addPendingItem(input);
    expect(await f.subscriptions.addPendingItem(input)).toEqual(first);
    expect(await f.subscriptions.listPendingItems(subscription.id)).toHaveLength(1);
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    const refused = await rejection(
      f.subscriptions.addPendingItem({ subscriptionId: subscription.id, priceId: 'price_router' }),
    );
    expect([refused.code, refused.path]).toEqual(['invalid_state', ['input', 'subscriptionId']]);
  });

  it('are refused at once when their tax code has no rate for the customer, not at the next run', async () => {
    const f = await hardwareFixture();
    const { catalog } = f.billing;
    await catalog.taxRates.create({
      name: 'USt. 7 %',
      percentage: '7',
      inclusive: false,
      taxCode: 'reduced',
      country: 'DE',
    });
    await catalog.taxRates.create({ name: 'Tax 5 %', percentage: '5', inclusive: false, taxCode: 'service' });
    await catalog.products.create({
      id: 'prod_magazine',
      name: 'Magazine',
      billingCode: 'MAG',
      category: 'add-on',
      taxCode: 'reduced',
    });
    await catalog.prices.create({
      id: 'price_magazine',
      productId: 'prod_magazine',
      interval: 'one_time',
      spec: { model: 'flat', currency: 'EUR', amount: '4.90' },
    });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    const before = await storageDump(f.storage);
    // The customer has no address: the German 7 % rate does not fit, and no "reduced" rate applies everywhere.
    const magazine = await rejection(
      f.subscriptions.addPendingItem({ subscriptionId: subscription.id, priceId: 'price_magazine' }),
    );
    expect([magazine.code, magazine.path]).toEqual(['not_found', ['input', 'priceId']]);
    const given = await rejection(
      f.subscriptions.addPendingItem({
        subscriptionId: subscription.id,
        description: 'Back issue',
        amount: '3.00',
        taxCode: 'reduced',
      }),
    );
    expect([given.code, given.path]).toEqual(['not_found', ['input', 'taxCode']]);
    expect(await storageDump(f.storage)).toEqual(before);
    // A code with a rate for every country is taxed by it: 20.00 + 5 % = 21.00 beside Pro 29.00 + 19 % = 34.51.
    await f.subscriptions.addPendingItem({
      subscriptionId: subscription.id,
      description: 'Installation',
      amount: '20.00',
      taxCode: 'service',
    });
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    expect([(await f.invoices())[1]?.taxTotal, (await f.invoices())[1]?.total]).toEqual(['6.51', '55.51']);
  });
});
