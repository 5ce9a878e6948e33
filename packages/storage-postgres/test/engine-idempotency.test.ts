import { createBilling, createTestClock, type Invoice, listAll, money } from '@billfold/core';
import { expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type Backend, describeBackends, dropSchema, newPool, sharedPGlite } from './support/backends';
import { expectCleanRun, expectGaplessNumbers } from './support/engine-expect';
import { RUN_NOW, runner, seedScenario, tableDump } from './support/engine-scenario';
import { expectBillingError } from './support/expect-billing-error';

/*
 * Replays through the engine on SQL storage: a billing run for an instant already billed, a usage batch sent
 * again (also by two engines at once), a payment recorded again under its idempotency key (also at once).
 * A replay must change no table at all.
 */

const SCENARIO = { adapterSubscriptions: 20, engineGroups: 1 } as const;

/** What identifies a usage event: its customer and id. */
const eventKey = (event: { customerId: string; id: string }) => ({ customerId: event.customerId, id: event.id });

/** A second storage over the same schema as `base`, on its own connection pool where there is a server. */
async function secondStorage(
  backend: Backend,
  base: PostgresStorage,
): Promise<{ storage: PostgresStorage; end(): Promise<void> }> {
  const schema = base.schema as string;
  if (backend.name === 'pglite') {
    return {
      storage: await createPostgresStorage({ pglite: await sharedPGlite(), schema, migrate: false }),
      end: async () => {},
    };
  }
  const pool = newPool(3);
  return { storage: await createPostgresStorage({ pool, schema, migrate: false }), end: () => pool.end() };
}

describeBackends('replays through the engine', (backend) => {
  it('a second runCycle for the same instant creates nothing and changes no table', async () => {
    const storage = await backend.storage();
    const other = await secondStorage(backend, storage);
    try {
      await seedScenario(storage, SCENARIO);
      const billing = runner(storage);
      const first = await billing.runCycle({ now: RUN_NOW });
      expectCleanRun(first);
      expect(first.invoicesCreated).toBeGreaterThan(20);
      const billed = await tableDump(storage);
      // The same engine, a fresh one, and one over another connection (pool): nothing is due any more.
      for (const again of [billing, runner(storage), runner(other.storage)]) {
        const summary = await again.runCycle({ now: RUN_NOW });
        expect([summary.invoicesCreated, summary.subscriptionsBilled, summary.batches]).toEqual([0, 0, 0]);
      }
      // An earlier instant is billed already too.
      expect((await billing.runCycle({ now: '2026-02-01T00:00:00.000Z' })).invoicesCreated).toBe(0);
      expect(await tableDump(storage)).toEqual(billed);
    } finally {
      await dropSchema(storage);
      await other.end();
    }
  });

  it('a replayed usage batch stores nothing, even sent by two engines at once, and is billed once', async () => {
    const storage = await backend.storage();
    const other = await secondStorage(backend, storage);
    try {
      const { meteredCustomerIds, meteredSubscriptionIds } = await seedScenario(storage, SCENARIO);
      const customerId = meteredCustomerIds[0] as string;
      const subscriptionId = meteredSubscriptionIds[0] as string;
      const batch = Array.from({ length: 8 }, (_, k) => ({
        id: `evt_replay_${k}`,
        customerId,
        subscriptionId,
        eventName: 'data',
        timestamp: `2026-01-${String(20 + k).padStart(2, '0')}T08:00:00.000Z`,
        properties: { gb: '0.25' },
      }));
      const billing = runner(storage);
      expect(await billing.usage.ingest(batch)).toEqual({ inserted: 8, duplicates: 0, duplicateEvents: [] });
      const stored = await tableDump(storage);
      const replays = await Promise.all([billing.usage.ingest(batch), runner(other.storage).usage.ingest(batch)]);
      for (const replay of replays) {
        expect(replay).toEqual({ inserted: 0, duplicates: 8, duplicateEvents: batch.map(eventKey) });
      }
      expect(await tableDump(storage)).toEqual(stored);
      // Part replayed, part new: only the new events are stored.
      const extra = {
        ...(batch[0] as (typeof batch)[number]),
        id: 'evt_replay_new',
        timestamp: '2026-02-01T08:00:00.000Z',
      };
      expect(await billing.usage.ingest([...batch.slice(0, 3), extra])).toEqual({
        inserted: 1,
        duplicates: 3,
        duplicateEvents: batch.slice(0, 3).map(eventKey),
      });
      expectCleanRun(await billing.runCycle({ now: RUN_NOW }));
      // The seeded January usage (1.5 + 3 + … + 9 GB = 31.5) plus 9 × 0.25 GB replayed or not: 33.75 GB.
      const invoices = await listAll((page) => storage.invoices.list(page));
      const january = invoices.find(
        (i) => i.subscriptionId === subscriptionId && i.lines.some((line) => line.billingCode === 'DATA'),
      );
      const data = january?.lines.find((line) => line.billingCode === 'DATA');
      expect(data?.quantity).toBe('33.75');
      expect(data?.periodStart?.slice(0, 10)).toBe('2026-01-10');
    } finally {
      await dropSchema(storage);
      await other.end();
    }
  });

  it('a payment recorded twice under one idempotency key, also by two engines at once, is one payment', async () => {
    const storage = await backend.storage();
    const other = await secondStorage(backend, storage);
    try {
      const { meteredCustomerIds } = await seedScenario(storage, SCENARIO);
      const customerId = meteredCustomerIds[0] as string;
      expectCleanRun(await runner(storage).runCycle({ now: RUN_NOW }));
      const open: Invoice[] = (await listAll((page) => storage.invoices.list(page))).filter(
        (i) => i.customerId === customerId && i.status === 'open',
      );
      expect(open.length).toBeGreaterThan(1);
      const owed = open.reduce((sum, i) => sum.add(money(i.amountRemaining, 'EUR')), money('0', 'EUR'));
      // 5.00 more than owed: every open invoice is paid and 5.00 goes to the balance.
      const input = {
        customerId,
        amount: owed.add(money('5', 'EUR')).toString(),
        currency: 'EUR',
        method: 'bank_transfer' as const,
        reference: 'SEPA 4711',
        idempotencyKey: 'payment-4711',
      };
      const engine = runner(storage);
      const otherEngine = runner(other.storage);
      const [a, b] = await Promise.all([engine.payments.record(input), otherEngine.payments.record(input)]);
      expect(b).toEqual(a);
      const paid = await tableDump(storage);
      // Replayed later, by either engine: the same payment back, and no table changes.
      const later = createBilling({ storage, clock: createTestClock('2026-04-01T00:00:00Z') });
      for (const replaying of [engine, otherEngine, later]) expect(await replaying.payments.record(input)).toEqual(a);
      expect(await tableDump(storage)).toEqual(paid);
      // Another request under the same key is refused, and changes nothing either.
      const error = await expectBillingError(engine.payments.record({ ...input, amount: '1.00' }), 'conflict');
      expect((error as { path?: unknown }).path).toEqual(['input', 'idempotencyKey']);
      expect(await tableDump(storage)).toEqual(paid);

      const payments = await listAll((page) => storage.payments.list({ customerId, ...page }));
      expect(payments.map((p) => [p.id, p.amount, p.unapplied])).toEqual([[a.id, input.amount, '5.00']]);
      const invoices = await listAll((page) => storage.invoices.list(page));
      for (const invoice of invoices.filter((i) => open.some((o) => o.id === i.id))) {
        expect([invoice.status, invoice.amountRemaining, invoice.amountPaid]).toEqual([
          'paid',
          '0.00',
          invoice.amountDue,
        ]);
      }
      expect((await engine.balance.get(customerId, 'EUR')).amount).toBe('5.00');
      expectGaplessNumbers(invoices);
    } finally {
      await dropSchema(storage);
      await other.end();
    }
  });
});
