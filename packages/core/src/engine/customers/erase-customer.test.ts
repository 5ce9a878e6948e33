import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../domain/outbox-entry';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';

describe('customers.erase', () => {
  it('refuses while a subscription can still bill, then erases once the run billed the rest', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
    });
    const live = await rejection(f.billing.customers.erase(f.customer.id));
    expect(live).toMatchObject({ code: 'invalid_state', path: ['customerId'] });
    expect(live.message).toContain(subscription.id);

    f.clock.set('2026-01-15T00:00:00Z');
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
    // canceled, but the usage so far is still to be billed by the next run
    expect(await rejection(f.billing.customers.erase(f.customer.id))).toMatchObject({ code: 'invalid_state' });
    await f.run();
    const { customer, erasedNow, cleared } = await f.billing.customers.erase(f.customer.id);
    expect(erasedNow).toBe(true);
    expect(cleared.subscriptions).toBe(0); // the fixture's subscription had no metadata
    expect(customer).toMatchObject({
      name: 'Erased customer',
      email: 'cus_main@erased.invalid',
      taxIds: [],
      metadata: {},
      // invoices issued 2026-01-01 and 2026-01-15 (the final one): the later decides
      erasure: { erasedAt: '2026-01-15T00:00:00.000Z', retainUntil: '2036-01-15T00:00:00.000Z' },
    });
    expect(customer.address).toBeUndefined();
    expect(await f.billing.customers.get(f.customer.id)).toEqual(customer);
  });

  it('refuses a draft invoice, and the erased customer’s remaining debt can still be paid', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const draft = await f.billing.invoices.createOneOff({
      customerId: f.customer.id,
      lines: [{ description: 'Setup', amount: '100.00' }],
    });
    expect(await rejection(f.billing.customers.erase(f.customer.id))).toMatchObject({
      code: 'invalid_state',
      message: expect.stringContaining(draft.id),
    });
    const open = await f.billing.invoices.finalize(draft.id);
    expect(open.amountRemaining).toBe('119.00');
    await f.billing.customers.erase(f.customer.id);
    expect(await rejection(f.billing.invoices.finalize(draft.id))).toMatchObject({ code: 'invalid_state' });
    await f.billing.payments.record({
      customerId: f.customer.id,
      amount: '119.00',
      currency: 'EUR',
      method: 'bank_transfer',
    });
    expect((await f.billing.invoices.get(draft.id)).status).toBe('paid');
  });

  it('a billing run skips a subscription of an erased customer with customer_erased', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    // erasure written behind the engine's back (a storage restored from backup, another tool): the run still refuses
    const stored = await f.storage.customers.get(f.customer.id);
    await f.storage.customers.update({
      ...(stored as NonNullable<typeof stored>),
      erasure: { erasedAt: '2026-01-02T00:00:00.000Z' },
      version: (stored?.version ?? 0) + 1,
    });
    f.clock.set('2026-02-01T00:00:00Z');
    const summary = await f.run();
    expect(summary.errors).toEqual([
      expect.objectContaining({ subscriptionId: subscription.id, code: 'customer_erased', step: 'plan' }),
    ]);
    expect(await f.invoices()).toHaveLength(1);
  });

  it('waits for a charge under way but not for one the customer abandoned; cancelled notifications stay unsent', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const at = '2026-01-01T00:00:00.000Z';
    const attempt: PaymentAttempt = {
      id: 'att_1',
      customerId: f.customer.id,
      invoiceId: 'inv_1',
      gateway: 'stripe',
      attemptNumber: 1,
      trigger: 'portal',
      status: 'processing',
      amount: '119.00',
      currency: 'EUR',
      idempotencyKey: 'portal:att_1',
      providerPaymentId: 'pi_1',
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await f.storage.paymentAttempts.insert(attempt);
    const dedupeKey = 'payment.received/pay_1';
    const entry: OutboxEntry = {
      id: 'ntf_1',
      customerId: f.customer.id,
      type: 'payment.received',
      dedupeKey,
      notification: {
        type: 'payment.received',
        customerId: f.customer.id,
        paymentId: 'pay_1',
        occurredAt: at,
        dedupeKey,
      },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      version: 1,
    };
    await f.storage.outbox.insertMany([entry]);

    const busy = await rejection(f.billing.customers.erase(f.customer.id));
    expect(busy).toMatchObject({ code: 'invalid_state', path: ['customerId'] });
    expect(busy.message).toContain('att_1 (processing)');
    // 3-D Secure never finished: the customer may never come back, so it does not hold erasure back
    await f.storage.paymentAttempts.update({ ...attempt, status: 'requires_action', version: 2 });
    const { cleared } = await f.billing.customers.erase(f.customer.id);
    expect(cleared).toMatchObject({ outboxEntries: 1, paymentAttempts: 0, paymentMethods: 0 });
    expect(await f.billing.notifications.get('ntf_1')).toMatchObject({ status: 'dead', attempts: 0 });
    expect(await rejection(f.billing.notifications.resend('ntf_1'))).toMatchObject({
      code: 'customer_erased',
      path: ['entryId'],
    });
    expect((await f.billing.notifications.get('ntf_1')).status).toBe('dead');
  });
});
