import type { StorageSession } from '@billfold/core';
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

  activeFlagCases(
    kit,
    'product',
    (session) => session.products,
    (storage) => insertProduct(storage, { description: 'Fibre 100', taxCode: 'standard' }),
  );

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

  activeFlagCases(
    kit,
    'price',
    (session) => session.prices,
    async (storage) => {
      const price = await priceKind.build(storage, {
        currencyOptions: [{ model: 'flat', currency: 'CHF', amount: '9.50' }],
      });
      await storage.prices.insert(price);
      return price;
    },
  );
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

  it('keeps a rate’s tax code, country and region exactly', async () => {
    const storage = kit.storage();
    const reduced = makeTaxRate({ name: 'USt. 7 %', percentage: '7', taxCode: 'reduced', country: 'DE' });
    const city = makeTaxRate({
      name: 'Los Angeles',
      percentage: '2.25',
      taxType: 'sales_tax',
      taxCode: 'general',
      country: 'US',
      region: 'CA',
    });
    await storage.taxRates.insert(reduced);
    await storage.taxRates.insert(city);
    expect(await storage.taxRates.get(reduced.id)).toStrictEqual(reduced);
    expect((await storage.taxRates.list({ limit: 1000 })).items).toContainEqual(city);
  });
}

/** A repository of records that can be archived. */
interface ActiveFlagRepository<T> {
  get(id: string): Promise<T | undefined>;
  setActive(id: string, active: boolean): Promise<void>;
}

/**
 * `setActive` of products or prices: archives and restores the record changing nothing else, refuses an unknown
 * id with `not_found`, and rolls back with its transaction.
 */
function activeFlagCases<T extends { readonly id: string; readonly active: boolean }>(
  kit: KitContext,
  entity: string,
  repositoryOf: (session: StorageSession) => ActiveFlagRepository<T>,
  store: (storage: StorageSession) => Promise<T>,
): void {
  it(`setActive archives and restores a ${entity}, changing nothing else`, async () => {
    const storage = kit.storage();
    const record = await store(storage);
    const repository = repositoryOf(storage);
    await repository.setActive(record.id, false);
    expect(await repository.get(record.id)).toStrictEqual({ ...record, active: false });
    await repository.setActive(record.id, false);
    expect(await repository.get(record.id)).toStrictEqual({ ...record, active: false });
    await repository.setActive(record.id, true);
    expect(await repository.get(record.id)).toStrictEqual(record);
  });

  it(`setActive of an unknown ${entity} throws not_found`, async () => {
    await expectBillingError(repositoryOf(kit.storage()).setActive('kit_no_such_record', false), 'not_found');
  });

  it(`setActive of a ${entity} rolls back with its transaction`, async () => {
    const storage = kit.storage();
    const record = await store(storage);
    const boom = new Error('boom');
    await expect(
      storage.transaction(async (session) => {
        await repositoryOf(session).setActive(record.id, false);
        expect((await repositoryOf(session).get(record.id))?.active).toBe(false);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await repositoryOf(storage).get(record.id)).toStrictEqual(record);
  });
}
