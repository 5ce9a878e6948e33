import { describe, expect, it } from 'vitest';
import { createPaymentsFixture } from './payments-fixture';
import { ScriptedGateway } from './scripted-gateway';

/*
 * Worked examples (MemoryStorage, a scripted gateway). A one-off invoice of 100.00 EUR net + 19 % VAT is 119.00; the
 * plan's first invoice is 840.34 + 19 % = 999.9046 → 1,000.00. The provider's fee is 2.9 % + 0.30:
 * 119.00 × 0.029 = 3.451 → 3.45, + 0.30 = 3.75; 1,000.00 × 0.029 = 29.00, + 0.30 = 29.30.
 * Retries (policy `retries.scheduleDays`): [1, 3, 5, 5] unless a test says otherwise.
 */

describe('automatic collection', () => {
  it('charges a finalized invoice at once, off-session, on the default method, under <invoiceId>:attempt:1', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00');
    const invoice = await f.billing.invoices.get(invoiceId);
    expect(invoice).toMatchObject({ status: 'paid', amountPaid: '119.00', amountRemaining: '0.00' });
    const [attempt] = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(attempt).toMatchObject({
      attemptNumber: 1,
      trigger: 'automatic',
      status: 'succeeded',
      gateway: 'test',
      amount: '119.00',
      idempotencyKey: `${invoiceId}:attempt:1`,
      providerPaymentId: 'pi_1',
      fee: { amount: '3.75', currency: 'EUR' },
    });
    expect(attempt?.dueAt).toBeUndefined();
    const payment = await f.billing.payments.get(attempt?.paymentId as string);
    expect(payment).toMatchObject({
      method: 'gateway',
      gateway: 'test',
      providerPaymentId: 'pi_1',
      reference: 'ch_1',
      amount: '119.00',
      unapplied: '0.00',
      fee: { amount: '3.75', currency: 'EUR' },
      allocations: [{ invoiceId, amount: '119.00' }],
    });
    expect(f.gateway.requests).toHaveLength(1);
    expect(f.gateway.requests[0]).toMatchObject({
      session: 'off_session',
      paymentMethodId: 'pm_visa_gc_cus_auto',
      customerReference: 'gc_cus_auto',
      invoiceIds: [invoiceId],
    });
    expect(f.sent.map((n) => n.type)).toContain('payment.received');
  });

  it('leaves a customer who is sent invoices alone', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00', 'cus_manual');
    expect((await f.billing.invoices.get(invoiceId)).status).toBe('open');
    expect((await f.billing.payments.listAttempts({ invoiceId })).items).toEqual([]);
    expect(f.gateway.requests).toHaveLength(0);
  });

  it('a soft decline is recorded with its code, told as payment.failed, retried a day later and recovered', async () => {
    const f = await createPaymentsFixture();
    f.gateway.outcomes.push('decline_soft');
    const invoiceId = await f.invoice('100.00');
    const [failed] = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(failed).toMatchObject({
      status: 'failed',
      decline: { code: 'insufficient_funds', kind: 'soft' },
      dueAt: '2026-03-02T08:00:00.000Z',
    });
    const told = f.sent.filter((n) => n.type === 'payment.failed');
    expect(told).toEqual([
      expect.objectContaining({
        invoiceId,
        decline: { code: 'insufficient_funds', message: 'Your card has insufficient funds.', kind: 'soft' },
        nextAttemptAt: '2026-03-02T08:00:00.000Z',
      }),
    ]);
    f.clock.set('2026-03-01T20:00:00Z');
    expect((await f.billing.collections.run()).charges.attempted).toBe(0);
    f.clock.set('2026-03-02T08:00:00Z');
    const run = await f.billing.collections.run();
    expect(run.charges).toEqual({ attempted: 1, succeeded: 1, failed: 0, waiting: 0, unanswered: 0 });
    const attempts = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(attempts.map((a) => [a.attemptNumber, a.trigger, a.status, a.idempotencyKey])).toEqual([
      [1, 'automatic', 'failed', `${invoiceId}:attempt:1`],
      [2, 'retry', 'succeeded', `${invoiceId}:attempt:2`],
    ]);
    expect(attempts[0]?.dueAt).toBeUndefined();
    expect((await f.billing.invoices.get(invoiceId)).status).toBe('paid');
    expect(f.gateway.charged()).toHaveLength(1);

    const report = await f.billing.reports.failedPayments({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
    expect(report.rows).toEqual([
      expect.objectContaining({
        invoiceId,
        attemptNumber: 1,
        declineCode: 'insufficient_funds',
        declineKind: 'soft',
        amount: '119.00',
        invoiceStatus: 'paid',
      }),
    ]);
    expect(report.byCode).toEqual([{ code: 'insufficient_funds', kind: 'soft', attempts: 1 }]);
    expect(report.totals).toEqual([{ currency: 'EUR', attempts: 1, declined: '119.00', invoices: 1, recovered: 1 }]);
  });

  it('after the last retry fails the subscription enters dunning; paying by hand brings it back', async () => {
    const f = await createPaymentsFixture({ policy: { retries: { scheduleDays: [1, 3] } } });
    f.gateway.outcomes.push('decline_soft', 'decline_soft', 'decline_soft');
    const { subscription, invoices } = await f.billing.subscriptions.create({
      customerId: f.customerId,
      items: [{ priceId: f.priceId }],
    });
    const [invoice] = invoices;
    expect(invoice?.total).toBe('1000.00');
    const invoiceId = invoice?.id as string;
    f.clock.set('2026-03-02T08:00:00Z');
    await f.billing.collections.run();
    expect((await f.billing.subscriptions.get(subscription.id)).status).toBe('active');
    f.clock.set('2026-03-05T08:00:00Z');
    const last = await f.billing.collections.run();
    expect(last.charges).toMatchObject({ attempted: 1, failed: 1 });
    const attempts = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(attempts.map((a) => [a.attemptNumber, a.status, a.dueAt])).toEqual([
      [1, 'failed', undefined],
      [2, 'failed', undefined],
      [3, 'failed', undefined],
    ]);
    const dunned = await f.billing.subscriptions.get(subscription.id);
    expect(dunned).toMatchObject({ status: 'past_due', dunning: { stage: 'past_due', invoiceId } });
    expect(f.sent.filter((n) => n.type === 'payment.failed')).toHaveLength(3);
    expect(f.sent.filter((n) => n.type === 'subscription.past_due')).toHaveLength(1);
    expect(f.gateway.charged()).toHaveLength(0);
    await f.billing.payments.record({
      customerId: f.customerId,
      amount: '1000.00',
      currency: 'EUR',
      method: 'bank_transfer',
    });
    expect((await f.billing.subscriptions.get(subscription.id)).status).toBe('active');
  });

  it('a hard decline is not retried and sends the subscription into dunning at once', async () => {
    const f = await createPaymentsFixture();
    f.gateway.outcomes.push('decline_hard');
    const { subscription, invoices } = await f.billing.subscriptions.create({
      customerId: f.customerId,
      items: [{ priceId: f.priceId }],
    });
    const [invoice] = invoices;
    const [attempt] = (await f.billing.payments.listAttempts({ invoiceId: invoice?.id as string })).items;
    expect(attempt).toMatchObject({ status: 'failed', decline: { code: 'stolen_card', kind: 'hard' } });
    expect(attempt?.dueAt).toBeUndefined();
    expect((await f.billing.subscriptions.get(subscription.id)).status).toBe('past_due');
    f.clock.set('2026-03-10T08:00:00Z');
    expect((await f.billing.collections.run()).charges.attempted).toBe(0);
  });

  it('a charge whose answer was lost is found by its key and recorded once', async () => {
    const f = await createPaymentsFixture();
    f.gateway.outcomes.push('lost_after_charge');
    const invoiceId = await f.invoice('100.00');
    expect((await f.billing.invoices.get(invoiceId)).status).toBe('paid');
    expect(f.gateway.charged()).toHaveLength(1);
    expect(f.gateway.requests).toHaveLength(1);
    expect((await f.billing.payments.list({ customerId: f.customerId })).items).toHaveLength(1);
  });

  it('no answer and nothing charged: the attempt stays pending and is resent under the same key after its lease', async () => {
    const f = await createPaymentsFixture();
    f.gateway.outcomes.push('unavailable', 'unavailable');
    const invoiceId = await f.invoice('100.00');
    const [pending] = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(pending).toMatchObject({ status: 'pending', dueAt: '2026-03-01T08:05:00.000Z' });
    f.clock.set('2026-03-01T08:04:59Z');
    expect((await f.billing.collections.run()).charges.attempted).toBe(0);
    f.clock.set('2026-03-01T08:05:00Z');
    expect((await f.billing.collections.run()).charges).toMatchObject({ attempted: 1, succeeded: 1 });
    // The first send: the create request and, after findPayment found nothing, its resend; then the run's resend.
    expect(f.gateway.requests.map((r) => r.idempotencyKey)).toEqual([
      `${invoiceId}:attempt:1`,
      `${invoiceId}:attempt:1`,
      `${invoiceId}:attempt:1`,
    ]);
    expect(f.gateway.charged()).toHaveLength(1);
  });

  it('retries stop when the invoice is paid another way', async () => {
    const f = await createPaymentsFixture();
    f.gateway.outcomes.push('decline_soft');
    const invoiceId = await f.invoice('100.00');
    await f.billing.payments.record({ customerId: f.customerId, amount: '119.00', currency: 'EUR', method: 'cheque' });
    f.clock.set('2026-03-02T08:00:00Z');
    expect((await f.billing.collections.run()).charges.attempted).toBe(0);
    const attempts = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.dueAt).toBeUndefined();
    expect(f.gateway.requests).toHaveLength(1);
  });

  it('two pay clicks on one invoice at once charge once', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00', 'cus_manual');
    const [method] = await f.billing.paymentMethods.list('cus_manual');
    const click = (key: string) =>
      f.billing.payments.payInvoices({
        customerId: 'cus_manual',
        invoiceIds: [invoiceId],
        paymentMethodId: method?.id as string,
        idempotencyKey: `portal:cus_manual:${key}`,
      });
    const [a, b] = await Promise.all([click('a'), click('b')]);
    expect(a.attempt.id).toBe(b.attempt.id);
    expect(f.gateway.charged()).toHaveLength(1);
    expect((await f.billing.invoices.get(invoiceId)).status).toBe('paid');
    expect(ScriptedGateway.fee('119.00')).toBe('3.75');
  });

  it('a pay click with a saved card is on-session and names every invoice it pays', async () => {
    // 100.00 + 19 % = 119.00 and 50.00 + 19 % = 59.50: 178.50 in one payment.
    const f = await createPaymentsFixture();
    const first = await f.invoice('100.00', 'cus_manual');
    const second = await f.invoice('50.00', 'cus_manual');
    const [method] = await f.billing.paymentMethods.list('cus_manual');
    await f.billing.payments.payInvoices({
      customerId: 'cus_manual',
      invoiceIds: [first, second],
      paymentMethodId: method?.id as string,
      idempotencyKey: 'portal:cus_manual:both',
    });
    // The customer is at the pay button: the provider may ask for 3-D Secure there and then, not decline.
    expect(f.gateway.requests).toEqual([
      expect.objectContaining({ session: 'on_session', amount: '178.50', invoiceIds: [first, second] }),
    ]);
    expect((await f.billing.invoices.get(first)).status).toBe('paid');
    expect((await f.billing.invoices.get(second)).status).toBe('paid');
  });
});
