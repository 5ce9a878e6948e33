import { describe, expect, it } from 'vitest';
import type { Invoice } from '../domain/invoice';
import type { Subscription } from '../domain/subscription';
import type { UsageEvent } from '../domain/usage-event';
import { isBillingError } from '../errors/billing-error';
import { createMemoryStorage } from './memory-storage';

// The storage contract itself is checked by @billfold/storage-testkit (packages/storage-testkit/test/memory.test.ts);
// these tests cover what is particular to MemoryStorage: its guards, its lock and its behaviour at scale.

const T0 = '2026-01-01T00:00:00.000Z';

function subscription(id: string, nextBillingAt: string | undefined): Subscription {
  return {
    id,
    customerId: 'cus_1',
    currency: 'EUR',
    status: 'active',
    items: [{ id: `${id}_item`, priceId: 'price_1', quantity: '1' }],
    interval: 'month',
    intervalCount: 1,
    anchor: T0,
    currentPeriodStart: T0,
    currentPeriodEnd: '2026-02-01T00:00:00.000Z',
    ...(nextBillingAt === undefined ? {} : { nextBillingAt }),
    cancelAtPeriodEnd: false,
    couponPeriodsUsed: 0,
    pendingLines: [],
    metadata: {},
    createdAt: T0,
    updatedAt: T0,
    version: 1,
  };
}

function invoice(id: string): Invoice {
  const zero = '0.00';
  return {
    id,
    sequence: 'INV',
    customerId: 'cus_1',
    billingReason: 'manual',
    status: 'draft',
    currency: 'EUR',
    lines: [],
    taxRates: [],
    subtotal: zero,
    discountTotal: zero,
    taxes: [],
    taxTotal: zero,
    roundingAmount: zero,
    total: zero,
    creditApplied: zero,
    amountDue: zero,
    amountPaid: zero,
    amountCredited: zero,
    amountRemaining: zero,
    notes: [],
    createdAt: T0,
    remindersSent: 0,
    overdue: false,
    metadata: {},
    version: 1,
  };
}

async function codeOf(action: Promise<unknown>): Promise<string> {
  try {
    await action;
  } catch (error) {
    if (isBillingError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a BillingError, but the call succeeded');
}

describe('MemoryStorage guards', () => {
  it('declares serial transactions', () => {
    expect(createMemoryStorage().capabilities).toEqual({ transactions: 'serial' });
  });

  it('refuses claimDue and the lock operations outside a transaction', async () => {
    const storage = createMemoryStorage();
    expect(await codeOf(storage.subscriptions.claimDue({ now: T0, limit: 1 }))).toBe('invalid_state');
    expect(await codeOf(storage.locks.customers(['cus_1']))).toBe('invalid_state');
    expect(await codeOf(storage.subscriptions.lock(['sub_1'], 'share'))).toBe('invalid_state');
  });

  it('refuses a session used after its transaction ended', async () => {
    const storage = createMemoryStorage();
    const leaked = await storage.transaction(async (session) => session);
    expect(await codeOf(leaked.customers.get('cus_1'))).toBe('invalid_state');
  });

  it('refuses bad page limits, foreign cursors, bad counts and bad instants', async () => {
    const storage = createMemoryStorage();
    for (const limit of [0, 1001, 1.5]) expect(await codeOf(storage.customers.list({ limit }))).toBe('invalid_input');
    expect(await codeOf(storage.customers.list({ cursor: 'garbage' }))).toBe('invalid_input');
    const usageList = storage.usage.list({ subscriptionId: 's', from: T0, to: T0, cursor: 'id:x' });
    expect(await codeOf(usageList)).toBe('invalid_input');
    expect(await codeOf(storage.invoices.reserveNumbers('INV', 0))).toBe('invalid_input');
    const badNow = storage.transaction((session) => session.subscriptions.claimDue({ now: 'soon', limit: 1 }));
    expect(await codeOf(badNow)).toBe('invalid_input');
  });

  it('refuses to sum a property that is not a decimal string, or a sum without a property', async () => {
    const storage = createMemoryStorage();
    const event: UsageEvent = {
      id: 'evt_1',
      customerId: 'cus_1',
      subscriptionId: 'sub_1',
      eventName: 'api_call',
      timestamp: T0,
      properties: { v: '1e3' },
    };
    await storage.usage.insertMany([event]);
    const query = { subscriptionId: 'sub_1', eventName: 'api_call', from: T0, to: '2026-02-01T00:00:00.000Z' };
    expect(await codeOf(storage.usage.aggregate([{ ...query, aggregation: 'sum', property: 'v' }]))).toBe(
      'invalid_input',
    );
    expect(await codeOf(storage.usage.aggregate([{ ...query, aggregation: 'max' }]))).toBe('invalid_input');
    expect(await storage.usage.aggregate([{ ...query, aggregation: 'unique_count', property: 'v' }])).toEqual(['1']);
  });

  it('is closed after close(): close waits for running work, later calls fail', async () => {
    const storage = createMemoryStorage();
    let finished = false;
    const running = storage.transaction(async (session) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await session.invoices.reserveNumbers('INV', 1);
      finished = true;
    });
    await storage.close();
    expect(finished).toBe(true);
    await running;
    expect(await codeOf(storage.customers.get('cus_1'))).toBe('invalid_state');
  });
});

describe('MemoryStorage transactions', () => {
  it('runs transactions one at a time, in the order they started', async () => {
    const storage = createMemoryStorage();
    const order: string[] = [];
    const slow = storage.transaction(async () => {
      order.push('first:start');
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('first:end');
    });
    const fast = storage.transaction(async () => {
      order.push('second');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['first:start', 'first:end', 'second']);
  });

  it('undoes a failed operation inside a transaction that catches its error, and keeps the rest', async () => {
    const storage = createMemoryStorage();
    await storage.invoices.insert(invoice('inv_taken'));
    await storage.transaction(async (session) => {
      await session.invoices.insert(invoice('inv_kept'));
      const failed = session.invoices.insertMany([invoice('inv_partial'), invoice('inv_taken')]);
      expect(await codeOf(failed)).toBe('conflict');
    });
    expect(await storage.invoices.get('inv_kept')).toBeDefined();
    expect(await storage.invoices.get('inv_partial')).toBeUndefined();
  });
});

describe('MemoryStorage at scale', () => {
  it('bills 100k subscriptions in claim-and-advance batches, and rolls back a large batch quickly', async () => {
    const storage = createMemoryStorage();
    const count = 100_000;
    await storage.transaction(async (session) => {
      for (let index = 0; index < count; index++) {
        const day = String(1 + (index % 28)).padStart(2, '0');
        await session.subscriptions.insert(
          subscription(`sub_${String(index).padStart(6, '0')}`, `2026-01-${day}T00:00:00.000Z`),
        );
      }
    });
    const now = '2026-02-01T00:00:00.000Z';
    const advance = async (limit: number) =>
      storage.transaction(async (session) => {
        const due = await session.subscriptions.claimDue({ now, limit });
        await session.subscriptions.updateMany(
          due.map((s) => ({ ...s, nextBillingAt: '2026-02-15T00:00:00.000Z', version: s.version + 1 })),
        );
        return due.length;
      });
    const started = performance.now();
    await expect(
      storage.transaction(async (session) => {
        const due = await session.subscriptions.claimDue({ now, limit: 50_000 });
        await session.subscriptions.updateMany(due.map((s) => ({ ...s, status: 'paused', version: 2 })));
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    let billed = 0;
    for (let claimed = await advance(1000); claimed > 0; claimed = await advance(1000)) billed += claimed;
    expect(billed).toBe(count);
    expect(performance.now() - started).toBeLessThan(15_000);
    const sample = await storage.subscriptions.get('sub_012345');
    expect(sample).toMatchObject({ status: 'active', version: 2, nextBillingAt: '2026-02-15T00:00:00.000Z' });
  }, 60_000);

  it('stays correct while the due index is rebuilt after many moves', async () => {
    const storage = createMemoryStorage();
    await storage.subscriptions.insert(subscription('sub_a', '2026-05-01T00:00:00.000Z'));
    await storage.subscriptions.insert(subscription('sub_b', '2026-05-01T00:00:00.000Z'));
    let a = (await storage.subscriptions.get('sub_a')) as Subscription;
    for (let index = 0; index < 3000; index++) {
      a = {
        ...a,
        nextBillingAt: `2026-06-01T00:00:${String(index % 60).padStart(2, '0')}.000Z`,
        version: a.version + 1,
      };
      await storage.subscriptions.update(a);
    }
    await storage.subscriptions.update({ ...a, nextBillingAt: '2026-01-15T00:00:00.000Z', version: a.version + 1 });
    const claimed = await storage.transaction((session) =>
      session.subscriptions.claimDue({ now: '2026-06-01T00:00:00.000Z', limit: 10 }),
    );
    expect(claimed.map((s) => s.id)).toEqual(['sub_a', 'sub_b']);
  });
});
