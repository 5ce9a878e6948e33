import { listAll } from '@billfold/core';
import { expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { describeServer, sharedPool } from './support/backends';
import { releaseInOrder } from './support/ledger-workers';
import { type Call, raceHarness } from './support/race-harness';

/*
 * `retention.purge()` from three OS processes at once on a real PostgreSQL server (see ledger-races.test.ts for how
 * workers pause and are let go): every erased customer is purged once, every expired idempotency record deleted
 * once, nothing is left half purged, and no run fails.
 */

const { seeded, race } = raceHarness();

/** Just after the end of the ten years' retention of the invoices issued when the race schema is seeded. */
const RETENTION_ENDED = '2036-01-10T09:00:00.001Z';

const count = async (storage: PostgresStorage, sql: string) =>
  (await storage.client.query<{ n: number }>(sql.replaceAll('$schema', `"${storage.schema}"`)))[0]?.n;

describeServer('retention.purge from several OS processes at once (PostgreSQL)', () => {
  it('purges each customer and each expired record exactly once, however the runs interleave', async () => {
    const { storage, billing } = await seeded();
    // 5 idempotency records that name no customer (tax rates), which only the TTL removes
    for (const rate of ['5', '7', '10', '16', '20']) {
      await billing.catalog.taxRates.create({
        name: `Sales tax ${rate}%`,
        percentage: rate,
        inclusive: false,
        idempotencyKey: `tax-${rate}`,
      });
    }
    // 6 erased customers with one invoice each (issued 2026-01-10): retention until 2036-01-10
    const customers = [];
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
        '2036-01-10T09:00:00.000Z',
      );
      customers.push(customer);
    }
    const expiredRecords = await count(storage, 'SELECT count(*)::int AS n FROM $schema.idempotency_records');
    expect(expiredRecords).toBeGreaterThanOrEqual(5);
    // Each run pauses once it has purged its first customer, holding that customer's ledger lock: the others find
    // it held and wait, then read it again and leave it alone.
    const purge: Call = {
      call: 'retention.purge',
      arg: { batchSize: 2 },
      now: RETENTION_ENDED,
      pause: { call: 'privacy.purgeRetained', when: 'after' },
    };
    const started = await race(storage, { a: purge, b: purge, c: purge });
    const outcomes = await releaseInOrder(sharedPool(), Object.values(started));
    const runs = outcomes.map((outcome) => {
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      return (outcome.ok ? outcome.result : {}) as Record<string, number>;
    });
    const total = (key: string) => runs.reduce((sum, run) => sum + (run[key] ?? 0), 0);
    expect({
      customersPurged: total('customersPurged'),
      invoicesRedacted: total('invoicesRedacted'),
      idempotencyRecords: total('idempotencyRecords'),
      customersWaiting: total('customersWaiting'),
    }).toEqual({ customersPurged: 6, invoicesRedacted: 6, idempotencyRecords: expiredRecords, customersWaiting: 0 });
    // Nothing half purged: every customer marked purged, every one of their invoices without their identity.
    for (const { id } of customers) {
      const stored = await storage.customers.get(id);
      expect(stored?.erasure?.purgedAt, id).toBe(RETENTION_ENDED);
      const invoices = await listAll((page) => storage.invoices.list({ customerId: id, ...page }));
      const snapshots = invoices.map((invoice) => invoice.customerSnapshot);
      expect(
        snapshots.map((s) => [s?.name, s?.email, s?.address]),
        id,
      ).toEqual([['Erased customer', '', undefined]]);
    }
    expect(
      await count(
        storage,
        `SELECT count(*)::int AS n FROM $schema.invoices WHERE customer_snapshot->>'name' <> 'Erased customer'`,
      ),
    ).toBe(0);
  });
});
