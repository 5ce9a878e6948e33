import { createTestClock } from '@billfold/core';
import {
  createMemoryWebhookEventStore,
  createWebhookHandler,
  type GatewayEvent,
  type PaymentGateway,
} from '@billfold/core/payments';
import {
  billingFailure,
  PAYPAL_SPECS,
  serveWebhookHandler,
  specAvailability,
  type WebhookEndpoint,
} from '@billfold/gateway-fake-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPaypalGateway } from '../src/index';
import { FakePaypal } from '@billfold/gateway-fake-kit';

const specs = specAvailability(PAYPAL_SPECS);
if (specs.mustFail) throw new Error(specs.reason);
const title = specs.available
  ? 'PayPal gateway against the loopback fake'
  : `PayPal gateway (skipped: ${specs.reason})`;
const CREDENTIALS = { clientId: 'AbFakeClientId0001', clientSecret: 'EFakeClientSecretNeverPrint0001' };

const failure = billingFailure;

describe.skipIf(!specs.available)(title, () => {
  const clock = createTestClock('2026-03-01T12:00:00Z');
  let fake: FakePaypal;
  let gateway: PaymentGateway;
  let impatient: PaymentGateway;
  let endpoint: WebhookEndpoint;
  const received: GatewayEvent[] = [];
  let customerReference: string;
  let vault: string;
  beforeAll(async () => {
    fake = await FakePaypal.start(() => clock.now(), CREDENTIALS, 'WHFAKE1');
    const environment = { baseUrl: fake.server.url };
    gateway = createPaypalGateway({ ...CREDENTIALS, webhookId: 'WHFAKE1', environment, clock });
    impatient = createPaypalGateway({ ...CREDENTIALS, webhookId: 'WHFAKE1', environment, clock, timeoutMs: 300 });
    endpoint = await serveWebhookHandler(
      createWebhookHandler({
        gateway,
        store: createMemoryWebhookEventStore(clock),
        clock,
        onEvent: (e) => void received.push(e),
      }),
    );
    customerReference = (await gateway.ensureCustomer({ customerId: 'cus_1', idempotencyKey: 'cus_1:customer' }))
      .reference;
    vault = fake.addVault(customerReference);
  });
  afterAll(async () => {
    await endpoint.close();
    await fake.server.close();
  });
  afterEach(() => {
    expect(fake.server.violations).toEqual([]);
  });
  let attempt = 0;
  const offSession = (amount = '19.99', currency = 'EUR') => {
    attempt += 1;
    return {
      amount,
      currency,
      customerId: 'cus_1',
      customerReference,
      paymentMethodId: vault,
      session: 'off_session' as const,
      invoiceIds: [`inv_${attempt}`],
      idempotencyKey: `inv_${attempt}:attempt:1`,
    };
  };
  const capturesFor = (invoice: string) => fake.completedCaptures().filter((c) => c.custom_id === invoice);

  it('charges a vaulted PayPal wallet off-session, with PayPal’s fee', async () => {
    const payment = await gateway.createPayment(offSession('20.00'));
    expect(payment).toMatchObject({
      status: 'succeeded',
      amount: '20.00',
      amountCaptured: '20.00',
      currency: 'EUR',
      fee: { amount: '1.18', currency: 'EUR' },
    });
    expect(payment.invoiceIds).toEqual([`inv_${attempt}`]);
  });

  it('sends PayPal’s decimal text: JPY without decimals, EUR with two; refuses KWD and 1500.5 JPY', async () => {
    await gateway.createPayment(offSession('1500', 'JPY'));
    expect(JSON.parse(fake.server.requests.at(-1)?.rawBody ?? '{}').purchase_units[0].amount).toEqual({
      currency_code: 'JPY',
      value: '1500',
    });
    await gateway.createPayment(offSession('7.5', 'EUR'));
    expect(JSON.parse(fake.server.requests.at(-1)?.rawBody ?? '{}').purchase_units[0].amount.value).toBe('7.50');
    expect(await failure(() => gateway.createPayment(offSession('1.250', 'KWD')))).toMatchObject({
      code: 'invalid_input',
      path: ['request', 'currency'],
    });
    expect(await failure(() => gateway.createPayment(offSession('1500.5', 'JPY')))).toMatchObject({
      code: 'invalid_input',
      path: ['request', 'amount'],
    });
  });

  it('reports soft and hard declines, and a payment that waits for the buyer', async () => {
    fake.nextCharge('decline_soft');
    expect(await gateway.createPayment(offSession())).toMatchObject({
      status: 'failed',
      decline: { code: '5120', kind: 'soft' },
    });
    fake.nextCharge('decline_hard');
    expect(await gateway.createPayment(offSession())).toMatchObject({
      status: 'failed',
      decline: { code: '9500', kind: 'hard' },
    });
    fake.nextCharge('requires_action');
    const waiting = await gateway.createPayment(offSession());
    expect(waiting).toMatchObject({ status: 'requires_action', nextAction: { type: 'redirect' } });
  });

  it('takes an on-session payment: approval URL, buyer approves, capture', async () => {
    const order = await gateway.createPayment({
      amount: '42.00',
      currency: 'USD',
      customerId: 'cus_1',
      session: 'on_session',
      returnUrl: 'https://shop.example/return',
      idempotencyKey: 'inv_on:attempt:1',
    });
    expect(order.nextAction).toEqual({
      type: 'redirect',
      url: `https://www.sandbox.paypal.com/checkoutnow?token=${order.id}`,
    });
    fake.approve(order.id);
    expect((await gateway.getPayment(order.id)).status).toBe('requires_capture');
    const captured = await gateway.capturePayment({
      paymentId: order.id,
      currency: 'USD',
      idempotencyKey: `${order.id}:capture`,
    });
    expect(captured).toMatchObject({ status: 'succeeded', amountCaptured: '42.00' });
    const again = await gateway.capturePayment({
      paymentId: order.id,
      currency: 'USD',
      idempotencyKey: `${order.id}:capture`,
    });
    expect(again.chargeId).toBe(captured.chargeId); // PayPal-Request-Id replay: one capture
  });

  it('refunds in part, then the rest; too much is refused', async () => {
    const payment = await gateway.createPayment(offSession('50.00'));
    expect(
      await gateway.refundPayment({
        paymentId: payment.id,
        amount: '20.00',
        currency: 'EUR',
        idempotencyKey: `${payment.id}:r1`,
      }),
    ).toMatchObject({ status: 'succeeded', amount: '20.00' });
    expect(
      await failure(() =>
        gateway.refundPayment({
          paymentId: payment.id,
          amount: '30.01',
          currency: 'EUR',
          idempotencyKey: `${payment.id}:r2`,
        }),
      ),
    ).toMatchObject({ code: 'gateway_rejected', gateway: { providerCode: 'REFUND_AMOUNT_EXCEEDED' } });
    expect(
      (await gateway.refundPayment({ paymentId: payment.id, currency: 'EUR', idempotencyKey: `${payment.id}:r3` }))
        .amount,
    ).toBe('30.00');
    expect((await gateway.getPayment(payment.id)).amountRefunded).toBe('50.00');
  });

  it('vaults a wallet through a setup token, lists it and deletes it', async () => {
    const setup = await gateway.setupPaymentMethod({
      customerId: 'cus_1',
      customerReference,
      returnUrl: 'https://shop.example/ok',
      idempotencyKey: 'cus_1:setup:1',
    });
    expect(setup).toMatchObject({ status: 'requires_action', nextAction: { type: 'redirect' } });
    expect(
      (
        await failure(() =>
          gateway.completeSetup({ setupId: setup.id, customerReference, idempotencyKey: 'cus_1:setup:1:early' }),
        )
      ).code,
    ).toBe('invalid_state');
    fake.approveSetup(setup.id);
    const saved = await gateway.completeSetup({
      setupId: setup.id,
      customerReference,
      idempotencyKey: 'cus_1:setup:1:done',
    });
    expect(saved).toMatchObject({ type: 'paypal', customerReference, email: 'buyer@example.com' });
    expect((await gateway.listPaymentMethods(customerReference)).map((m) => m.id)).toContain(saved.id);
    await gateway.detachPaymentMethod(saved.id);
    expect((await gateway.listPaymentMethods(customerReference)).map((m) => m.id)).not.toContain(saved.id);
  });

  it('faults: 500 and 429 are retryable, a lost answer is recovered by replaying the same PayPal-Request-Id', async () => {
    fake.server.inject('orders.create', { kind: 'server_error' });
    expect(await failure(() => gateway.createPayment(offSession()))).toMatchObject({
      code: 'gateway_unavailable',
      gateway: { retryable: true, outcomeUnknown: true, httpStatus: 500 },
    });
    fake.server.inject('orders.create', { kind: 'rate_limit', retryAfterSeconds: 5 });
    expect(await failure(() => gateway.createPayment(offSession()))).toMatchObject({
      gateway: { retryable: true, outcomeUnknown: false, retryAfterSeconds: 5 },
    });
    fake.server.inject('orders.create', { kind: 'reset' });
    expect(await failure(() => gateway.createPayment(offSession()))).toMatchObject({
      code: 'gateway_unavailable',
      gateway: { outcomeUnknown: true },
    });
    fake.server.inject('orders.create', { kind: 'timeout_after_success' });
    const lost = offSession('33.00');
    expect(await failure(() => impatient.createPayment(lost))).toMatchObject({
      code: 'gateway_unavailable',
      gateway: { outcomeUnknown: true },
    });
    expect(capturesFor(lost.invoiceIds[0] as string)).toHaveLength(1); // it did go through at PayPal
    const replayed = await gateway.createPayment(lost);
    expect(replayed.status).toBe('succeeded');
    expect(capturesFor(lost.invoiceIds[0] as string)).toHaveLength(1);
    // PayPal answers a reused id with the order it made: the adapter notices the amount differs and refuses.
    expect(await failure(() => gateway.createPayment({ ...lost, amount: '34.00' }))).toMatchObject({
      code: 'gateway_rejected',
      gateway: { providerCode: 'PAYPAL_REQUEST_ID_REUSED' },
    });
    expect(capturesFor(lost.invoiceIds[0] as string)).toHaveLength(1);
  });

  it('webhooks: verified through PayPal’s API, forged, stale, replayed and duplicate deliveries handled', async () => {
    const completed = fake.events.find((e) => e.event_type === 'PAYMENT.CAPTURE.COMPLETED') as Record<string, unknown>;
    const refunded = fake.events.find((e) => e.event_type === 'PAYMENT.CAPTURE.REFUNDED') as Record<string, unknown>;
    const post = (d: { body: string; headers: Record<string, string> }) =>
      fetch(endpoint.url, { method: 'POST', body: d.body, headers: d.headers });
    expect((await post(fake.delivery(refunded))).status).toBe(200); // out of order: the refund first
    const delivery = fake.delivery(completed);
    expect((await post(delivery)).status).toBe(200);
    expect((await post(delivery)).status).toBe(409);
    expect(await (await post(fake.delivery(completed))).json()).toEqual({ received: true, duplicate: true });
    expect((await post(fake.delivery(completed, { forged: true }))).status).toBe(400);
    expect((await post(fake.delivery(completed, { time: new Date(clock.now().getTime() - 301_000) }))).status).toBe(
      400,
    );
    expect(received.map((e) => e.type)).toEqual(['refund.succeeded', 'payment.succeeded']);
    expect(received[1]).toMatchObject({
      amount: '20.00',
      currency: 'EUR',
      fee: { amount: '1.18' },
      invoiceIds: ['inv_1'],
    });
  });

  it('never puts the client secret in an error', async () => {
    const wrong = createPaypalGateway({
      clientId: CREDENTIALS.clientId,
      clientSecret: 'EWrongSecretThatMustNotLeak',
      environment: { baseUrl: fake.server.url },
    });
    const error = await failure(() => wrong.getPayment('ORDER1'));
    expect(error.code).toBe('gateway_rejected');
    expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toMatch(
      /EWrongSecretThatMustNotLeak|EFakeClientSecretNeverPrint0001/,
    );
  });
});
