import type { Billing } from '@billfold/core';
import type { BenchCatalog } from '../../bench/seed';

/** The benchmark catalog's prices a race customer subscribes to. */
type Plan = 'basic' | 'metered';

/**
 * A customer (EUR, VAT 19 %) of the race tests, subscribed to Basic (`basic`) or Basic + data (`metered`) from
 * `startAt` (default: when `billing`'s clock stands, the seeding instant of 10 January, Basic invoiced at once).
 */
export async function subscribedCustomer(
  billing: Billing,
  catalog: BenchCatalog,
  name: string,
  plan: Plan,
  startAt?: string,
) {
  const customer = await billing.customers.create({
    name,
    email: `${name.toLowerCase()}@example.com`,
    currency: 'EUR',
    taxRateIds: [catalog.vatId],
  });
  const items = [{ priceId: catalog.basicPriceId }, ...(plan === 'metered' ? [{ priceId: catalog.dataPriceId }] : [])];
  const { subscription } = await billing.subscriptions.create({
    customerId: customer.id,
    items,
    ...(startAt === undefined ? {} : { startAt }),
  });
  return { customer, subscription };
}

/**
 * A `metered` {@link subscribedCustomer} from 10 January with 12 GB used on 20 January, billed in arrears by the run
 * at the end of the period.
 */
export async function meteredCustomer(billing: Billing, catalog: BenchCatalog, name: string) {
  const subscribed = await subscribedCustomer(billing, catalog, name, 'metered');
  await billing.usage.ingest([
    {
      id: 'evt_january',
      customerId: subscribed.customer.id,
      eventName: 'data',
      timestamp: '2026-01-20T00:00:00.000Z',
      properties: { gb: '12' },
    },
  ]);
  return subscribed;
}
