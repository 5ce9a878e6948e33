import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection, storageDump } from '../test-fixture';

const lines = (invoice: Invoice | undefined) => invoice?.lines.map((line) => [line.description, line.amount]);

/** Pro (29.00 a month) and metered data from 1 January 2026 (UTC); 12 GB used on 10 January. */
async function subscribed() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { subscription, invoices } = await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
  expect(invoices[0]?.total).toBe('34.51'); // 29.00 + 19 %
  const use = (id: string, timestamp: string, gb: string) =>
    f.usage.ingest([{ id, customerId: f.customer.id, eventName: 'data', timestamp, properties: { gb } }]);
  await use('u1', '2026-01-10T00:00:00Z', '12');
  return { f, subscription, use };
}

describe('subscriptions.pause with restart billing', () => {
  it('credits the unused paid time, bills the usage up to the pause, and restarts the period when resumed', async () => {
    const { f, subscription, use } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    const paused = await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' });
    // 34.51 paid for January; 16 of its 31 days unused: 34.51 × 16/31 = 17.8116… → 17.81.
    expect(paused.creditIssued).toBe('17.81');
    expect(paused.subscription).toMatchObject({
      status: 'paused',
      pause: { behavior: 'restart', pausedAt: '2026-01-16T00:00:00.000Z' },
      currentPeriodEnd: '2026-01-16T00:00:00.000Z',
      nextBillingAt: '2026-01-16T00:00:00.000Z',
    });
    // No usage is taken while paused.
    const refused = await rejection(use('u2', '2026-01-20T00:00:00Z', '3'));
    expect([refused.code, refused.path]).toEqual(['invalid_input', ['events', 0, 'timestamp']]);
    expect(refused.message).toContain('paused');
    f.clock.set('2026-01-20T00:00:00Z');
    await f.run();
    // The pause's boundary: 12 GB → 2 × 0.50 = 1.00 + 0.19, paid from the credit (17.81 − 1.19 = 16.62).
    const atPause = (await f.invoices())[1];
    expect([lines(atPause), atPause?.total, atPause?.creditApplied]).toEqual([
      [['Data transfer (Data)', '1.00']],
      '1.19',
      '1.19',
    ]);
    const waiting = await f.subscriptions.get(subscription.id);
    expect([waiting.status, waiting.nextBillingAt]).toEqual(['paused', undefined]);
    const preview = await rejection(f.subscriptions.preview({ subscriptionId: subscription.id }));
    expect([preview.code, preview.message]).toEqual([
      'invalid_state',
      `Subscription ${subscription.id} is paused: nothing is billed until it resumes`,
    ]);
    f.clock.set('2026-03-01T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(0);

    f.clock.set('2026-02-10T00:00:00Z');
    const resumed = await f.subscriptions.resume({ subscriptionId: subscription.id });
    // A new period from 10 February: 34.51, 16.62 of it from the credit, 17.89 due.
    expect(
      resumed.invoices.map((i) => [lines(i), i.total, i.creditApplied, i.amountDue, i.periodStart, i.periodEnd]),
    ).toEqual([
      [[['Pro', '29.00']], '34.51', '16.62', '17.89', '2026-02-10T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
    expect(resumed.subscription).toMatchObject({
      status: 'active',
      anchor: '2026-02-10T00:00:00.000Z',
      currentPeriodStart: '2026-02-10T00:00:00.000Z',
      nextBillingAt: '2026-03-10T00:00:00.000Z',
    });
    expect(resumed.subscription.pause).toBeUndefined();
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('0.00');
  });

  it('resumes at the given instant: the run bills the pause, then the new period', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    await f.subscriptions.pause({
      subscriptionId: subscription.id,
      behavior: 'restart',
      resumeAt: '2026-02-01T00:00:00Z',
    });
    f.clock.set('2026-02-01T00:00:00Z');
    expect((await f.run()).invoicesCreated).toBe(2);
    const [, atPause, restart] = await f.invoices();
    expect([atPause?.total, restart?.total, restart?.creditApplied, restart?.periodEnd]).toEqual([
      '1.19',
      '34.51',
      '16.62',
      '2026-03-01T00:00:00.000Z',
    ]);
    expect((await f.subscriptions.get(subscription.id)).status).toBe('active');
  });

  it('ends a paused subscription where it stopped, with nothing more to bill', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' });
    await f.run();
    f.clock.set('2026-02-05T00:00:00Z');
    const { subscription: ended } = await f.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: false,
    });
    expect(ended).toMatchObject({
      status: 'canceled',
      endedAt: '2026-01-16T00:00:00.000Z',
      canceledAt: '2026-02-05T00:00:00.000Z',
    });
    expect(ended.pause).toBeUndefined();
    await f.run();
    expect((await f.invoices()).length).toBe(2);
    expect((await f.subscriptions.get(subscription.id)).nextBillingAt).toBeUndefined();
  });
});

describe('subscriptions.pause with keep_schedule billing', () => {
  it('skips the in-advance charge of periods that start paused, bills their usage, and prorates a resumption', async () => {
    const { f, subscription, use } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    const paused = await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'keep_schedule' });
    expect([paused.creditIssued, paused.subscription.nextBillingAt]).toEqual([undefined, '2026-02-01T00:00:00.000Z']);
    // Usage goes on being taken and billed with its period.
    await use('u2', '2026-01-20T00:00:00Z', '5');
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    // 17 GB → 7 × 0.50 = 3.50 + 0.665 → 0.67 VAT; no Pro for February.
    const february = (await f.invoices())[1];
    expect([lines(february), february?.total]).toEqual([[['Data transfer (Data)', '3.50']], '4.17']);
    f.clock.set('2026-02-11T00:00:00Z');
    const { invoices, subscription: resumed } = await f.subscriptions.resume({ subscriptionId: subscription.id });
    // The rest of February from the 11th: 18 of 28 days → 29.00 × 18/28 = 18.642… → 18.64; VAT 3.54.
    expect(invoices.map((i) => [lines(i), i.total])).toEqual([
      [
        [
          ['Pro (prorated)', '18.64'],
          ['Data transfer (Data)', '0.00'],
        ],
        '22.18',
      ],
    ]);
    expect([resumed.status, resumed.currentPeriodStart, resumed.nextBillingAt]).toEqual([
      'active',
      '2026-02-11T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    f.clock.set('2026-03-01T00:00:00Z');
    await f.run();
    expect(lines((await f.invoices()).at(-1))).toEqual([
      ['Pro', '29.00'],
      ['Data transfer (Data)', '0.00'],
    ]);
  });

  it('charges nothing when resumed inside the period it was paused in (that period was paid)', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'keep_schedule' });
    f.clock.set('2026-01-20T00:00:00Z');
    const { invoices, subscription: resumed } = await f.subscriptions.resume({ subscriptionId: subscription.id });
    expect([invoices, resumed.status, resumed.pause]).toEqual([[], 'active', undefined]);
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    expect(lines((await f.invoices())[1])).toEqual([
      ['Pro', '29.00'],
      ['Data transfer (Data)', '1.00'],
    ]);
  });
});

describe('a retried pause', () => {
  it('returns the first result under its idempotency key: the unused time is credited once', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    const input = { subscriptionId: subscription.id, behavior: 'restart' as const, idempotencyKey: 'pause-1' };
    const first = await f.subscriptions.pause(input);
    expect(await f.subscriptions.pause(input)).toEqual(first);
    expect(await f.storage.balance.balance(f.customer.id, 'EUR')).toBe('17.81');
  });
});

describe('what a pause refuses', () => {
  it('pausing twice, during a trial, or resuming what is not paused; changing it while paused', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    const early = await rejection(
      f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart', resumeAt: '2026-01-15T00:00:00Z' }),
    );
    expect([early.code, early.path]).toEqual(['invalid_input', ['input', 'resumeAt']]);
    const notPaused = await rejection(f.subscriptions.resume({ subscriptionId: subscription.id }));
    expect([notPaused.code, notPaused.path]).toEqual(['invalid_state', ['input', 'subscriptionId']]);
    await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'keep_schedule' });
    const before = await storageDump(f.storage);
    const twice = await rejection(f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' }));
    expect(twice.code).toBe('invalid_state');
    const change = await rejection(
      f.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: f.prices.basic.id }] }),
    );
    expect([change.code, change.message]).toEqual([
      'invalid_state',
      `Subscription ${subscription.id} is paused: resume it before changing it`,
    ]);
    expect(await storageDump(f.storage)).toEqual(before);
    const trial = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.basic.id }],
      trialDays: 30,
    });
    const inTrial = await rejection(
      f.subscriptions.pause({ subscriptionId: trial.subscription.id, behavior: 'keep_schedule' }),
    );
    expect(inTrial.code).toBe('invalid_state');
  });

  it('resuming a restart pause at the instant of its boundary the run has billed', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-01-16T00:00:00Z');
    await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' });
    f.clock.set('2026-01-20T00:00:00Z');
    await f.run();
    const before = await storageDump(f.storage);
    // The pause's boundary (16 January) is billed: resuming there would bill that boundary a second time.
    const again = await rejection(
      f.subscriptions.resume({ subscriptionId: subscription.id, at: '2026-01-16T00:00:00Z' }),
    );
    expect([again.code, again.path]).toEqual(['invalid_input', ['input', 'at']]);
    expect(again.message).toContain('the period from 2026-01-16T00:00:00.000Z is invoiced');
    expect(await storageDump(f.storage)).toEqual(before);
    const resumed = await f.subscriptions.resume({ subscriptionId: subscription.id, at: '2026-01-16T00:00:00.001Z' });
    expect(resumed.invoices.map((i) => i.periodStart)).toEqual(['2026-01-16T00:00:00.001Z']);
  });

  it('a restart pause at the very start of a period: its pending item billed as an update, no resumption there', async () => {
    const { f, subscription } = await subscribed();
    f.clock.set('2026-02-01T00:00:00Z');
    await f.run();
    await f.subscriptions.addPendingItem({ subscriptionId: subscription.id, description: 'Visit', amount: '10.00' });
    const paused = await f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' });
    // February (29.00 + 19 % = 34.51) was invoiced this instant and is unused whole.
    expect(paused.creditIssued).toBe('34.51');
    const before = await storageDump(f.storage);
    // A period from 1 February again would be February's second period invoice: refused, nothing stored.
    const now = await rejection(f.subscriptions.resume({ subscriptionId: subscription.id }));
    expect([now.code, now.path, now.message]).toEqual([
      'invalid_input',
      ['input', 'at'],
      'Invalid input.at: the period from 2026-02-01T00:00:00.000Z is invoiced; resume after it',
    ]);
    expect(await storageDump(f.storage)).toEqual(before);
    f.clock.set('2026-02-12T00:00:00Z');
    const run = await f.run();
    expect(run.errors).toEqual([]);
    // The pause's boundary has no usage behind it (12 GB of January were billed on 1 February): the visit alone,
    // 10.00 + 19 % = 11.90, paid from the credit (34.51 − 11.90 = 22.61 left).
    const atPause = (await f.invoices()).at(-1);
    expect([
      atPause?.billingReason,
      atPause?.periodStart,
      lines(atPause),
      atPause?.total,
      atPause?.creditApplied,
    ]).toEqual(['subscription_update', '2026-02-01T00:00:00.000Z', [['Visit', '10.00']], '11.90', '11.90']);
    const again = await rejection(
      f.subscriptions.resume({ subscriptionId: subscription.id, at: '2026-02-01T00:00:00Z' }),
    );
    expect([again.code, again.path]).toEqual(['invalid_input', ['input', 'at']]);
    // Resumed on 12 February: a new period to 12 March, 34.51, 22.61 of it from the credit, 11.90 due.
    const resumed = await f.subscriptions.resume({ subscriptionId: subscription.id });
    const [restart] = resumed.invoices;
    expect([
      restart?.periodStart,
      restart?.periodEnd,
      restart?.total,
      restart?.creditApplied,
      restart?.amountRemaining,
    ]).toEqual(['2026-02-12T00:00:00.000Z', '2026-03-12T00:00:00.000Z', '34.51', '22.61', '11.90']);
  });

  it('restart pausing while usage is recorded after the pause', async () => {
    const { f, subscription, use } = await subscribed();
    await use('ahead', '2026-01-20T00:00:00Z', '1');
    f.clock.set('2026-01-16T00:00:00Z');
    const refused = await rejection(f.subscriptions.pause({ subscriptionId: subscription.id, behavior: 'restart' }));
    expect([refused.code, refused.path]).toEqual(['invalid_state', ['input', 'at']]);
  });
});
