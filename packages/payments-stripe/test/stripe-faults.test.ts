import { billingFailure, specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStripeGateway } from '../src/index';
import { SECRET_KEY, startStripeHarness, type StripeHarness, WEBHOOK_SECRET } from './stripe-harness';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);
const title = specs.available ? 'Stripe gateway faults' : `Stripe gateway faults (skipped: ${specs.reason})`;

const failure = billingFailure;

describe.skipIf(!specs.available)(title, () => {
  let h: StripeHarness;
  let customerReference: string;
  let card: string;
  beforeAll(async () => {
    h = await startStripeHarness();
    customerReference = (await h.gateway.ensureCustomer({ customerId: 'cus_1', idempotencyKey: 'cus_1:customer' }))
      .reference;
    card = h.fake.addCard(customerReference);
    // The fake compiles Stripe's request and answer schemas on first use: warm them so that the 300 ms of the
    // impatient gateway below measure the fault, not the compilation on a busy machine.
    await h.gateway.createPayment(charge('warmup:attempt:1'));
  }, 120_000);
  afterAll(async () => {
    await h.fake.server.close();
  });
  afterEach(() => {
    expect(h.fake.server.violations).toEqual([]);
  });
  const charge = (key: string, amount = '25.00') => ({
    amount,
    currency: 'EUR',
    customerId: 'cus_1',
    customerReference,
    paymentMethodId: card,
    session: 'off_session' as const,
    invoiceIds: ['inv_1'],
    idempotencyKey: key,
  });
  const chargesFor = (key: string) =>
    h.fake.succeededCharges().filter((c) => {
      const intent = h.fake.intents.get(c.payment_intent as string);
      return (intent?.metadata as Record<string, string> | undefined)?.billfold_idempotency_key === key;
    });
  const keysSent = (key: string) =>
    h.fake.server.requests.filter((r) => r.headers['idempotency-key'] === key).map((r) => r.outcome);

  it('a 500 is retryable, outcome unknown; the SDK’s own retry with the same key recovers', async () => {
    h.fake.server.inject('PostPaymentIntents', { kind: 'server_error' });
    const error = await failure(() => h.impatient.createPayment(charge('k500:attempt:1')));
    expect(error).toMatchObject({
      code: 'gateway_unavailable',
      gateway: { retryable: true, outcomeUnknown: true, httpStatus: 500 },
    });
    h.fake.server.inject('PostPaymentIntents', { kind: 'server_error' });
    const payment = await h.gateway.createPayment(charge('k500:attempt:2'));
    expect(payment.status).toBe('succeeded');
    expect(keysSent('k500:attempt:2')).toEqual([500, 200]);
    expect(chargesFor('k500:attempt:2')).toHaveLength(1);
  });

  it('a 429 is retryable after the Retry-After the fake sent, and nothing was charged', async () => {
    h.fake.server.inject('PostPaymentIntents', { kind: 'rate_limit', retryAfterSeconds: 7 });
    const error = await failure(() => h.impatient.createPayment(charge('k429:attempt:1')));
    expect(error).toMatchObject({
      code: 'gateway_unavailable',
      gateway: { retryable: true, outcomeUnknown: false, retryAfterSeconds: 7, httpStatus: 429 },
    });
    expect(chargesFor('k429:attempt:1')).toHaveLength(0);
  });

  it('a connection reset before Stripe acted is retryable; nothing was charged', async () => {
    h.fake.server.inject('PostPaymentIntents', { kind: 'reset' }, 2); // the SDK retries a closed connection once
    const error = await failure(() => h.impatient.createPayment(charge('kreset:attempt:1')));
    expect(error).toMatchObject({ code: 'gateway_unavailable', gateway: { retryable: true, outcomeUnknown: true } });
    expect(chargesFor('kreset:attempt:1')).toHaveLength(0);
  });

  it('a reset after the charge succeeded: the SDK resends the same key and Stripe replays, one charge', async () => {
    h.fake.server.inject('PostPaymentIntents', { kind: 'reset_after_success' });
    const payment = await h.impatient.createPayment(charge('klost:attempt:1'));
    expect(payment.status).toBe('succeeded');
    expect(keysSent('klost:attempt:1')).toEqual(['reset', 200]);
    expect(chargesFor('klost:attempt:1')).toHaveLength(1);
  });

  it('a timeout after the charge succeeded: outcome unknown; the retry with the same key finds the one charge', async () => {
    h.fake.server.inject('PostPaymentIntents', { kind: 'timeout_after_success' });
    const error = await failure(() => h.impatient.createPayment(charge('ktimeout:attempt:1')));
    expect(error).toMatchObject({ code: 'gateway_unavailable', gateway: { retryable: true, outcomeUnknown: true } });
    expect(chargesFor('ktimeout:attempt:1')).toHaveLength(1); // it did succeed at Stripe
    const found = await h.gateway.findPayment?.({ idempotencyKey: 'ktimeout:attempt:1' });
    const retried = await h.gateway.createPayment(charge('ktimeout:attempt:1'));
    expect(retried.id).toBe(found?.id);
    expect(retried.status).toBe('succeeded');
    expect(chargesFor('ktimeout:attempt:1')).toHaveLength(1);
  });

  it('the same key with other parameters is refused, not charged again', async () => {
    await h.gateway.createPayment(charge('kreuse:attempt:1', '10.00'));
    const error = await failure(() => h.gateway.createPayment(charge('kreuse:attempt:1', '11.00')));
    expect(error).toMatchObject({ code: 'gateway_rejected', gateway: { retryable: false, httpStatus: 400 } });
    expect(chargesFor('kreuse:attempt:1')).toHaveLength(1);
  });

  it('never puts a secret in an error or a log line', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      }),
    );
    const wrongKey = 'sk_test_51WrongKeyThatMustNotLeak9999';
    const wrong = createStripeGateway({
      secretKey: wrongKey,
      webhookSecret: WEBHOOK_SECRET,
      api: h.api,
      clock: h.clock,
    });
    const errors = [
      await failure(() => wrong.createPayment(charge('ksecret:attempt:1'))),
      await failure(() => wrong.getPayment('pi_1')),
      await failure(() => wrong.parseWebhook({ headers: { 'stripe-signature': 't=1,v1=00' }, rawBody: '{}' })),
      await failure(() => createStripeGateway({ secretKey: '', api: h.api }).getPayment('pi_1')),
    ];
    for (const spy of spies) spy.mockRestore();
    expect(errors[0]).toMatchObject({ code: 'gateway_rejected', gateway: { httpStatus: 401 } });
    const seen = [...errors.map((e) => `${e.message} ${JSON.stringify(e)} ${e.stack}`), ...lines].join('\n');
    for (const secret of [wrongKey, SECRET_KEY, WEBHOOK_SECRET]) expect(seen).not.toContain(secret);
    expect(errors[0]?.message).toContain('[redacted]');
  });
});
