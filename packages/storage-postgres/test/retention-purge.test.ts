import { createBilling, createTestClock } from '@billfold/core';
import { expect, it } from 'vitest';
import { createPostgresStorage } from '../src/index';
import { describeServer, dropSchema, newPool, postgresBackend } from './support/backends';

/*
 * `retention.purge()` from two processes' worth of connections at once (two pools on one schema): every erased
 * customer is purged once, every expired idempotency record deleted once, and neither run fails.
 */

describeServer('retention.purge from two pools at once', () => {
  it('purges each customer and each expired record exactly once, however the runs interleave', async () => {
    const first = await postgresBackend.storage();
    const pool = newPool(5);
    const second = await createPostgresStorage({ pool, schema: first.schema as string, migrate: false });
    try {
      const clock = createTestClock('2026-03-01T09:00:00Z');
      const billing = createBilling({ storage: first, clock });
      // 5 idempotency records that name no customer (tax rates), which only the TTL removes
      for (const rate of ['5', '7', '10', '16', '19']) {
        await billing.catalog.taxRates.create({
          name: `VAT ${rate}%`,
          percentage: rate,
          inclusive: false,
          idempotencyKey: `vat-${rate}`,
        });
      }
      // 6 erased customers with one invoice each (issued 2026-03-01): retention until 2036-03-01
      for (let i = 0; i < 6; i++) {
        const customer = await billing.customers.create({
          name: `Customer ${i}`,
          email: `c${i}@example.com`,
          currency: 'EUR',
          address: { line1: `${i} Long Lane`, city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
        });
        await billing.invoices.createOneOff({
          customerId: customer.id,
          lines: [{ description: 'Setup', amount: '10.00' }],
          autoFinalize: true,
        });
        expect((await billing.customers.erase(customer.id)).customer.erasure?.retainUntil).toBe(
          '2036-03-01T09:00:00.000Z',
        );
      }
      clock.set('2036-03-01T09:00:00.001Z');
      const runs = await Promise.all(
        [first, second].map((storage) => createBilling({ storage, clock }).retention.purge({ batchSize: 2 })),
      );
      const total = (key: keyof (typeof runs)[number]) => runs.reduce((sum, run) => sum + run[key], 0);
      expect(total('customersPurged')).toBe(6);
      expect(total('invoicesRedacted')).toBe(6);
      expect(total('idempotencyRecords')).toBe(5);
      expect(total('customersWaiting')).toBe(0);
      expect(await billing.retention.purge()).toEqual({
        idempotencyRecords: 0,
        invoicesRedacted: 0,
        customersPurged: 0,
        customersWaiting: 0,
      });
      const rows = await first.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${first.schema}".invoices WHERE customer_snapshot->>'name' <> 'Erased customer'`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await second.close();
      await pool.end();
      await dropSchema(first);
    }
  });
});
