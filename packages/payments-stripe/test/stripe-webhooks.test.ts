import { createMemoryWebhookEventStore, createWebhookHandler, type GatewayEvent } from '@billfold/core/payments';
import { serveWebhookHandler, specAvailability, STRIPE_SPEC, type WebhookEndpoint } from '@billfold/gateway-fake-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeObject } from '@billfold/gateway-fake-kit';
import { startStripeHarness, type StripeHarness, WEBHOOK_SECRET } from './stripe-harness';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);
const title = specs.available ? 'Stripe webhooks through Node http' : `Stripe webhooks (skipped: ${specs.reason})`;

describe.skipIf(!specs.available)(title, () => {
  let h: StripeHarness;
  let endpoint: WebhookEndpoint;
  const received: GatewayEvent[] = [];
  let paymentId: string;
  beforeAll(async () => {
    h = await startStripeHarness();
    const handle = createWebhookHandler({
      gateway: h.gateway,
      store: createMemoryWebhookEventStore(h.clock),
      clock: h.clock,
      onEvent: (event) => {
        received.push(event);
      },
    });
    endpoint = await serveWebhookHandler(handle);
    const customerReference = (await h.gateway.ensureCustomer({ customerId: 'cus_1', idempotencyKey: 'c1' })).reference;
    const card = h.fake.addCard(customerReference);
    const payment = await h.gateway.createPayment({
      amount: '1500',
      currency: 'JPY',
      customerId: 'cus_1',
      customerReference,
      paymentMethodId: card,
      session: 'off_session',
      invoiceIds: ['inv_7', 'inv_8'],
      idempotencyKey: 'inv_7:attempt:1',
    });
    paymentId = payment.id;
    await h.gateway.refundPayment({ paymentId, amount: '500', currency: 'JPY', idempotencyKey: 'inv_7:refund:1' });
    h.fake.closeDispute(h.fake.openDispute(paymentId), 'lost');
    h.fake.nextCharge('decline_hard');
    await h.gateway.createPayment({
      amount: '900',
      currency: 'JPY',
      customerId: 'cus_1',
      customerReference,
      paymentMethodId: card,
      session: 'off_session',
      invoiceIds: ['inv_9'],
      idempotencyKey: 'inv_9:attempt:1',
    });
    const setup = await h.gateway.setupPaymentMethod({ customerId: 'cus_1', customerReference, idempotencyKey: 's1' });
    h.fake.completeSetup(setup.id);
    expect(h.fake.server.violations).toEqual([]);
  });
  afterAll(async () => {
    await endpoint.close();
    await h.fake.server.close();
  });

  const event = (type: string) => h.fake.events.find((e) => e.type === type) as StripeObject;
  const post = (delivery: { body: string; headers: Record<string, string> }) =>
    fetch(endpoint.url, { method: 'POST', body: delivery.body, headers: delivery.headers });

  it('hands every event on in Billfold’s terms, even out of order (the refund before the payment)', async () => {
    for (const type of [
      'charge.refund.updated',
      'payment_intent.succeeded',
      'charge.dispute.created',
      'charge.dispute.closed',
      'payment_intent.payment_failed',
      'setup_intent.succeeded',
    ]) {
      expect((await post(h.fake.delivery(event(type), WEBHOOK_SECRET))).status).toBe(200);
    }
    expect(received.map((e) => e.type)).toEqual([
      'refund.succeeded',
      'payment.succeeded',
      'dispute.opened',
      'dispute.closed',
      'payment.failed',
      'setup.succeeded',
    ]);
    expect(received[0]).toMatchObject({ paymentId, amount: '500', currency: 'JPY' });
    expect(received[1]).toMatchObject({
      paymentId,
      amount: '1500',
      invoiceIds: ['inv_7', 'inv_8'],
      idempotencyKey: 'inv_7:attempt:1',
    });
    expect(received[3]).toMatchObject({ paymentId, outcome: 'lost', amount: '1500' });
    expect(received[4]).toMatchObject({ invoiceIds: ['inv_9'], decline: { code: 'stolen_card', kind: 'hard' } });
    // Out of order: the refund arrived first, its provider time says it happened after (or with) the payment.
    expect((received[0]?.occurredAt ?? '') >= (received[1]?.occurredAt ?? '')).toBe(true);
  });

  it('refuses a wrong secret and a stale timestamp with 400, a replay with 409; a duplicate is handled once', async () => {
    const before = received.length;
    const succeeded = event('payment_intent.succeeded');
    expect((await post(h.fake.delivery(succeeded, 'whsec_forged'))).status).toBe(400);
    expect((await post(h.fake.delivery(succeeded, WEBHOOK_SECRET, h.fake.now() - 301))).status).toBe(400);
    h.clock.advance({ seconds: 1 });
    const fresh = h.fake.delivery(event('charge.dispute.created'), WEBHOOK_SECRET);
    const first = await post(fresh);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: true }); // delivered before, new signature
    expect((await post(fresh)).status).toBe(409); // the very same signed request again: a replay
    expect(received.length).toBe(before);
  });

  it('accepts a signature within the 300 s tolerance', async () => {
    const late = h.fake.delivery(event('setup_intent.succeeded'), WEBHOOK_SECRET, h.fake.now() - 299);
    expect((await post(late)).status).toBe(200);
  });
});
