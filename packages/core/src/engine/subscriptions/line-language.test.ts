import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import { MemoryStorage } from '../../storage/memory-storage';
import { createBilling } from '../create-billing';
import { createCycleFixture } from '../run-cycle/cycle-fixture';

describe('the lines the engine writes, in the customer’s language', () => {
  it('words proration, prorated and usage lines in German for a German customer', async () => {
    const f = await createCycleFixture({ start: '2026-04-01T00:00:00Z' });
    const kunde = await f.billing.customers.create({
      name: 'Muster GmbH',
      email: 'rechnung@muster.example',
      currency: 'EUR',
      locale: 'de-DE',
      taxRateIds: [f.vat.id],
    });
    // Anchored on the 16th: the first invoice charges 1–16 April, 15 days of the period [16 March, 16 April):
    // 24.00 × 15/31 = 11.6129… → 11.61.
    const { subscription, invoices } = await f.subscriptions.create({
      customerId: kunde.id,
      items: [{ priceId: f.prices.seat.id, quantity: '3' }, { priceId: f.prices.data.id }],
      anchor: '2026-04-16T00:00:00Z',
    });
    expect(invoices[0]?.lines.map((line) => [line.description, line.amount])).toEqual([
      ['Seats × 3 (anteilig)', '11.61'],
    ]);
    f.clock.set('2026-04-10T00:00:00Z');
    const { subscription: changed } = await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.seat.id, quantity: '5' }, { priceId: f.prices.data.id }],
    });
    // 6 days left: 11.61 × 6/15 = 4.644 → 4.64 back (what was charged), 40.00 × 6/31 = 7.741… → 7.74 on.
    expect(changed.pendingLines.map((line) => [line.description, line.amount])).toEqual([
      ['Nicht genutzte Zeit für Seats × 3', '-4.64'],
      ['Restliche Zeit für Seats × 5', '7.74'],
    ]);
    f.clock.set('2026-04-13T00:00:00Z');
    const { subscription: ended } = await f.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: false,
      prorate: true,
    });
    // Ended with 3 of those 6 days left: each pending line is taken back by half.
    expect(ended.pendingLines.slice(2).map((line) => [line.description, line.amount])).toEqual([
      ['Storniert: Nicht genutzte Zeit für Seats × 3', '2.32'],
      ['Storniert: Restliche Zeit für Seats × 5', '-3.87'],
    ]);
    await f.run();
    expect((await f.invoices()).at(-1)?.lines.map((line) => line.description)).toEqual([
      'Data transfer (Data)',
      'Nicht genutzte Zeit für Seats × 3',
      'Restliche Zeit für Seats × 5',
      'Storniert: Nicht genutzte Zeit für Seats × 3',
      'Storniert: Restliche Zeit für Seats × 5',
    ]);
  });

  it('takes a host’s own language from the engine configuration', async () => {
    const billing = createBilling({
      storage: new MemoryStorage(),
      clock: createTestClock('2026-04-01T00:00:00Z'),
      config: { lineTexts: { fr: { prorated: '{item} (au prorata)' } } },
    });
    const product = await billing.catalog.products.create({ name: 'Fibre', billingCode: 'FIBRE', category: 'net' });
    const price = await billing.catalog.prices.create({
      productId: product.id,
      interval: 'month',
      spec: { model: 'flat', currency: 'EUR', amount: '30.00' },
    });
    const client = await billing.customers.create({
      name: 'Client',
      email: 'c@example.fr',
      currency: 'EUR',
      locale: 'fr-FR',
    });
    const { invoices } = await billing.subscriptions.create({
      customerId: client.id,
      items: [{ priceId: price.id }],
      anchor: '2026-04-16T00:00:00Z',
    });
    // 30.00 × 15/31 = 14.516… → 14.52.
    expect(invoices[0]?.lines.map((line) => [line.description, line.amount])).toEqual([
      ['Fibre (au prorata)', '14.52'],
    ]);
  });
});
