import type { CatalogPrice, Coupon, TaxRate } from '@billfold/core';
import { expect, it } from 'vitest';
import { migrate, migrations } from '../src/index';
import { describeBackends, dropSchema } from './support/backends';
import { migratedBefore, writeBefore } from './support/migrated-before';
import { customer, product, subscription } from './support/records';

/*
 * Migration 5 on a schema that holds catalog rows and subscriptions written before it (by the SQL of versions 3
 * and 4): they read back as they were, without the new fields, and the new fields are stored from then on.
 */

describeBackends('migration 5 (catalog and subscription lifecycle)', (backend) => {
  it('keeps the catalog and subscriptions written before it, and stores the new fields after it', async () => {
    const { storage, index } = await migratedBefore(backend, 'catalog-and-subscription-lifecycle');
    try {
      // Rows as the SQL before it wrote them: the columns of their fields, nothing in the new ones.
      const plan = product({ name: 'Fibre', description: 'Fibre to the home' });
      const price: CatalogPrice = {
        id: 'price_old',
        productId: plan.id,
        spec: { model: 'flat', currency: 'EUR', amount: '39.00' },
        interval: 'month',
        intervalCount: 1,
        timing: 'in_advance',
        active: true,
        metadata: {},
      };
      const coupon: Coupon = { id: 'coupon_old', name: 'Old', percentOff: '10', duration: 'forever' };
      const rate: TaxRate = { id: 'txr_old', name: 'VAT', percentage: '19', inclusive: false };
      const ada = customer();
      const running = subscription({ customerId: ada.id });
      for (const [table, record] of [
        ['customers', ada],
        ['products', plan],
        ['prices', price],
        ['coupons', coupon],
        ['tax_rates', rate],
        ['subscriptions', running],
      ] as const) {
        await writeBefore(storage, table, record);
      }

      expect(await migrate(storage.client, { schema: storage.schema as string })).toEqual({
        applied: migrations.slice(index).map((m) => m.version),
      });
      expect(await storage.products.get(plan.id)).toStrictEqual(plan);
      expect(await storage.prices.get(price.id)).toStrictEqual(price);
      expect(await storage.coupons.get(coupon.id)).toStrictEqual(coupon);
      expect(await storage.taxRates.get(rate.id)).toStrictEqual(rate);
      expect(await storage.subscriptions.get(running.id)).toStrictEqual(running);

      // From then on the new fields are kept.
      await storage.prices.setActive(price.id, false);
      expect(await storage.prices.get(price.id)).toStrictEqual({ ...price, active: false });
      const paused = {
        ...running,
        status: 'paused' as const,
        pause: { behavior: 'keep_schedule' as const, pausedAt: '2026-01-20T00:00:00.000Z' },
        version: running.version + 1,
      };
      await storage.subscriptions.update(paused);
      expect(await storage.subscriptions.get(running.id)).toStrictEqual(paused);
    } finally {
      await dropSchema(storage);
    }
  });
});
