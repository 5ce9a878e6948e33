import { billingFailure, specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStripeHarness, type StripeHarness } from './stripe-harness';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);
const title = specs.available
  ? 'Stripe gateway against the loopback fake'
  : `Stripe gateway (skipped: ${specs.reason})`;

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
  });
  afterAll(async () => {
    await h.fake.server.close();
  });
  afterEach(() => {
    // Every request the adapter sent and every answer the fake gave follows Stripe's OpenAPI description.
    expect(h.fake.server.violations).toEqual([]);
  });
  let attempt = 0;
  const offSession = (amount = '19.99', currency = 'EUR') => {
    attempt += 1;
    return {
      amount,
      currency,
      customerId: 'cus_1',
      customerReference,
      paymentMethodId: card,
      session: 'off_session' as const,
      invoiceIds: [`inv_${attempt}`],
      idempotencyKey: `inv_${attempt}:attempt:1`,
    };
  };

  it('charges a saved card off-session, with the fee Stripe reports', async () => {
    const payment = await h.gateway.createPayment(offSession('19.99'));
    expect(payment).toMatchObject({
      gateway: 'stripe',
      status: 'succeeded',
      amount: '19.99',
      amountCaptured: '19.99',
      amountRefunded: '0.00',
      currency: 'EUR',
      fee: { amount: '0.87', currency: 'EUR' }, // 2.9 % of 1999 = 57 (down) + 30 = 87 cents
      paymentMethodId: card,
    });
    expect(payment.invoiceIds).toEqual([`inv_${attempt}`]);
    expect(await h.gateway.getPayment(payment.id)).toMatchObject({ status: 'succeeded', amountCaptured: '19.99' });
  });

  it('sends minor units by Stripe’s rules: JPY 1500 → 1500, KWD 5.120 → 5120, EUR 0.5 → 50', async () => {
    for (const [amount, currency, wire] of [
      ['1500', 'JPY', 'amount=1500&currency=jpy'],
      ['5.120', 'KWD', 'amount=5120&currency=kwd'],
      ['0.5', 'EUR', 'amount=50&currency=eur'],
    ] as const) {
      const payment = await h.gateway.createPayment(offSession(amount, currency));
      expect(h.fake.server.requests.at(-1)?.rawBody.startsWith(wire)).toBe(true);
      expect(payment.amountCaptured).toBe(currency === 'EUR' ? '0.50' : amount);
    }
    const refused = await failure(() => h.gateway.createPayment(offSession('5.125', 'KWD')));
    expect(refused).toMatchObject({ code: 'invalid_input', path: ['request', 'amount'] });
  });

  it('reports a soft decline and a hard decline as failed payments with their codes', async () => {
    h.fake.nextCharge('decline_soft');
    const soft = await h.gateway.createPayment(offSession());
    expect(soft).toMatchObject({ status: 'failed', decline: { code: 'insufficient_funds', kind: 'soft' } });
    h.fake.nextCharge('decline_hard');
    const hard = await h.gateway.createPayment(offSession());
    expect(hard).toMatchObject({ status: 'failed', decline: { code: 'stolen_card', kind: 'hard' } });
    expect(hard.decline?.message).toBe('Your card was declined.');
  });

  it('leaves a payment that needs 3-D Secure waiting for the customer, with the client secret', async () => {
    h.fake.nextCharge('requires_action');
    const waiting = await h.gateway.createPayment(offSession());
    expect(waiting.status).toBe('requires_action');
    expect(waiting.nextAction).toEqual({ type: 'client_secret', clientSecret: `${waiting.id}_secret_fake` });
    h.fake.completeAction(waiting.id);
    expect((await h.gateway.getPayment(waiting.id)).status).toBe('succeeded');
  });

  it('starts an on-session payment for Stripe.js and finishes it after the browser step', async () => {
    const payment = await h.gateway.createPayment({
      amount: '42.00',
      currency: 'USD',
      customerId: 'cus_1',
      customerReference,
      session: 'on_session',
      idempotencyKey: 'inv_on:attempt:1',
    });
    expect(payment).toMatchObject({ status: 'requires_action', nextAction: { type: 'client_secret' } });
    h.fake.completeAction(payment.id);
    expect(await h.gateway.getPayment(payment.id)).toMatchObject({ status: 'succeeded', amountCaptured: '42.00' });
  });

  it('authorizes, then captures part', async () => {
    const authorized = await h.gateway.createPayment({ ...offSession('100.00'), capture: 'manual' });
    expect(authorized).toMatchObject({ status: 'requires_capture', amountCaptured: '0.00' });
    const captured = await h.gateway.capturePayment({
      paymentId: authorized.id,
      amount: '80.00',
      currency: 'EUR',
      idempotencyKey: `${authorized.id}:capture`,
    });
    expect(captured).toMatchObject({ status: 'succeeded', amountCaptured: '80.00', fee: { amount: '2.62' } });
  });

  it('refunds in part, then the rest; a refund beyond what is left is refused', async () => {
    const payment = await h.gateway.createPayment(offSession('50.00'));
    const part = await h.gateway.refundPayment({
      paymentId: payment.id,
      amount: '20.00',
      currency: 'EUR',
      idempotencyKey: `${payment.id}:refund:1`,
    });
    expect(part).toMatchObject({ status: 'succeeded', amount: '20.00', paymentId: payment.id });
    const tooMuch = await failure(() =>
      h.gateway.refundPayment({
        paymentId: payment.id,
        amount: '30.01',
        currency: 'EUR',
        idempotencyKey: `${payment.id}:refund:2`,
      }),
    );
    expect(tooMuch).toMatchObject({ code: 'gateway_rejected', gateway: { retryable: false, httpStatus: 400 } });
    const rest = await h.gateway.refundPayment({
      paymentId: payment.id,
      currency: 'EUR',
      idempotencyKey: `${payment.id}:refund:3`,
    });
    expect(rest.amount).toBe('30.00');
    expect((await h.gateway.getPayment(payment.id)).amountRefunded).toBe('50.00');
  });

  it('names a key already used with another amount (two refunds racing for one number): idempotency_error', async () => {
    const payment = await h.gateway.createPayment(offSession('50.00'));
    const key = `${payment.id}:refund:1`;
    await h.gateway.refundPayment({ paymentId: payment.id, amount: '10.00', currency: 'EUR', idempotencyKey: key });
    const second = await failure(() =>
      h.gateway.refundPayment({ paymentId: payment.id, amount: '5.00', currency: 'EUR', idempotencyKey: key }),
    );
    expect(second).toMatchObject({
      code: 'gateway_rejected',
      gateway: { retryable: false, httpStatus: 400, providerCode: 'idempotency_error' },
    });
    expect((await h.gateway.getPayment(payment.id)).amountRefunded).toBe('10.00');
  });

  it('saves a card through a SetupIntent, lists it and detaches it', async () => {
    const setup = await h.gateway.setupPaymentMethod({
      customerId: 'cus_1',
      customerReference,
      idempotencyKey: 'cus_1:setup:1',
    });
    expect(setup).toMatchObject({ status: 'requires_action', nextAction: { type: 'client_secret' } });
    const notYet = await failure(() =>
      h.gateway.completeSetup({ setupId: setup.id, customerReference, idempotencyKey: 'x' }),
    );
    expect(notYet.code).toBe('invalid_state');
    h.fake.completeSetup(setup.id, { brand: 'mastercard', last4: '4444' });
    const saved = await h.gateway.completeSetup({
      setupId: setup.id,
      customerReference,
      idempotencyKey: 'cus_1:setup:1:done',
    });
    expect(saved).toMatchObject({ type: 'card', customerReference, card: { brand: 'mastercard', last4: '4444' } });
    expect((await h.gateway.listPaymentMethods(customerReference)).map((m) => m.id)).toContain(saved.id);
    await h.gateway.detachPaymentMethod(saved.id);
    expect((await h.gateway.listPaymentMethods(customerReference)).map((m) => m.id)).not.toContain(saved.id);
  });

  it('finds a payment by its idempotency key, and nothing for a key never used', async () => {
    const payment = await h.gateway.createPayment(offSession());
    const found = await h.gateway.findPayment?.({ idempotencyKey: `inv_${attempt}:attempt:1` });
    expect(found?.id).toBe(payment.id);
    expect(await h.gateway.findPayment?.({ idempotencyKey: 'inv_never:attempt:1', customerReference })).toBeNull();
  });

  it('answers not_found for a payment Stripe does not have', async () => {
    expect((await failure(() => h.gateway.getPayment('pi_missing'))).code).toBe('not_found');
  });

  it('refuses card data: requests take provider tokens only', async () => {
    const withCard = { ...offSession(), card: { number: '4242424242424242', cvc: '123' } };
    expect((await failure(() => h.gateway.createPayment(withCard))).code).toBe('invalid_input');
    expect(h.fake.server.requests.some((r) => /4242424242424242/.test(r.rawBody))).toBe(false);
  });
});
