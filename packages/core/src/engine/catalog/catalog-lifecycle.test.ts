import { describe, expect, it } from 'vitest';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';

describe('archiving prices and products', () => {
  it('stops new subscriptions, changes and invoice lines on them; subscriptions on them go on', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { catalog } = f.billing;
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.plus.id }],
    });
    const archived = await catalog.products.archive('prod_plus');
    expect(archived.active).toBe(false);
    expect((await catalog.prices.get(f.prices.plus.id)).active).toBe(true);
    const refused = await rejection(
      f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.plus.id }] }),
    );
    expect([refused.code, refused.path]).toEqual(['invalid_input', ['input', 'items', 0, 'priceId']]);
    expect(refused.message).toContain('product prod_plus of price price_plus is archived');
    const oneOff = await rejection(
      f.billing.invoices.createOneOff({
        customerId: f.customer.id,
        lines: [{ description: 'x', priceId: f.prices.plus.id }],
      }),
    );
    expect([oneOff.code, oneOff.path]).toEqual(['invalid_input', ['input', 'lines', 0, 'priceId']]);
    // The subscription keeps its archived price, also through a change that adds another.
    f.clock.set('2026-01-16T00:00:00Z');
    await f.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: f.prices.plus.id }, { priceId: f.prices.basic.id }],
      prorate: 'none',
    });
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    expect((await f.invoices())[1]?.lines.map((line) => [line.description, line.amount])).toEqual([
      ['Plus', '25.00'],
      ['Basic', '10.00'],
    ]);
    // A price archived alone, and restored.
    await catalog.products.unarchive('prod_plus');
    await catalog.prices.archive(f.prices.plus.id);
    const price = await rejection(
      f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.plus.id }] }),
    );
    expect(price.message).toContain('price price_plus is archived');
    await catalog.prices.unarchive(f.prices.plus.id);
    await f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.plus.id }] });
    const unknown = await rejection(catalog.prices.archive('price_nope'));
    expect([unknown.code, unknown.path]).toEqual(['not_found', ['priceId']]);
  });
});

describe('prices in several currencies', () => {
  it('charge a subscription in its currency’s option; a currency the price lacks is refused', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { catalog } = f.billing;
    const price = await catalog.prices.create({
      id: 'price_team',
      productId: 'prod_seat',
      interval: 'month',
      spec: { model: 'per_unit', currency: 'EUR', unitAmount: '8.00' },
      currencyOptions: [
        { model: 'per_unit', currency: 'CHF', unitAmount: '7.50' },
        { model: 'per_unit', currency: 'USD', unitAmount: '9.00' },
      ],
    });
    const mwst = await catalog.taxRates.create({ name: 'MWST', percentage: '8.1', inclusive: false });
    const zurich = await f.billing.customers.create({
      name: 'Zürcher AG',
      email: 'zh@example.ch',
      currency: 'CHF',
      taxRateIds: [mwst.id],
    });
    const { invoices } = await f.subscriptions.create({
      customerId: zurich.id,
      items: [{ priceId: price.id, quantity: '4' }],
    });
    // 4 × 7.50 CHF = 30.00 + 8.1 % = 2.43: 32.43 CHF.
    expect(invoices[0]?.lines.map((line) => [line.quantity, line.unitAmount, line.amount])).toEqual([
      ['4', '7.50', '30.00'],
    ]);
    expect([invoices[0]?.currency, invoices[0]?.total]).toEqual(['CHF', '32.43']);
    const london = await f.billing.customers.create({
      name: 'London Ltd',
      email: 'ldn@example.co.uk',
      currency: 'GBP',
    });
    const gbp = await rejection(f.subscriptions.create({ customerId: london.id, items: [{ priceId: price.id }] }));
    expect([gbp.code, gbp.path]).toEqual(['currency_mismatch', ['input', 'items', 0, 'priceId']]);
    expect(gbp.message).toContain('EUR, CHF, USD');
  });

  it('must share the spec’s model and name each currency once', async () => {
    const f = await createCycleFixture();
    const attempt = async (currencyOptions: unknown[]) => {
      const error = await rejection(
        f.billing.catalog.prices.create({
          productId: 'prod_pro',
          interval: 'month',
          spec: { model: 'flat', currency: 'EUR', amount: '29.00' },
          currencyOptions: currencyOptions as never,
        }),
      );
      return [error.code, error.path];
    };
    expect(await attempt([{ model: 'per_unit', currency: 'CHF', unitAmount: '1.00' }])).toEqual([
      'invalid_input',
      ['input', 'currencyOptions', 0, 'model'],
    ]);
    expect(
      await attempt([
        { model: 'flat', currency: 'CHF', amount: '27.00' },
        { model: 'flat', currency: 'CHF', amount: '28.00' },
      ]),
    ).toEqual(['invalid_input', ['input', 'currencyOptions', 1, 'currency']]);
    expect(await attempt([{ model: 'flat', currency: 'EUR', amount: '27.00' }])).toEqual([
      'invalid_input',
      ['input', 'currencyOptions', 0, 'currency'],
    ]);
  });
});
