import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from '../../payments/gateway-events';
import { createPaymentsFixture } from './payments-fixture';

/*
 * Webhooks into the ledger (MemoryStorage, a scripted gateway). Invoices of 100.00 net + 19 % VAT = 119.00, charged
 * automatically as `pi_1`, `pi_2`, … Each event is applied twice, or late, or before the event it follows.
 */

let sequence = 0;
const base = (occurredAt: string) => {
  sequence += 1;
  return {
    gateway: 'test',
    eventId: `evt_${sequence}`,
    deliveryId: `dlv_${sequence}`,
    occurredAt,
    providerType: 'test.event',
  };
};
/** A 119.00 EUR payment of `invoiceId` announced as succeeded. */
const paymentSucceeded = (paymentId: string, invoiceId: string): GatewayEvent => ({
  ...base('2026-03-01T08:00:01.000Z'),
  type: 'payment.succeeded',
  paymentId,
  amount: '119.00',
  currency: 'EUR',
  invoiceIds: [invoiceId],
});
const refunded = (paymentId: string, refundId: string, amount: string): GatewayEvent => ({
  ...base('2026-03-03T10:00:00.000Z'),
  type: 'refund.succeeded',
  refundId,
  paymentId,
  amount,
  currency: 'EUR',
});
const dispute = (
  paymentId: string,
  disputeId: string,
  state: 'opened' | 'won' | 'lost',
  occurredAt: string,
): GatewayEvent =>
  state === 'opened'
    ? {
        ...base(occurredAt),
        type: 'dispute.opened',
        disputeId,
        paymentId,
        amount: '119.00',
        currency: 'EUR',
        reason: 'fraudulent',
      }
    : {
        ...base(occurredAt),
        type: 'dispute.closed',
        disputeId,
        paymentId,
        amount: '119.00',
        currency: 'EUR',
        outcome: state,
      };

describe('gateway events applied to the ledger', () => {
  it('a payment told twice by webhook after its answer is recorded once', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00');
    const succeeded = paymentSucceeded('pi_1', invoiceId);
    expect(await f.billing.payments.applyGatewayEvent(succeeded)).toBe('unchanged');
    expect(await f.billing.payments.applyGatewayEvent({ ...succeeded, eventId: 'evt_again' })).toBe('unchanged');
    const failedLate: GatewayEvent = {
      ...base('2026-03-01T07:59:00.000Z'),
      type: 'payment.failed',
      paymentId: 'pi_1',
      amount: '119.00',
      currency: 'EUR',
      invoiceIds: [invoiceId],
      decline: { code: 'insufficient_funds', message: 'No', kind: 'soft' },
    };
    expect(await f.billing.payments.applyGatewayEvent(failedLate)).toBe('unchanged');
    expect((await f.billing.payments.list({ customerId: f.customerId })).items).toHaveLength(1);
    expect((await f.billing.invoices.get(invoiceId)).status).toBe('paid');
  });

  it('a capture announced before the engine recorded its own answer settles the attempt under way, not a second one', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00', 'cus_manual');
    // The pay button's attempt, sent to the provider, its answer not recorded yet (no provider payment on it).
    const now = f.clock.now().toISOString();
    await f.storage.paymentAttempts.insert({
      id: 'att_button',
      customerId: 'cus_manual',
      invoiceId,
      gateway: 'test',
      attemptNumber: 1,
      trigger: 'portal',
      status: 'pending',
      amount: '119.00',
      currency: 'EUR',
      idempotencyKey: 'pay-button-1',
      dueAt: '2026-03-01T08:10:00.000Z',
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    // The event names the invoice but not the idempotency key (PayPal's do not carry it).
    const captured = paymentSucceeded('pi_button', invoiceId);
    expect(await f.billing.payments.applyGatewayEvent(captured)).toBe('recorded');
    const attempts = (await f.billing.payments.listAttempts({ invoiceId })).items;
    expect(attempts.map((a) => [a.id, a.status, a.providerPaymentId])).toEqual([
      ['att_button', 'succeeded', 'pi_button'],
    ]);
    const payments = (await f.billing.payments.list({ customerId: 'cus_manual' })).items;
    expect(payments.map((p) => [p.amount, p.providerPaymentId, attempts[0]?.paymentId])).toEqual([
      ['119.00', 'pi_button', payments[0]?.id],
    ]);
    expect((await f.billing.invoices.get(invoiceId)).status).toBe('paid');
  });

  it('a refund made through the engine and its webhook are one refund; a refund made at the provider is recorded once', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00');
    const [payment] = (await f.billing.payments.list({ customerId: f.customerId })).items;
    const paymentId = payment?.id as string;
    const refund = await f.billing.payments.refund({ paymentId, amount: '19.00', idempotencyKey: 'r1' });
    expect(refund).toMatchObject({ amount: '19.00', providerRefundId: `re_${paymentId}:refund:r1` });
    expect(await f.billing.payments.refund({ paymentId, amount: '19.00', idempotencyKey: 'r1' })).toEqual(refund);
    expect(f.gateway.refunds).toHaveLength(1);
    expect(
      await f.billing.payments.applyGatewayEvent(refunded('pi_1', refund.providerRefundId as string, '19.00')),
    ).toBe('unchanged');
    const atProvider = refunded('pi_1', 're_dashboard_1', '10.00');
    expect(await f.billing.payments.applyGatewayEvent(atProvider)).toBe('recorded');
    expect(await f.billing.payments.applyGatewayEvent({ ...atProvider, eventId: 'evt_dup' })).toBe('unchanged');
    // 119.00 paid, 19.00 + 10.00 refunded: 29.00 owed again.
    expect(await f.billing.payments.get(paymentId)).toMatchObject({
      amountRefunded: '29.00',
      status: 'partially_refunded',
    });
    expect(await f.billing.invoices.get(invoiceId)).toMatchObject({
      status: 'open',
      amountPaid: '90.00',
      amountRemaining: '29.00',
    });
  });

  it('a dispute flags the invoice and holds the amount; won clears it, and a late "opened" changes nothing', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00');
    const opened = dispute('pi_1', 'dp_1', 'opened', '2026-03-05T09:00:00.000Z');
    expect(await f.billing.payments.applyGatewayEvent(opened)).toBe('recorded');
    expect(await f.billing.payments.applyGatewayEvent({ ...opened, eventId: 'evt_dup2' })).toBe('unchanged');
    expect((await f.billing.invoices.get(invoiceId)).dispute).toMatchObject({
      id: 'dp_1',
      status: 'open',
      amount: '119.00',
    });
    expect(await f.billing.payments.applyGatewayEvent(dispute('pi_1', 'dp_1', 'won', '2026-03-20T09:00:00.000Z'))).toBe(
      'recorded',
    );
    expect(await f.billing.payments.applyGatewayEvent(opened)).toBe('unchanged');
    const invoice = await f.billing.invoices.get(invoiceId);
    expect(invoice).toMatchObject({ status: 'paid', amountRemaining: '0.00' });
    expect(invoice.dispute).toMatchObject({ status: 'won', closedAt: '2026-03-20T09:00:00.000Z' });
  });

  it('a lost dispute arriving before its "opened" ends lost, the held amount refunded once and the invoice owed again', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00');
    const lost = dispute('pi_1', 'dp_2', 'lost', '2026-03-20T09:00:00.000Z');
    expect(await f.billing.payments.applyGatewayEvent(lost)).toBe('recorded');
    expect(
      await f.billing.payments.applyGatewayEvent(dispute('pi_1', 'dp_2', 'opened', '2026-03-05T09:00:00.000Z')),
    ).toBe('unchanged');
    expect(await f.billing.payments.applyGatewayEvent({ ...lost, eventId: 'evt_dup3' })).toBe('unchanged');
    const refunds = (await f.billing.payments.listRefunds({ customerId: f.customerId })).items;
    expect(refunds.map((r) => [r.amount, r.providerRefundId])).toEqual([['119.00', 'dispute:dp_2']]);
    expect(await f.billing.invoices.get(invoiceId)).toMatchObject({
      status: 'open',
      amountPaid: '0.00',
      amountRemaining: '119.00',
      dispute: { id: 'dp_2', status: 'lost' },
    });
  });

  it('a refund of a payment the ledger never heard of reads the payment first; its own event, late, changes nothing', async () => {
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00', 'cus_manual');
    await f.gateway.createPayment({
      amount: '119.00',
      currency: 'EUR',
      customerId: 'cus_manual',
      session: 'on_session',
      invoiceIds: [invoiceId],
      idempotencyKey: 'elsewhere:1',
    });
    expect(await f.billing.payments.applyGatewayEvent(refunded('pi_1', 're_early', '19.00'))).toBe('recorded');
    const late: GatewayEvent = {
      ...base('2026-03-01T09:00:00.000Z'),
      type: 'payment.succeeded',
      paymentId: 'pi_1',
      amount: '119.00',
      currency: 'EUR',
      invoiceIds: [invoiceId],
    };
    expect(await f.billing.payments.applyGatewayEvent(late)).toBe('unchanged');
    const payments = (await f.billing.payments.list({ customerId: 'cus_manual' })).items;
    expect(payments.map((p) => [p.amount, p.amountRefunded, p.providerPaymentId])).toEqual([
      ['119.00', '19.00', 'pi_1'],
    ]);
    expect(await f.billing.invoices.get(invoiceId)).toMatchObject({ status: 'open', amountRemaining: '19.00' });
  });

  it('a declined portal payment retried with another card: confirm records it even before its webhook', async () => {
    // 100.00 + 19 % = 119.00, paid in the portal; the first card is declined (told by webhook), the second succeeds.
    const f = await createPaymentsFixture();
    const invoiceId = await f.invoice('100.00', 'cus_manual');
    f.gateway.outcomes.push('requires_action');
    const started = await f.billing.payments.payInvoices({
      customerId: 'cus_manual',
      invoiceIds: [invoiceId],
      idempotencyKey: 'portal:cus_manual:retry',
    });
    const providerPaymentId = started.attempt.providerPaymentId as string;
    const told = (type: 'payment.failed' | 'payment.succeeded', occurredAt: string, extra: object = {}) =>
      ({
        ...base(occurredAt),
        type,
        paymentId: providerPaymentId,
        amount: '119.00',
        currency: 'EUR',
        invoiceIds: [invoiceId],
        ...extra,
      }) as GatewayEvent;
    const decline = { code: 'card_declined', message: 'Your card was declined.', kind: 'soft' };
    const declined = told('payment.failed', '2026-03-01T09:00:00.000Z', { decline });
    expect(await f.billing.payments.applyGatewayEvent(declined)).toBe('recorded');
    // The customer enters another card for the same provider payment, which succeeds at the provider.
    const payment = f.gateway.payments.get(providerPaymentId);
    f.gateway.payments.set(providerPaymentId, {
      ...(payment as NonNullable<typeof payment>),
      status: 'succeeded',
      amountCaptured: '119.00',
      chargeId: 'ch_retry',
    });
    const confirmed = await f.billing.payments.confirm({ customerId: 'cus_manual', attemptId: started.attempt.id });
    expect(confirmed?.attempt.status).toBe('succeeded');
    expect(await f.billing.invoices.get(invoiceId)).toMatchObject({ status: 'paid', amountPaid: '119.00' });
    const late = told('payment.succeeded', '2026-03-01T09:01:00.000Z');
    expect(await f.billing.payments.applyGatewayEvent(late)).toBe('unchanged');
    expect((await f.billing.payments.list({ customerId: 'cus_manual' })).items.map((p) => p.amount)).toEqual([
      '119.00',
    ]);
  });
});
