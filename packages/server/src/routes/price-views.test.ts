import { createBilling, createTestClock, MemoryStorage } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { priceViews } from './price-views';

/** A fibre plan in EUR with a CHF option, a USD-only plan, and a plan of a product that gets archived. */
async function seedCatalog() {
  const billing = createBilling({ storage: new MemoryStorage(), clock: createTestClock('2026-01-01T00:00:00Z') });
  const product = (id: string, name: string) =>
    billing.catalog.products.create({ id, name, billingCode: id.toUpperCase(), category: 'internet' });
  await product('fibre', 'Glasfaser');
  await product('us', 'Fibre US');
  await product('legacy', 'DSL');
  const price = (id: string, productId: string, spec: { currency: string; amount: string }, chf?: string) =>
    billing.catalog.prices.create({
      id,
      productId,
      spec: { model: 'flat', ...spec },
      interval: 'month',
      ...(chf === undefined ? {} : { currencyOptions: [{ model: 'flat' as const, currency: 'CHF', amount: chf }] }),
    });
  await price('price_fibre', 'fibre', { currency: 'EUR', amount: '39.00' }, '36.00');
  await price('price_fibre_fast', 'fibre', { currency: 'EUR', amount: '59.00' }, '55.00');
  await price('price_us', 'us', { currency: 'USD', amount: '45.00' });
  await price('price_dsl', 'legacy', { currency: 'EUR', amount: '19.00' }, '18.00');
  return billing;
}

const amounts = (views: Awaited<ReturnType<typeof priceViews>>) =>
  views.map((view) => [view.priceId, view.spec.currency, view.spec.model === 'flat' ? view.spec.amount : '']);

describe('priceViews', () => {
  it('shows each price in the subscription’s currency (its own spec or its option) and leaves out prices without it', async () => {
    const billing = await seedCatalog();
    const ids = ['price_fibre', 'price_us', 'price_dsl', 'price_fibre'];
    expect(amounts(await priceViews(billing, ids, 'CHF'))).toEqual([
      ['price_fibre', 'CHF', '36.00'],
      ['price_dsl', 'CHF', '18.00'],
    ]);
    expect(amounts(await priceViews(billing, ids, 'EUR'))).toEqual([
      ['price_fibre', 'EUR', '39.00'],
      ['price_dsl', 'EUR', '19.00'],
    ]);
    expect(amounts(await priceViews(billing, ids, 'USD'))).toEqual([['price_us', 'USD', '45.00']]);
  });

  it('offers no archived price nor a price of an archived product on sale, and still shows them otherwise', async () => {
    const billing = await seedCatalog();
    await billing.catalog.prices.archive('price_fibre_fast');
    await billing.catalog.products.archive('legacy');
    const ids = ['price_fibre', 'price_fibre_fast', 'price_dsl'];
    expect(amounts(await priceViews(billing, ids, 'CHF', { onSale: true }))).toEqual([['price_fibre', 'CHF', '36.00']]);
    // A subscription on an archived price goes on: its own prices are still shown to it.
    expect((await priceViews(billing, ids, 'CHF')).map((view) => view.priceId)).toEqual(ids);
    await billing.catalog.prices.unarchive('price_fibre_fast');
    expect((await priceViews(billing, ids, 'EUR', { onSale: true })).map((view) => view.priceId)).toEqual([
      'price_fibre',
      'price_fibre_fast',
    ]);
  });
});
