import { describe, expect, it } from 'vitest';
import type { StorageSession } from '../../storage/storage-adapter';
import { type RecordedCall, recordedStorage } from '../recorded-storage';
import { createCollectionsFixture } from './collections-fixture';
import type { CollectionsRunProgress } from './run-collections';

/*
 * The ledger rules for collections. A batch claims invoices (skip-locked), then takes their customers' ledger locks
 * with skipLocked (rule L2: a run never waits while it holds claimed rows), then locks the subscriptions dunning may
 * move before it reserves any invoice number (L5: customers → subscription rows → invoices and numbers). An invoice
 * whose customer another writer holds is claimed past and collected at the end of the run, one by one, waiting for
 * its customer (L1). Waiving a fee decides on the fee read under the customer's lock.
 */

const HELD = 'cus_02';

async function collectWithHeldCustomer() {
  const calls: RecordedCall[] = [];
  const heldByAnother = (session: StorageSession): StorageSession => ({
    ...session,
    locks: {
      customers: async (ids, options) => {
        const locked = await session.locks.customers(ids, options);
        return options?.skipLocked ? locked.filter((id) => id !== HELD) : locked;
      },
    },
  });
  const f = await createCollectionsFixture({ wrap: (memory) => recordedStorage(memory, calls, heldByAnother) });
  const invoiceOf = new Map<string, string>();
  for (let i = 0; i < 5; i++) {
    const customer = await f.billing.customers.create({
      id: `cus_0${i}`,
      name: `Customer ${i}`,
      email: `c${i}@example.com`,
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      taxRateIds: [f.vat.id],
    });
    const { invoices } = await f.billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    invoiceOf.set(customer.id, invoices[0]?.id as string);
  }
  f.clock.set('2026-03-22T07:00:00Z');
  calls.length = 0;
  const progress: CollectionsRunProgress[] = [];
  const summary = await f.billing.collections.run({ batchSize: 2, onBatch: (p) => void progress.push(p) });
  return { f, calls, summary, progress, held: invoiceOf.get(HELD) as string };
}

describe('collections and the ledger locks', () => {
  it('claims past an invoice whose customer another writer holds, collects the others, then it alone, customer first', async () => {
    const { f, calls, summary, progress, held } = await collectWithHeldCustomer();
    // Five invoices, each overdue with reminder 3 and two fees: 25.00, and interest for 6 days at the consumer rate
    // (no tax id: 2.15 + 5 = 7.15 %): 1,000.00 × 7.15 × 6 / 36,500 = 42,900 / 36,500 = 1.1753… → 1.18; no compensation.
    expect(summary).toMatchObject({ invoicesCollected: 5, remindersSent: 5, feesCharged: 10, errors: [] });
    expect(summary.feesByCurrency).toEqual({ EUR: '130.90' }); // 5 × (25.00 + 1.18)
    expect(progress.map((p) => p.batchInvoicesCollected)).toEqual([2, 1, 1, 1]);
    expect((await f.billing.invoices.get(held)).remindersSent).toBe(3);

    const byTransaction = new Map<number, string[]>();
    for (const call of calls)
      byTransaction.set(call.transaction, [...(byTransaction.get(call.transaction) ?? []), call.call]);
    const batches = [...byTransaction.values()].filter((t) => t.includes('invoices.claimCollectible'));
    for (const batch of batches.filter((t) => t.includes('collectionFees.insertMany'))) {
      const lock = batch.indexOf('locks.customers');
      const subscriptions = batch.indexOf('subscriptions.lock');
      expect(lock, batch.join(', ')).toBe(batch.indexOf('invoices.claimCollectible') + 1);
      // Subscription rows before numbers (reserveNumbers comes with the fee invoices).
      expect(subscriptions).toBeGreaterThan(lock);
      expect(batch.indexOf('invoices.reserveNumbers')).toBeGreaterThan(subscriptions);
    }
    const skipLocked = calls.filter(
      (c) => c.call === 'locks.customers' && (c.args[1] as { skipLocked?: boolean })?.skipLocked,
    );
    // Four claims: three batches that locked customers, and the last one that found only the held invoice.
    expect([batches.length, skipLocked.length]).toEqual([4, 3]);
    // The held customer's invoice: alone, after the batches, its customer locked (waiting) before the deciding read.
    const alone = [...byTransaction.values()].filter((t) => t[0] === 'invoices.get');
    expect(alone).toHaveLength(1);
    expect(alone[0]?.slice(0, 3)).toEqual(['invoices.get', 'locks.customers', 'invoices.get']);
    expect([...byTransaction.values()].indexOf(alone[0] as string[])).toBeGreaterThan(
      [...byTransaction.values()].indexOf(batches.at(-1) as string[]),
    );
    const waited = calls.find(
      (c) => c.call === 'locks.customers' && (c.args[0] as string[])[0] === HELD && c.args[1] === undefined,
    );
    expect(waited).toBeDefined();
  });

  it('waiving a fee reads the fee, locks its customer, and decides on a fresh read', async () => {
    const calls: RecordedCall[] = [];
    const f = await createCollectionsFixture({ wrap: (memory) => recordedStorage(memory, calls) });
    await f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
    f.clock.set('2026-03-22T07:00:00Z');
    await f.billing.collections.run();
    const fee = (await f.billing.collections.listFees()).items[0];
    calls.length = 0;
    await f.billing.collections.waiveFee({ feeId: fee?.id as string });
    const mine = calls.map((c) => c.call);
    expect(mine.slice(0, 3)).toEqual(['collectionFees.get', 'locks.customers', 'collectionFees.get']);
  });
});
