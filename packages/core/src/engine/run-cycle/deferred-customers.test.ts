import { describe, expect, it } from 'vitest';
import type { StorageSession } from '../../storage/storage-adapter';
import { type RecordedCall, recordedStorage } from '../recorded-storage';
import { createCycleFixture } from './cycle-fixture';
import { type RunCycleProgress, runCycle } from './run-cycle';

/*
 * Rule L2: a billing batch takes its customers' ledger locks with skipLocked, never waiting while it holds the
 * subscriptions it claimed. Here another writer holds `cus_03` while the batches run (its skip-locked lock is
 * refused): its subscription is claimed past and billed once the batches are done, customer lock first (a
 * waiting lock: the real writer would be waited for there).
 */

const HELD = 'cus_03';

async function runWithHeldCustomer() {
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
  const f = await createCycleFixture({
    start: '2026-01-01T00:00:00Z',
    wrap: (memory) => recordedStorage(memory, calls, heldByAnother),
  });
  const subscriptionOf = new Map<string, string>();
  for (let i = 0; i < 6; i++) {
    const customer = await f.addCustomer(`cus_0${i}`);
    const { subscription } = await f.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    subscriptionOf.set(customer.id, subscription.id);
  }
  f.clock.set('2026-03-01T00:00:00Z');
  calls.length = 0;
  const progress: RunCycleProgress[] = [];
  const summary = await runCycle(f.billing.context, { batchSize: 2, onBatch: (p) => void progress.push(p) });
  return { f, calls, summary, progress, held: subscriptionOf.get(HELD) as string };
}

describe('a billing run and a customer another writer holds (rule L2)', () => {
  it('claims past the customer’s subscription, bills the others in batches, then bills it alone, customer lock first', async () => {
    const { f, calls, summary, progress, held } = await runWithHeldCustomer();
    // 6 subscriptions × the boundaries of 1 February and 1 March.
    expect(summary).toMatchObject({ invoicesCreated: 12, subscriptionsBilled: 6, errors: [], batches: 4 });
    expect(progress.map((p) => p.batchSubscriptionsBilled)).toEqual([2, 1, 2, 1]);
    const invoices = await f.invoices();
    const ofHeld = invoices.filter((i) => i.subscriptionId === held && i.billingReason === 'subscription_cycle');
    expect(ofHeld.map((i) => i.periodStart)).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);

    const byTransaction = new Map<number, RecordedCall[]>();
    for (const call of calls)
      byTransaction.set(call.transaction, [...(byTransaction.get(call.transaction) ?? []), call]);
    const batches = [...byTransaction.values()].filter((t) => t.some((c) => c.call === 'subscriptions.claimDue'));
    for (const batch of batches) {
      // A batch holds claimed rows: it takes customer locks only without waiting.
      for (const lock of batch.filter((c) => c.call === 'locks.customers')) {
        expect(lock.args[1]).toEqual({ skipLocked: true });
      }
      expect(batch.some((c) => c.call === 'subscriptions.updateMany' && JSON.stringify(c.args).includes(held))).toBe(
        false,
      );
    }
    const last = [...byTransaction.values()].at(-1) as RecordedCall[];
    expect(last.map((c) => c.call).slice(0, 3)).toEqual(['subscriptions.get', 'locks.customers', 'subscriptions.lock']);
    expect(last[1]?.args).toEqual([[HELD]]);
    expect(last[2]?.args).toEqual([[held], 'update']);
  });
});
