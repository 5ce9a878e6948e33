import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import type { StorageSession } from '../../storage/storage-adapter';
import { type RecordedCall, recordedStorage } from '../recorded-storage';
import { type CycleFixture, createCycleFixture } from '../run-cycle/cycle-fixture';

/*
 * Rule L1: every operation that decides a money movement takes its customer's ledger lock inside its
 * transaction before the reads it decides on. Each operation runs here over a storage that records its calls:
 * before `locks.customers`, the operation's transaction may only have looked up whose record it acts on.
 */

interface Prepared {
  readonly f: CycleFixture;
  readonly invoice: Invoice;
  readonly draft: Invoice;
  readonly subscription: Subscription;
  readonly paymentId: string;
}

async function prepare(calls: RecordedCall[], change?: (session: StorageSession) => StorageSession): Promise<Prepared> {
  const f = await createCycleFixture({
    start: '2026-01-10T00:00:00Z',
    wrap: (memory) => recordedStorage(memory, calls, change),
  });
  const customerId = f.customer.id;
  const { subscription } = await f.subscriptions.create({ customerId, items: [{ priceId: f.prices.basic.id }] });
  const invoice = await f.billing.invoices.createOneOff({
    customerId,
    lines: [{ description: 'Setup', amount: '50.00' }],
    autoFinalize: true,
  });
  const draft = await f.billing.invoices.createOneOff({
    customerId,
    lines: [{ description: 'Later', amount: '5.00' }],
  });
  const payment = await f.billing.payments.record({
    customerId,
    amount: '20.00',
    currency: 'EUR',
    method: 'cash',
    allocations: [{ invoiceId: invoice.id, amount: '20.00' }],
  });
  calls.length = 0;
  return { f, invoice, draft, subscription, paymentId: payment.id };
}

/** Each money movement, and what its transaction may read before the lock: whose record it acts on. */
const movements: [string, string[], (p: Prepared) => Promise<unknown>][] = [
  [
    'payments.record',
    [],
    ({ f }) =>
      f.billing.payments.record({ customerId: f.customer.id, amount: '5.00', currency: 'EUR', method: 'cash' }),
  ],
  ['payments.refund', ['payments.get'], ({ f, paymentId }) => f.billing.payments.refund({ paymentId, amount: '5.00' })],
  [
    'creditNotes.create',
    ['invoices.get'],
    ({ f, invoice }) => f.billing.creditNotes.create({ invoiceId: invoice.id, amount: '5.00', reason: 'other' }),
  ],
  [
    'invoices.createOneOff',
    [],
    ({ f }) =>
      f.billing.invoices.createOneOff({
        customerId: f.customer.id,
        lines: [{ description: 'Extra', amount: '1.00' }],
        autoFinalize: true,
      }),
  ],
  ['invoices.finalize', ['invoices.get'], ({ f, draft }) => f.billing.invoices.finalize(draft.id)],
  [
    'invoices.markUncollectible',
    ['invoices.get'],
    ({ f, invoice }) => f.billing.invoices.markUncollectible(invoice.id),
  ],
  [
    'invoices.void',
    ['invoices.get'],
    async ({ f, draft }) => {
      const open = await f.billing.invoices.finalize(draft.id);
      return f.billing.invoices.void(open.id);
    },
  ],
  [
    'subscriptions.create',
    [],
    ({ f }) => f.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.prices.plus.id }] }),
  ],
  [
    'subscriptions.change',
    ['subscriptions.get'],
    ({ f, subscription }) =>
      f.subscriptions.change({
        subscriptionId: subscription.id,
        items: [{ priceId: f.prices.pro.id }],
        prorate: 'immediate',
      }),
  ],
  [
    'subscriptions.cancel',
    ['subscriptions.get'],
    ({ f, subscription }) =>
      f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false, prorate: true }),
  ],
  [
    'subscriptions.pause',
    ['subscriptions.get'],
    ({ f, subscription }) => f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' }),
  ],
  [
    'subscriptions.resume',
    ['subscriptions.get'],
    async ({ f, subscription }) => {
      await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'keep_schedule' });
      return f.subscriptions.resume({ subscriptionId: subscription.id });
    },
  ],
  [
    'subscriptions.scheduleChange',
    ['subscriptions.get'],
    ({ f, subscription }) =>
      f.subscriptions.scheduleChange({ subscriptionId: subscription.id, items: [{ priceId: f.prices.pro.id }] }),
  ],
  [
    'subscriptions.unscheduleChange',
    ['subscriptions.get'],
    async ({ f, subscription }) => {
      const { change } = await f.subscriptions.scheduleChange({ subscriptionId: subscription.id, cancel: true });
      return f.subscriptions.unscheduleChange({ subscriptionId: subscription.id, changeId: change.id });
    },
  ],
  [
    'subscriptions.addPendingItem',
    ['subscriptions.get'],
    ({ f, subscription }) =>
      f.subscriptions.addPendingItem({ subscriptionId: subscription.id, description: 'Visit', amount: '60.00' }),
  ],
  [
    'subscriptions.removePendingItem',
    ['subscriptions.get'],
    async ({ f, subscription }) => {
      const { item } = await f.subscriptions.addPendingItem({
        subscriptionId: subscription.id,
        description: 'Visit',
        amount: '60.00',
      });
      return f.subscriptions.removePendingItem({ subscriptionId: subscription.id, itemId: item.id as string });
    },
  ],
  [
    'subscriptions.applyCoupon',
    ['subscriptions.get'],
    async ({ f, subscription }) => {
      const coupon = await f.billing.catalog.coupons.create({ name: '10 %', percentOff: '10', duration: 'once' });
      return f.subscriptions.applyCoupon({ subscriptionId: subscription.id, couponId: coupon.id });
    },
  ],
];

describe('the ledger lock (rule L1)', () => {
  it.each(movements)(
    '%s takes the customer’s ledger lock before the reads it decides on',
    async (_name, before, move) => {
      const calls: RecordedCall[] = [];
      const prepared = await prepare(calls);
      await move(prepared);
      const last = Math.max(...calls.map((c) => c.transaction));
      const mine = calls.filter((c) => c.transaction === last).map((c) => c.call);
      const lockAt = mine.indexOf('locks.customers');
      expect(lockAt, mine.join(', ')).toBeGreaterThanOrEqual(0);
      expect(mine.slice(0, lockAt), 'reads before the lock').toEqual(before);
      const lock = calls.find((c) => c.transaction === last && c.call === 'locks.customers');
      expect(lock?.args).toEqual([[prepared.f.customer.id]]);
      expect(mine.indexOf('locks.customers', lockAt + 1), 'locked once').toBe(-1);
      if (before.includes('subscriptions.get')) {
        // Then the subscription row, for the update (rule L5: customer first).
        expect(mine[lockAt + 1]).toBe('subscriptions.lock');
        expect(calls.find((c) => c.transaction === last && c.call === 'subscriptions.lock')?.args).toEqual([
          [prepared.subscription.id],
          'update',
        ]);
      }
    },
  );

  /** The session of an adapter written before `subscriptions.lockForUsage`: it has `lock` only. */
  const withoutLockForUsage = (session: StorageSession): StorageSession => {
    const { lockForUsage: _absent, ...subscriptions } = session.subscriptions;
    return { ...session, subscriptions };
  };

  it.each([
    ['subscriptions.lockForUsage (one statement for the whole batch)', undefined],
    ['subscriptions.lock, on an adapter without lockForUsage', withoutLockForUsage],
  ] as const)(
    'usage ingestion locks the subscriptions it may bill into (share, ascending) before it decides, in the transaction that stores the events: %s',
    async (_name, change) => {
      const calls: RecordedCall[] = [];
      const { f } = await prepare(calls, change);
      const other = await f.addCustomer('cus_other');
      const metered = [];
      for (const customerId of [other.id, f.customer.id]) {
        const { subscription } = await f.subscriptions.create({ customerId, items: [{ priceId: f.prices.data.id }] });
        metered.push(subscription.id);
      }
      calls.length = 0;
      const event = (id: string, customerId: string) => ({
        id,
        customerId,
        eventName: 'data',
        timestamp: '2026-01-20T00:00:00Z',
        properties: { gb: '1' },
      });
      await f.usage.ingest([event('evt_2', f.customer.id), event('evt_1', other.id), event('evt_1', f.customer.id)]);
      const mine = calls.map((c) => c.call);
      expect(new Set(calls.map((c) => c.transaction)).size, 'one transaction').toBe(1);
      const lockAt = mine.findIndex((call) => call === 'subscriptions.lockForUsage' || call === 'subscriptions.lock');
      expect(lockAt).toBeGreaterThan(-1);
      expect(mine.indexOf('usage.insertMany')).toBeGreaterThan(lockAt);
      expect(
        mine.filter((call) => call.startsWith('subscriptions.lock')),
        'one lock call',
      ).toHaveLength(1);
      expect(
        mine.slice(0, lockAt).filter((call) => call !== 'subscriptions.list'),
        'no read before the lock',
      ).toEqual([]);
      const lock = calls[lockAt] as RecordedCall;
      if (lock.call === 'subscriptions.lockForUsage') {
        const [match] = lock.args as [{ ids: string[]; customerIds: string[] }];
        expect({ ids: match.ids, customerIds: [...match.customerIds].sort() }).toEqual({
          ids: [],
          customerIds: [f.customer.id, other.id].sort(),
        });
      } else {
        const [ids, mode] = lock.args as [string[], string];
        expect(mode).toBe('share');
        expect(ids).toEqual([...ids].sort());
        for (const id of metered) expect(ids).toContain(id);
      }
      // The events are stored in key order (customer, then id), so two batches sharing keys take their key locks in
      // the same order.
      const insert = calls.find((c) => c.call === 'usage.insertMany') as RecordedCall;
      expect((insert.args[0] as { customerId: string; id: string }[]).map((e) => [e.customerId, e.id])).toEqual([
        [f.customer.id, 'evt_1'],
        [f.customer.id, 'evt_2'],
        [other.id, 'evt_1'],
      ]);
    },
  );
});
