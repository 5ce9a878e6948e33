import { createTestClock } from '@billfold/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FakeStripe,
  serveWebhookHandler,
  specAvailability,
  STRIPE_SPEC,
  type WebhookDeliveries,
  type WebhookEndpoint,
} from '../src/index';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);

/*
 * The fake Stripe's browser side, called as Stripe.js calls Stripe: the publishable key with a client secret, from
 * another origin. A PaymentIntent of 29.75 EUR (2975 cents) is confirmed with Stripe's test cards; every event is
 * delivered to a webhook endpoint that records what it received.
 */
describe.skipIf(!specs.available)('the fake Stripe’s browser side', () => {
  const clock = createTestClock('2026-02-10T10:00:00Z');
  const secretKey = 'sk_test_browserSide0001';
  const publishableKey = 'pk_test_browserSide0001';
  let fake: FakeStripe;
  let endpoint: WebhookEndpoint;
  let deliveries: WebhookDeliveries;
  const received: { type: string; signature: string | null }[] = [];

  const call = async (key: string, method: string, path: string, form?: Record<string, string>) => {
    const response = await fetch(`${fake.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        origin: 'http://localhost:8000',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    return {
      status: response.status,
      cors: response.headers.get('access-control-allow-origin'),
      body: await response.json(),
    };
  };
  const card = async (number: string) =>
    (
      await call(publishableKey, 'POST', '/v1/payment_methods', {
        type: 'card',
        'card[number]': number,
        'card[exp_month]': '12',
        'card[exp_year]': '2030',
        'card[cvc]': '123',
      })
    ).body;
  const intent = async () =>
    (await call(secretKey, 'POST', '/v1/payment_intents', { amount: '2975', currency: 'eur' })).body as {
      id: string;
      client_secret: string;
    };
  const confirm = (id: string, secret: string, method: string) =>
    call(publishableKey, 'POST', `/v1/payment_intents/${id}/confirm`, {
      client_secret: secret,
      payment_method: method,
    });

  beforeAll(async () => {
    fake = await FakeStripe.start(() => Math.floor(clock.now().getTime() / 1000), secretKey, { publishableKey });
    endpoint = await serveWebhookHandler(async (request) => {
      const event = (await request.json()) as { type: string };
      received.push({ type: event.type, signature: request.headers.get('stripe-signature') });
      return new Response('{}', { status: 200 });
    });
    deliveries = fake.deliverWebhooks(endpoint.url, 'whsec_browserSide0001');
  });
  afterAll(async () => {
    await endpoint.close();
    await fake.server.close();
  });

  it('answers a page of another origin: the preflight and every answer allow it', async () => {
    const preflight = await fetch(`${fake.server.url}/v1/payment_methods`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:8000', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const method = await call(publishableKey, 'POST', '/v1/payment_methods', {
      type: 'card',
      'card[number]': '4242 4242 4242 4242',
      'card[exp_month]': '12',
      'card[exp_year]': '2030',
    });
    expect(method).toMatchObject({ status: 200, cors: '*', body: { card: { brand: 'visa', last4: '4242' } } });
  });

  it('a publishable key cannot make a secret key’s calls, nor act without the client secret', async () => {
    expect((await call(publishableKey, 'POST', '/v1/payment_intents', { amount: '100', currency: 'eur' })).status).toBe(
      401,
    );
    const pi = await intent();
    const method = await card('4242424242424242');
    const wrong = await confirm(pi.id, `${pi.id}_secret_wrong`, method.id);
    expect(wrong.status).toBe(400);
    const read = await call(publishableKey, 'GET', `/v1/payment_intents/${pi.id}?client_secret=nope`);
    expect(read.status).toBe(400);
    expect(fake.intents.get(pi.id)?.status).toBe('requires_payment_method');
  });

  it('refuses a number that is not a test card as incorrect', async () => {
    const refused = await call(publishableKey, 'POST', '/v1/payment_methods', {
      type: 'card',
      'card[number]': '4111111111111112',
      'card[exp_month]': '12',
      'card[exp_year]': '2030',
    });
    expect(refused).toMatchObject({ status: 402, body: { error: { type: 'card_error', code: 'incorrect_number' } } });
  });

  it('declines 4000 0000 0000 0002, then takes 4242 on the same PaymentIntent: one charge', async () => {
    const pi = await intent();
    const declined = await confirm(pi.id, pi.client_secret, (await card('4000000000000002')).id);
    expect(declined).toMatchObject({
      status: 402,
      body: { error: { code: 'card_declined', decline_code: 'generic_decline', payment_intent: { id: pi.id } } },
    });
    const paid = await confirm(pi.id, pi.client_secret, (await card('4242424242424242')).id);
    expect(paid).toMatchObject({ status: 200, body: { id: pi.id, status: 'succeeded', amount_received: 2975 } });
    expect(fake.succeededCharges().filter((charge) => charge.payment_intent === pi.id)).toHaveLength(1);
  });

  it('4000 0027 6000 3184 asks for 3-D Secure; completing the challenge charges, failing it does not', async () => {
    const passed = await intent();
    const waiting = await confirm(passed.id, passed.client_secret, (await card('4000002760003184')).id);
    expect(waiting.body).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    const challenge = waiting.body.next_action.use_stripe_sdk.stripe_js as string;
    expect(challenge).toBe(`${fake.server.url}/fake/3ds/${passed.id}`);
    const answer = (outcome: string, secret: string) =>
      fetch(challenge.replace(passed.id, secret.split('_secret_')[0] as string), {
        method: 'POST',
        body: new URLSearchParams({ client_secret: secret, outcome }),
      });
    expect((await answer('complete', passed.client_secret)).status).toBe(200);
    const read = await call(
      publishableKey,
      'GET',
      `/v1/payment_intents/${passed.id}?client_secret=${passed.client_secret}`,
    );
    expect(read.body).toMatchObject({ status: 'succeeded', amount_received: 2975 });

    const failed = await intent();
    await confirm(failed.id, failed.client_secret, (await card('4000002760003184')).id);
    expect((await answer('fail', failed.client_secret)).status).toBe(200);
    expect(fake.intents.get(failed.id)).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'payment_intent_authentication_failure' },
    });
    expect(fake.succeededCharges().filter((charge) => charge.payment_intent === failed.id)).toEqual([]);
  });

  it('delivered every event, signed, in the order emitted; no call broke Stripe’s description', async () => {
    await deliveries.settled();
    expect(received.map((event) => event.type)).toEqual(fake.events.map((event) => event.type));
    expect(received.map((event) => event.type)).toEqual([
      'payment_intent.payment_failed',
      'payment_intent.succeeded',
      'payment_intent.succeeded',
      'payment_intent.payment_failed',
    ]);
    expect(received.every((event) => /^t=\d+,v1=[0-9a-f]{64}$/.test(event.signature ?? ''))).toBe(true);
    expect(fake.server.violations).toEqual([]);
  });
});
