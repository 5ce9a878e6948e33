import {
  type Billing,
  type CollectionsPolicyInput,
  createBilling,
  type Notifier,
  type TestClock,
} from '@billfold/core';
import type { PostgresStorage } from '../../src/index';

/*
 * The collections setup the PostgreSQL collections tests share (parent and child processes alike): the policy of
 * core's worked examples (docs/collections.md) and a business customer per seat, each on Fibre 1000 at 840.34 EUR
 * a month + 19 % VAT = 1,000.00, subscribed on 2026-03-01 09:00 Berlin and due at the end of 15 March.
 */

/** Reminders −3/0/+7/+14 days (the last two 10.00 + 1.5 %), 3 days' grace, 2.15 % + 9 interest, 40.00, dunning. */
export const COLLECTIONS_POLICY: CollectionsPolicyInput = {
  reminders: {
    steps: [
      { days: -3 },
      { days: 0 },
      { days: 7, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } },
      { days: 14, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } },
    ],
  },
  graceDays: 3,
  interest: { referenceRate: '2.15', margin: { business: '9', consumer: '5' }, compensation: { EUR: '40.00' } },
  dunning: { pastDueAfterDays: 0, unpaidAfterDays: 7, suspendAfterDays: 10 },
};

/** When the subscriptions start. */
export const SUBSCRIBED_AT = '2026-03-01T08:00:00.000Z';

/** The engine over `storage` with the collections policy (and `notifier`, delivered by dispatch only). */
export function collectionsEngine(storage: PostgresStorage, clock: TestClock, notifier?: Notifier): Billing {
  return createBilling({
    storage,
    clock,
    ...(notifier === undefined ? {} : { notifier }),
    config: { collections: COLLECTIONS_POLICY, notifications: { delivery: 'dispatch' } },
  });
}

/** Seeds `count` business customers on Fibre 1000, each billed 1,000.00 at {@link SUBSCRIBED_AT}. */
export async function seedOverdueCustomers(billing: Billing, count: number): Promise<string[]> {
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const product = await billing.catalog.products.create({
    name: 'Fibre 1000',
    billingCode: 'INT-1G',
    category: 'internet',
  });
  const price = await billing.catalog.prices.create({
    productId: product.id,
    spec: { model: 'flat', currency: 'EUR', amount: '840.34' },
    interval: 'month',
  });
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const customer = await billing.customers.create({
      name: `Business ${n}`,
      email: `b${n}@example.com`,
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      taxIds: [{ type: 'eu_vat', value: `DE${String(100_000_000 + n)}` }],
      taxRateIds: [vat.id],
    });
    await billing.subscriptions.create({ customerId: customer.id, items: [{ priceId: price.id }] });
    ids.push(customer.id);
  }
  return ids;
}
