import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import { listAll } from '../../domain/list-all';
import { BillingError } from '../../errors/billing-error';
import type { BillingNotification, Notifier } from '../../notify/notifier';
import { MemoryStorage } from '../../storage/memory-storage';
import type { EngineConfigInput } from '../context';
import { createBilling } from '../create-billing';
import { counterIds } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';
import { dispatchEntries } from './dispatch-notifications';
import { enqueueNotifications } from './enqueue-notifications';

/** An engine whose notifier does what `behave` says for each call (the n-th call, from 1). */
async function engine(behave: (call: number, n: BillingNotification) => Promise<void>, config: EngineConfigInput = {}) {
  const clock = createTestClock('2026-03-01T10:00:00Z');
  let calls = 0;
  const notifier: Notifier = { notify: (n) => behave(++calls, n) };
  const billing = createBilling({ storage: new MemoryStorage(), clock, ids: counterIds(), notifier, config });
  const customer = await billing.customers.create({
    id: 'cus_1',
    name: 'Ada',
    email: 'ada@example.com',
    currency: 'EUR',
  });
  const pay = () =>
    billing.payments.record({ customerId: customer.id, amount: '10.00', currency: 'EUR', method: 'cash' });
  return { billing, clock, pay, calls: () => calls };
}

const unavailable = (retryAfterSeconds?: number) =>
  new BillingError('delivery_unavailable', 'SMTP 421 try later', {
    delivery: {
      channel: 'smtp',
      retryable: true,
      outcomeUnknown: false,
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    },
  });

describe('the transactional outbox', () => {
  it('a failing notifier never fails billing: the entry waits with its error, and a later dispatch delivers it', async () => {
    const delivered: string[] = [];
    const { billing, clock, pay } = await engine(async (call, n) => {
      if (call === 1) throw unavailable();
      delivered.push(n.dedupeKey as string);
    });
    const payment = await pay();
    const [entry] = (await billing.notifications.list()).items;
    expect(entry).toMatchObject({
      type: 'payment.received',
      dedupeKey: `payment.received/${payment.id}`,
      status: 'pending',
      attempts: 1,
      lastAttemptAt: '2026-03-01T10:00:00.000Z',
      // The first retry waits retryAfterSeconds (60 s by default).
      nextAttemptAt: '2026-03-01T10:01:00.000Z',
      lastError: { code: 'delivery_unavailable', message: 'SMTP 421 try later', retryable: true },
    });
    clock.advance({ seconds: 30 });
    expect(await billing.notifications.dispatch()).toMatchObject({ claimed: 0, delivered: 0 });
    clock.advance({ seconds: 30 });
    expect(await billing.notifications.dispatch()).toMatchObject({ claimed: 1, delivered: 1, retrying: 0, dead: 0 });
    expect(delivered).toEqual([`payment.received/${payment.id}`]);
    expect(await billing.notifications.get(entry?.id as string)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      deliveredAt: '2026-03-01T10:01:00.000Z',
    });
  });

  it('backs off 60 s, 120 s, 240 s … (longer when the notifier says so) and dead-letters after the last attempt', async () => {
    const { billing, clock, pay } = await engine(
      async (call) => {
        throw unavailable(call === 2 ? 900 : undefined);
      },
      { notifications: { maxAttempts: 4 } },
    );
    await pay();
    const waits: number[] = [];
    for (let attempt = 2; attempt <= 4; attempt++) {
      const [entry] = (await billing.notifications.list()).items;
      waits.push((Date.parse(entry?.nextAttemptAt as string) - clock.now().getTime()) / 1000);
      clock.set(entry?.nextAttemptAt as string);
      await billing.notifications.dispatch();
    }
    // After attempt 1: 60 s; attempt 2 asked for 900 s (more than 120 s); attempt 3: 240 s.
    expect(waits).toEqual([60, 900, 240]);
    const dead = (await billing.notifications.list({ status: 'dead' })).items;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 4, lastError: { code: 'delivery_unavailable' } });
  });

  it('dead-letters at once a failure that would repeat, and re-sends on request with the same key', async () => {
    const keys: string[] = [];
    const { billing, pay } = await engine(async (call, n) => {
      if (call === 1) throw new BillingError('delivery_rejected', '550 no such user');
      keys.push(n.dedupeKey as string);
    });
    await pay();
    const [dead] = (await billing.notifications.list({ status: 'dead' })).items;
    expect(dead).toMatchObject({ attempts: 1, lastError: { code: 'delivery_rejected', retryable: false } });
    const resent = await billing.notifications.resend(dead?.id as string);
    expect(resent).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(keys).toEqual([dead?.dedupeKey]);
    expect(await rejection(billing.notifications.resend('ntf_missing'))).toMatchObject({ code: 'not_found' });
  });

  it('a dispatcher that dies while sending leaves the entry to be claimed again once its lease has run out', async () => {
    let hang = true;
    const sent: string[] = [];
    const { billing, clock, pay } = await engine(
      async (_call, n) => {
        if (hang) return new Promise<void>(() => {}); // never answers: the process "dies" here
        sent.push(n.type);
      },
      { notifications: { delivery: 'dispatch', leaseSeconds: 300 } },
    );
    await pay();
    void billing.notifications.dispatch(); // claims and leases the entry, then hangs in notify
    await new Promise((resolve) => setImmediate(resolve));
    const [leased] = (await billing.notifications.list()).items;
    expect(leased).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2026-03-01T10:05:00.000Z' });
    hang = false;
    clock.advance({ seconds: 299 });
    expect(await billing.notifications.dispatch()).toMatchObject({ claimed: 0 });
    clock.advance({ seconds: 1 });
    expect(await billing.notifications.dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(sent).toEqual(['payment.received']);
  });

  it('with delivery "dispatch" operations send nothing themselves; dispatch without a notifier is refused', async () => {
    const { billing, pay, calls } = await engine(async () => {}, { notifications: { delivery: 'dispatch' } });
    await pay();
    await pay();
    expect(calls()).toBe(0);
    expect(await billing.notifications.dispatch({ batchSize: 1 })).toMatchObject({ batches: 2, delivered: 2 });
    const bare = createBilling({ storage: new MemoryStorage() });
    expect(await rejection(bare.notifications.dispatch())).toMatchObject({
      code: 'invalid_state',
      path: ['options', 'notifier'],
    });
  });

  it('keys once-only kinds by their ids, so storage refuses a reminder step twice; repeatable kinds add the entry id', async () => {
    const { billing } = await engine(async () => {});
    const ctx = billing.context;
    const occurredAt = '2026-03-01T10:00:00.000Z';
    const reminder: BillingNotification = {
      type: 'invoice.reminder',
      customerId: 'cus_1',
      invoiceId: 'inv_1',
      reminderStep: 2,
      occurredAt,
    };
    await ctx.storage.transaction((session) => enqueueNotifications(session, ctx, [reminder]));
    const twice = await rejection(ctx.storage.transaction((session) => enqueueNotifications(session, ctx, [reminder])));
    expect(twice.code).toBe('conflict');
    const paid: BillingNotification = { type: 'invoice.paid', customerId: 'cus_1', invoiceId: 'inv_1', occurredAt };
    const ids = await ctx.storage.transaction((session) => enqueueNotifications(session, ctx, [paid, paid]));
    const entries = await listAll((page) => billing.notifications.list(page));
    expect(entries.map((entry) => entry.dedupeKey)).toEqual([
      'invoice.reminder/inv_1/step-2',
      `invoice.paid/inv_1/${occurredAt}/${ids[0]}`,
      `invoice.paid/inv_1/${occurredAt}/${ids[1]}`,
    ]);
    // The key travels with the notification the notifier gets.
    expect(entries[1]?.notification.dedupeKey).toBe(entries[1]?.dedupeKey);
    // Sending only some entries (what an operation wrote) leaves the others alone.
    const summary = await dispatchEntries(
      ctx,
      { notify: async () => {} },
      {
        now: occurredAt,
        limit: 10,
        batchSize: 10,
        ids: [ids[1] as string],
      },
    );
    expect(summary).toMatchObject({ claimed: 1, delivered: 1 });
  });
});
