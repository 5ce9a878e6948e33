import {
  type Billing,
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  type Invoice,
  MemoryStorage,
  type TestClock,
} from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { type Backend, describeBackends, dropSchema } from './support/backends';
import { counterIds } from './support/engine-scenario';

/*
 * The catalog and subscription capabilities of issue 9 on every storage Billfold ships: MemoryStorage, PGlite and a
 * PostgreSQL server, one German ISP's first months with hand-computed figures. Tax per product (19 % internet, a
 * 7 % magazine, an exempt care service with its VATEX code), a router as a one-time item, a coupon limited to the
 * magazine, a pending item, a downgrade scheduled for the renewal, a pause with `restart` billing and its resumption,
 * an archived price and a price in a second currency — and every new stored field read back as written.
 */

const lines = (invoice: Invoice | undefined) =>
  invoice?.lines.map((line) => [line.description, line.amount, line.discountAmount]);
const totals = (invoice: Invoice | undefined) => [invoice?.subtotal, invoice?.taxTotal, invoice?.total];

/** The ISP's catalog and one customer in Berlin (UTC periods, German lines). */
async function seed(billing: Billing) {
  const { catalog, customers } = billing;
  await catalog.taxRates.create({ id: 'txr_de_19', name: 'USt.', percentage: '19', inclusive: false });
  await catalog.taxRates.create({
    id: 'txr_de_7',
    name: 'USt. ermäßigt',
    percentage: '7',
    inclusive: false,
    taxCode: 'reduced',
    country: 'DE',
  });
  await catalog.taxRates.create({
    id: 'txr_medical',
    name: 'steuerfrei',
    percentage: '0',
    inclusive: false,
    taxCode: 'medical',
    category: 'E',
    exemption: { code: 'VATEX-EU-132-1C', reason: 'Heilbehandlung' },
  });
  const product = (id: string, name: string, taxCode?: string) =>
    catalog.products.create({
      id,
      name,
      billingCode: id.toUpperCase(),
      category: 'isp',
      ...(taxCode === undefined ? {} : { taxCode }),
    });
  await product('fibre', 'Glasfaser');
  await product('fibre50', 'Glasfaser 50');
  await product('magazine', 'Magazin', 'reduced');
  await product('care', 'Hausnotruf', 'medical');
  await product('router', 'WLAN-Router');
  await product('data', 'Datenvolumen');
  const monthly = (id: string, productId: string, amount: string) =>
    catalog.prices.create({ id, productId, interval: 'month', spec: { model: 'flat', currency: 'EUR', amount } });
  await catalog.prices.create({
    id: 'price_fibre',
    productId: 'fibre',
    interval: 'month',
    spec: { model: 'flat', currency: 'EUR', amount: '39.00' },
    currencyOptions: [{ model: 'flat', currency: 'CHF', amount: '36.00' }],
  });
  await monthly('price_fibre50', 'fibre50', '29.00');
  await monthly('price_magazine', 'magazine', '4.90');
  await monthly('price_care', 'care', '10.00');
  await catalog.prices.create({
    id: 'price_router',
    productId: 'router',
    interval: 'one_time',
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '99.00' },
  });
  await catalog.meters.create({
    id: 'meter_data',
    name: 'Daten',
    eventName: 'data',
    aggregation: 'sum',
    property: 'gb',
  });
  await catalog.prices.create({
    id: 'price_data',
    productId: 'data',
    interval: 'month',
    timing: 'in_arrears',
    meterId: 'meter_data',
    spec: {
      model: 'graduated',
      currency: 'EUR',
      tiers: [
        { upTo: '10', unitAmount: '0' },
        { upTo: null, unitAmount: '0.50' },
      ],
    },
  });
  await catalog.coupons.create({
    id: 'coupon_magazine',
    name: 'Magazin zum halben Preis',
    percentOff: '50',
    duration: 'forever',
    appliesTo: { productIds: ['magazine'] },
  });
  return customers.create({
    id: 'cus_schmidt',
    name: 'Familie Schmidt',
    email: 'schmidt@example.de',
    address: { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' },
    currency: 'EUR',
    locale: 'de-DE',
    timeZone: 'UTC',
    taxRateIds: ['txr_de_19'],
  });
}

/** The ISP's first months on `storage`, every figure checked. */
async function ispMonths(storage: BillingStorageAdapter, clock: TestClock): Promise<void> {
  const billing = createBilling({ storage, clock, ids: counterIds() });
  const { subscriptions, usage } = billing;
  const customer = await seed(billing);
  const invoices = async () =>
    (await storage.invoices.list({ customerId: customer.id, limit: 100 })).items.filter((i) => i.number !== undefined);

  // 1 January: the plan, the magazine at half price, care, data; the router on the first invoice.
  const { subscription, invoices: first } = await subscriptions.create({
    customerId: customer.id,
    items: [
      { priceId: 'price_fibre' },
      { priceId: 'price_magazine' },
      { priceId: 'price_care' },
      { priceId: 'price_data' },
    ],
    oneTimeItems: [{ priceId: 'price_router' }],
    couponId: 'coupon_magazine',
  });
  // 39.00 + 99.00 at 19 % = 26.22; magazine 4.90 − 2.45 = 2.45 at 7 % = 0.1715 → 0.17; care 10.00 exempt.
  expect(lines(first[0])).toEqual([
    ['Glasfaser', '39.00', '0.00'],
    ['Magazin', '4.90', '2.45'],
    ['Hausnotruf', '10.00', '0.00'],
    ['WLAN-Router', '99.00', '0.00'],
  ]);
  expect(totals(first[0])).toEqual(['152.90', '26.39', '176.84']);
  expect(first[0]?.taxes.map((tax) => [tax.rateId, tax.taxableAmount, tax.amount])).toEqual([
    ['txr_de_19', '138.00', '26.22'],
    ['txr_de_7', '2.45', '0.17'],
    ['txr_medical', '10.00', '0.00'],
  ]);

  // 10 January: 25 GB; a special issue of the magazine waits for the next invoice (a second item is removed again);
  // the plan is downgraded at the renewal.
  clock.set('2026-01-10T00:00:00Z');
  await usage.ingest([
    {
      id: 'gb1',
      customerId: customer.id,
      eventName: 'data',
      timestamp: '2026-01-10T00:00:00Z',
      properties: { gb: '25' },
    },
  ]);
  await subscriptions.addPendingItem({
    subscriptionId: subscription.id,
    description: 'Sonderheft',
    amount: '8.00',
    taxCode: 'reduced',
  });
  const shipping = await subscriptions.addPendingItem({
    subscriptionId: subscription.id,
    description: 'Versand',
    amount: '5.00',
  });
  await subscriptions.removePendingItem({ subscriptionId: subscription.id, itemId: shipping.item.id as string });
  const { change } = await subscriptions.scheduleChange({
    subscriptionId: subscription.id,
    items: [
      { priceId: 'price_fibre50' },
      { priceId: 'price_magazine' },
      { priceId: 'price_care' },
      { priceId: 'price_data' },
    ],
  });
  const waiting = await storage.subscriptions.get(subscription.id);
  expect(waiting?.scheduledChanges).toEqual([change]);
  expect(
    waiting?.pendingLines.map((line) => [line.id?.slice(0, 4), line.description, line.taxCode, line.kind]),
  ).toEqual([['pii_', 'Sonderheft', 'reduced', 'one_off']]);

  // 1 February: January's usage on the old plan, February on the new one, the special issue.
  clock.set('2026-02-01T00:00:00Z');
  await billing.runCycle();
  const february = (await invoices())[1];
  // 25 GB: 15 × 0.50 = 7.50. At 19 %: 7.50 + 29.00 = 36.50 → 6.935 → 6.94; at 7 %: 2.45 + 8.00 = 10.45 → 0.7315
  // → 0.73; care exempt. 56.95 + 7.67 = 64.62.
  expect(lines(february)).toEqual([
    ['Datenvolumen (Daten)', '7.50', '0.00'],
    ['Glasfaser 50', '29.00', '0.00'],
    ['Magazin', '4.90', '2.45'],
    ['Hausnotruf', '10.00', '0.00'],
    ['Sonderheft', '8.00', '0.00'],
  ]);
  expect(totals(february)).toEqual(['59.40', '7.67', '64.62']);
  expect(february?.lines[0]?.tiers).toEqual([
    { from: '0', upTo: '10', quantity: '10', unitAmount: '0', amount: '0.00' },
    { from: '10', quantity: '15', unitAmount: '0.50', amount: '7.50' },
  ]);
  expect((await storage.subscriptions.get(subscription.id))?.scheduledChanges).toBeUndefined();

  // 15 February: paused with restart billing. February was charged 29.00 + 5.51, 2.45 + 0.17 and 10.00 = 47.13;
  // 14 of its 28 days are unused: 23.565 → 23.57 credited.
  clock.set('2026-02-15T00:00:00Z');
  const paused = await subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' });
  expect(paused.creditIssued).toBe('23.57');
  expect((await storage.subscriptions.get(subscription.id))?.pause).toEqual({
    behavior: 'restart',
    pausedAt: '2026-02-15T00:00:00.000Z',
  });
  await expect(
    usage.ingest([
      {
        id: 'gb2',
        customerId: customer.id,
        eventName: 'data',
        timestamp: '2026-02-20T00:00:00Z',
        properties: { gb: '1' },
      },
    ]),
  ).rejects.toMatchObject({ code: 'invalid_input', path: ['events', 0, 'timestamp'] });
  clock.set('2026-03-01T00:00:00Z');
  await billing.runCycle();
  // The pause's boundary bills the first half of February's usage: none.
  expect(lines((await invoices())[2])).toEqual([['Datenvolumen (Daten)', '0.00', '0.00']]);

  // 10 March: resumed; a new period from there: 43.90 − 2.45 = 41.45 net + 5.51 + 0.17 = 47.13, 23.57 of it paid by
  // the credit.
  clock.set('2026-03-10T00:00:00Z');
  const resumed = await subscriptions.resume({ subscriptionId: subscription.id });
  expect(resumed.invoices.map((i) => [totals(i), i.creditApplied, i.amountDue, i.periodEnd])).toEqual([
    [['43.90', '5.68', '47.13'], '23.57', '23.56', '2026-04-10T00:00:00.000Z'],
  ]);
  const stored = await storage.subscriptions.get(subscription.id);
  expect([stored?.status, stored?.anchor, stored?.pause]).toEqual(['active', '2026-03-10T00:00:00.000Z', undefined]);

  // The full-speed plan is archived: no new subscription on it; restored, a Swiss customer pays it in francs.
  await billing.catalog.prices.archive('price_fibre');
  const zurich = await billing.customers.create({ name: 'Zürcher', email: 'zh@example.ch', currency: 'CHF' });
  await expect(
    subscriptions.create({ customerId: zurich.id, items: [{ priceId: 'price_fibre' }] }),
  ).rejects.toMatchObject({ code: 'invalid_input', path: ['input', 'items', 0, 'priceId'] });
  expect((await storage.prices.get('price_fibre'))?.active).toBe(false);
  await billing.catalog.prices.unarchive('price_fibre');
  const swiss = await subscriptions.create({ customerId: zurich.id, items: [{ priceId: 'price_fibre' }] });
  expect([swiss.invoices[0]?.currency, swiss.invoices[0]?.total]).toEqual(['CHF', '36.00']);
  expect((await storage.prices.get('price_fibre'))?.currencyOptions).toEqual([
    { model: 'flat', currency: 'CHF', amount: '36.00' },
  ]);
  expect((await storage.coupons.get('coupon_magazine'))?.appliesTo).toEqual({ productIds: ['magazine'] });
  expect((await storage.products.get('magazine'))?.taxCode).toBe('reduced');
  expect(await storage.taxRates.get('txr_de_7')).toMatchObject({ taxCode: 'reduced', country: 'DE' });
}

describe('an ISP’s catalog and subscriptions (memory)', () => {
  it('bills the first months as computed by hand', async () => {
    await ispMonths(new MemoryStorage(), createTestClock('2026-01-01T00:00:00Z'));
  });
});

describeBackends('an ISP’s catalog and subscriptions', (backend: Backend) => {
  it('bills the first months as computed by hand', async () => {
    const storage = await backend.storage();
    try {
      await ispMonths(storage, createTestClock('2026-01-01T00:00:00Z'));
    } finally {
      await dropSchema(storage);
    }
  });
});
