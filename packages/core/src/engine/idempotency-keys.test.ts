import { describe, expect, it } from 'vitest';
import type { Billing } from './create-billing';
import { createEngineFixture, rejection, storageDump } from './test-fixture';

/*
 * Every call that creates records a retry could duplicate takes an idempotencyKey: a replay returns the first
 * result and writes nothing; the same key with another request is `conflict` at ["input", "idempotencyKey"].
 */

type Create = (billing: Billing, key: string, name: string) => Promise<{ id: string }>;

const creates: [string, Create][] = [
  [
    'customers.create',
    (b, key, name) => b.customers.create({ name, email: 'x@example.com', currency: 'EUR', idempotencyKey: key }),
  ],
  [
    'catalog.products.create',
    (b, key, name) =>
      b.catalog.products.create({
        name,
        billingCode: `P-${key.toUpperCase() || 'X'}`,
        category: 'x',
        idempotencyKey: key,
      }),
  ],
  [
    'catalog.prices.create',
    (b, key, name) =>
      b.catalog.prices.create({
        productId: 'prod_1',
        spec: { model: 'flat', currency: 'EUR', amount: `${name.length}.00` },
        interval: 'month',
        idempotencyKey: key,
      }),
  ],
  [
    'catalog.meters.create',
    (b, key, name) => b.catalog.meters.create({ name, eventName: 'api', aggregation: 'count', idempotencyKey: key }),
  ],
  [
    'catalog.coupons.create',
    (b, key, name) => b.catalog.coupons.create({ name, percentOff: '10', duration: 'once', idempotencyKey: key }),
  ],
  [
    'catalog.taxRates.create',
    (b, key, name) => b.catalog.taxRates.create({ name, percentage: '7', inclusive: false, idempotencyKey: key }),
  ],
];

describe('idempotency keys on every create', () => {
  it.each(creates)(
    '%s: a replay returns the first record and stores nothing; another request under the key is refused',
    async (_name, create) => {
      const { billing, storage } = await createEngineFixture();
      await billing.catalog.products.create({ id: 'prod_1', name: 'Base', billingCode: 'BASE', category: 'x' });
      const first = await create(billing, 'req-1', 'First');
      const stored = await storageDump(storage);
      expect(await create(billing, 'req-1', 'First')).toEqual(first);
      expect(await storageDump(storage)).toEqual(stored);
      const changed = await rejection(create(billing, 'req-1', 'Second!'));
      expect([changed.code, changed.path]).toEqual(['conflict', ['input', 'idempotencyKey']]);
      // Without a key, or with another, a second record is made.
      expect((await create(billing, 'req-2', 'First')).id).not.toBe(first.id);
      const bad = await rejection(create(billing, '', 'First'));
      expect([bad.code, bad.path]).toEqual(['invalid_input', ['input', 'idempotencyKey']]);
    },
  );

  it('subscriptions.cancel: a retried cancel returns the first result (credit included), not invalid_state', async () => {
    const { billing, storage, clock, customer } = await createEngineFixture();
    await billing.catalog.products.create({ id: 'prod_1', name: 'Base', billingCode: 'BASE', category: 'x' });
    const price = await billing.catalog.prices.create({
      productId: 'prod_1',
      spec: { model: 'flat', currency: 'EUR', amount: '31.00' },
      interval: 'month',
    });
    const { subscription } = await billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: price.id }],
    });
    clock.advance({ days: 10 });
    const request = { subscriptionId: subscription.id, atPeriodEnd: false, prorate: true, idempotencyKey: 'cancel-1' };
    const first = await billing.subscriptions.cancel(request);
    expect(first.creditIssued).toBeDefined();
    const stored = await storageDump(storage);
    clock.advance({ hours: 1 });
    expect(await billing.subscriptions.cancel(request)).toEqual(first);
    expect(await storageDump(storage)).toEqual(stored);
    const without = await rejection(billing.subscriptions.cancel({ ...request, idempotencyKey: undefined }));
    expect(without.code).toBe('invalid_state');
    const other = await rejection(billing.subscriptions.cancel({ ...request, prorate: false }));
    expect([other.code, other.path]).toEqual(['conflict', ['input', 'idempotencyKey']]);
  });

  it('scopes keys by operation: one key on two operations makes two records', async () => {
    const { billing } = await createEngineFixture();
    const customer = await billing.customers.create({
      name: 'A',
      email: 'a@example.com',
      currency: 'EUR',
      idempotencyKey: 'same',
    });
    const rate = await billing.catalog.taxRates.create({
      name: 'Rate',
      percentage: '7',
      inclusive: false,
      idempotencyKey: 'same',
    });
    expect([customer.id.startsWith('cus_'), rate.id.startsWith('txr_')]).toEqual([true, true]);
  });
});
