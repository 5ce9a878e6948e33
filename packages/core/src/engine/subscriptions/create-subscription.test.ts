import { describe, expect, it } from 'vitest';
import type { Customer } from '../../domain/customer';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import type { CreateSubscriptionInput } from './subscription-input';
import { rejection, storageDump } from '../test-fixture';

describe('subscriptions.create', () => {
  it('refuses a price in another currency than the customer’s, at the item’s path, storing nothing', async () => {
    const f = await createCycleFixture();
    const before = await storageDump(f.storage);
    const error = await rejection(
      f.subscriptions.create({
        customerId: f.customer.id,
        items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.proUsd.id }],
      }),
    );
    expect(error).toMatchObject({ code: 'currency_mismatch', path: ['input', 'items', 1, 'priceId'] });
    expect(await storageDump(f.storage)).toEqual(before);
  });

  it('answers unknown ids with not_found and the path of the id', async () => {
    const f = await createCycleFixture();
    const cases: [CreateSubscriptionInput, (string | number)[]][] = [
      [{ customerId: 'cus_nobody', items: [{ priceId: f.prices.pro.id }] }, ['input', 'customerId']],
      [{ customerId: f.customer.id, items: [{ priceId: 'price_nothing' }] }, ['input', 'items', 0, 'priceId']],
      [
        { customerId: f.customer.id, items: [{ priceId: f.prices.pro.id }], couponId: 'coupon_nothing' },
        ['input', 'couponId'],
      ],
    ];
    for (const [input, path] of cases) {
      expect(await rejection(f.subscriptions.create(input))).toMatchObject({ code: 'not_found', path });
    }
    expect(await rejection(f.subscriptions.get('sub_nothing'))).toMatchObject({
      code: 'not_found',
      path: ['subscriptionId'],
    });
    for (const call of [
      f.subscriptions.change({ subscriptionId: 'sub_nothing', items: [{ priceId: f.prices.pro.id }] }),
      f.subscriptions.cancel({ subscriptionId: 'sub_nothing', atPeriodEnd: true }),
      f.subscriptions.preview({ subscriptionId: 'sub_nothing' }),
    ]) {
      expect(await rejection(call)).toMatchObject({ code: 'not_found', path: ['input', 'subscriptionId'] });
    }
  });

  it('checks the items: one schedule, recurring prices, metered quantity 1, no duplicates', async () => {
    const f = await createCycleFixture();
    const yearly = await f.billing.catalog.prices.create({
      productId: 'prod_pro',
      spec: { model: 'flat', currency: 'EUR', amount: '290.00' },
      interval: 'year',
    });
    const setup = await f.billing.catalog.prices.create({
      productId: 'prod_pro',
      spec: { model: 'flat', currency: 'EUR', amount: '50.00' },
      interval: 'one_time',
    });
    const refused = async (items: { priceId: string; quantity?: string }[]) =>
      rejection(f.subscriptions.create({ customerId: f.customer.id, items }));
    expect(await refused([{ priceId: f.prices.pro.id }, { priceId: yearly.id }])).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'items', 1, 'priceId'],
    });
    expect(await refused([{ priceId: setup.id }])).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'items', 0, 'priceId'],
    });
    expect(await refused([{ priceId: f.prices.data.id, quantity: '2' }])).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'items', 0, 'quantity'],
    });
    expect(await refused([{ priceId: f.prices.pro.id }, { priceId: f.prices.pro.id }])).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'items', 1, 'priceId'],
    });
    expect(await refused([{ priceId: f.prices.pro.id, quantity: '-1' }])).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'items', 0, 'quantity'],
    });
    const both = await rejection(
      f.subscriptions.create({
        customerId: f.customer.id,
        items: [{ priceId: f.prices.pro.id }],
        trialDays: 7,
        trialEnd: '2026-02-01T00:00:00Z',
      }),
    );
    expect(both).toMatchObject({ code: 'invalid_input', path: ['input', 'trialEnd'] });
    expect((await f.storage.subscriptions.list({})).items).toEqual([]);
  });

  it('stores nothing when billing the first period fails (a tax rate missing), and consumes no invoice number', async () => {
    const f = await createCycleFixture();
    const stranger: Customer = { ...f.customer, id: 'cus_stranger', taxRateIds: ['txr_gone'] };
    await f.storage.customers.insert(stranger);
    const before = await storageDump(f.storage);
    const error = await rejection(
      f.subscriptions.create({ customerId: stranger.id, items: [{ priceId: f.prices.pro.id }] }),
    );
    expect(error.code).toBe('not_found');
    expect(await storageDump(f.storage)).toEqual(before);
    const { invoices } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    expect(invoices[0]?.number).toBe('INV-2026-000001');
  });

  it('replays a request with the same idempotency key without creating anything new', async () => {
    const f = await createCycleFixture();
    const input = { customerId: f.customer.id, items: [{ priceId: f.prices.pro.id }], idempotencyKey: 'signup-42' };
    const first = await f.subscriptions.create(input);
    const again = await f.subscriptions.create(input);
    expect(again).toEqual(first);
    expect((await f.storage.subscriptions.list({})).items).toHaveLength(1);
    expect(await f.invoices()).toHaveLength(1);
    const changed = await rejection(f.subscriptions.create({ ...input, items: [{ priceId: f.prices.basic.id }] }));
    expect(changed.code).toBe('conflict');
    expect(changed.path.at(-1)).toBe('idempotencyKey');
  });

  it('lists subscriptions by customer and status', async () => {
    const f = await createCycleFixture();
    const other = await f.addCustomer('cus_other');
    await f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.pro.id }] });
    await f.subscriptions.create({ customerId: other.id, items: [{ priceId: f.prices.pro.id }], trialDays: 7 });
    expect((await f.subscriptions.list({ customerId: other.id })).items.map((s) => s.status)).toEqual(['trialing']);
    expect((await f.subscriptions.list({ status: 'active' })).items.map((s) => s.customerId)).toEqual([f.customer.id]);
    expect(await rejection(f.subscriptions.list({ status: 'bogus' as never }))).toMatchObject({
      path: ['input', 'status'],
    });
  });
});
