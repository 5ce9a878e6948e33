import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import { makeProduct, makeTaxRate } from '../builders/catalog';
import type { KitContext } from '../kit-context';
import { insertProduct } from './parents';
import { recordCases } from './record-cases';
import { couponKind, meterKind, priceKind, productKind, taxRateKind } from './record-kinds';

/** Suite `products`: CRUD, lookup by billing code and its uniqueness. */
export function productsSuite(kit: KitContext): void {
  recordCases(kit, productKind);

  it('getByBillingCode finds the product, and returns undefined for an unknown code', async () => {
    const storage = kit.storage();
    const product = await insertProduct(storage, { billingCode: 'INT-100M' });
    await insertProduct(storage, { billingCode: 'INT-1G' });
    expect(await storage.products.getByBillingCode('INT-100M')).toStrictEqual(product);
    expect(await storage.products.getByBillingCode('INT-10M')).toBeUndefined();
  });

  it('insert of a taken billingCode under a new id throws conflict and stores nothing', async () => {
    const storage = kit.storage();
    const product = await insertProduct(storage, { billingCode: 'SUP-PREM' });
    const clash = makeProduct({ billingCode: 'SUP-PREM', name: 'Clash' });
    await expectBillingError(storage.products.insert(clash), 'conflict');
    expect(await storage.products.get(clash.id)).toBeUndefined();
    expect(await storage.products.getByBillingCode('SUP-PREM')).toStrictEqual(product);
  });
}

/** Suite `prices`: CRUD and the `productId` filter. */
export function pricesSuite(kit: KitContext): void {
  recordCases(kit, priceKind);

  it('list with productId returns only that product’s prices, ascending by id', async () => {
    const storage = kit.storage();
    const a = await insertProduct(storage);
    const b = await insertProduct(storage);
    for (const [id, productId] of [
      ['kit_price_3', a.id],
      ['kit_price_2', b.id],
      ['kit_price_1', a.id],
    ] as const) {
      await storage.prices.insert(await priceKind.build(storage, { id, productId }));
    }
    expect(idsOf(await storage.prices.list({ productId: a.id }))).toEqual(['kit_price_1', 'kit_price_3']);
    expect(idsOf(await storage.prices.list({ productId: b.id }))).toEqual(['kit_price_2']);
    expect(idsOf(await storage.prices.list({}))).toEqual(['kit_price_1', 'kit_price_2', 'kit_price_3']);
  });
}

/** Suite `meters`: CRUD. */
export function metersSuite(kit: KitContext): void {
  recordCases(kit, meterKind);

  it('stores a count meter without a property', async () => {
    const storage = kit.storage();
    const meter = await meterKind.build(storage, { aggregation: 'count', property: undefined });
    delete (meter as { property?: string }).property;
    await storage.meters.insert(meter);
    expect(await storage.meters.get(meter.id)).toStrictEqual(meter);
  });
}

/** Suite `coupons`: CRUD. */
export function couponsSuite(kit: KitContext): void {
  recordCases(kit, couponKind);
}

/** Suite `taxRates`: CRUD. */
export function taxRatesSuite(kit: KitContext): void {
  recordCases(kit, taxRateKind);

  it('keeps a rate’s tax type, VAT category and exemption exactly', async () => {
    const storage = kit.storage();
    const exempt = makeTaxRate({
      name: 'Medical care',
      percentage: '0',
      taxType: 'vat',
      category: 'E',
      exemption: { code: 'VATEX-EU-132-1C', reason: 'Exempt under art. 132(1)(c)' },
    });
    const sales = makeTaxRate({ name: 'NY State', percentage: '4', taxType: 'sales_tax', jurisdiction: 'US-NY' });
    await storage.taxRates.insert(exempt);
    await storage.taxRates.insert(sales);
    expect(await storage.taxRates.get(exempt.id)).toStrictEqual(exempt);
    expect(await storage.taxRates.get(sales.id)).toStrictEqual(sales);
  });
}
