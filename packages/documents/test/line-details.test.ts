import { describe, expect, it } from 'vitest';
import { renderInvoice } from '../src/index';
import { engineWorld, GERMAN_SELLER, germanIsp } from './engine-invoices';

/** German money puts a no-break space before the sign. */
const nb = (text: string) => text.replace(/ €/g, '\u00a0€');

describe('graduated usage lines and the service period of engine-made invoices', () => {
  it('print each tier of a graduated line: its units × unit price and its range, in the reader’s language', async () => {
    const { cycle } = await germanIsp();
    const data = cycle.lines.find((line) => line.billingCode === 'DATA');
    // 25 GB: 10 free, 15 at 0.50 = 7.50.
    expect(data?.tiers).toEqual([
      { from: '0', upTo: '10', quantity: '10', unitAmount: '0', amount: '0.00' },
      { from: '10', quantity: '15', unitAmount: '0.50', amount: '7.50' },
    ]);
    const html = (await renderInvoice(cycle, { format: 'html', seller: GERMAN_SELLER })).body;
    expect(html).toContain(nb('<span class="sub">10 × 0,00 € (bis 10)</span>'));
    expect(html).toContain(nb('<span class="sub">15 × 0,50 € (über 10)</span>'));
    const english = (await renderInvoice(cycle, { format: 'html', seller: GERMAN_SELLER, locale: 'en-GB' })).body;
    expect(english).toContain('<span class="sub">15 × €0.50 (above 10)</span>');
    const csv = (await renderInvoice(cycle, { format: 'csv', seller: GERMAN_SELLER })).body;
    const tiers = csv.split('\r\n').filter((row) => row.startsWith('tier,'));
    expect(tiers.map((row) => row.split(','))).toEqual([
      expect.arrayContaining(['tier', '4', '10', '0', '0.00']),
      expect.arrayContaining(['tier', '4', '15', '0.50', '7.50']),
    ]);
    const pdf = await renderInvoice(cycle, { format: 'pdf', seller: GERMAN_SELLER });
    expect(pdf.body.byteLength).toBeGreaterThan(1000);
  });

  it('states the period its lines cover: January for an invoice of January’s usage made on 1 February', async () => {
    const world = engineWorld();
    world.clock.set('2026-01-01T00:00:00Z');
    const { catalog, subscriptions, usage } = world.billing;
    const product = await catalog.products.create({ name: 'API', billingCode: 'API', category: 'usage' });
    const meter = await catalog.meters.create({ name: 'API', eventName: 'call', aggregation: 'count' });
    const price = await catalog.prices.create({
      productId: product.id,
      interval: 'month',
      timing: 'in_arrears',
      meterId: meter.id,
      spec: { model: 'per_unit', currency: 'EUR', unitAmount: '0.10' },
    });
    const customerId = await world.customer({ timeZone: 'UTC', locale: 'en-GB' });
    const { subscription } = await subscriptions.create({ customerId, items: [{ priceId: price.id }] });
    await usage.ingest([{ id: 'c1', customerId, eventName: 'call', timestamp: '2026-01-15T00:00:00Z' }]);
    world.clock.set('2026-02-01T00:00:00Z');
    await world.billing.runCycle();
    const invoice = (await world.billing.invoices.list({ subscriptionId: subscription.id })).items[0];
    // The engine keeps the boundary's period [1 Feb, 1 Mar); its only line is January's usage, named once.
    expect([invoice?.periodStart, invoice?.periodEnd]).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    expect(invoice?.lines.map((line) => [line.description, line.periodStart, line.amount])).toEqual([
      ['API', '2026-01-01T00:00:00.000Z', '0.10'],
    ]);
    const html = (
      await renderInvoice(invoice as NonNullable<typeof invoice>, { format: 'html', seller: GERMAN_SELLER })
    ).body;
    expect(html).toContain('<dt>Service period</dt><dd>1 January 2026 – 31 January 2026</dd>');
  });
});
