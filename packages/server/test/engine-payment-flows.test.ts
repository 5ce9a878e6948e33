import { createBilling, createTestClock, MemoryStorage } from '@billfold/core';
import { FakeStripe, specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { createStripeGateway } from '@billfold/payments-stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PORTAL_PERMISSIONS, createEnginePaymentFlows, createPortalAuth, createPortalHandler } from '../src/index';
import { SELLER } from './support/billing-fixture';
import { TEST_KEY } from './support/portal-fixture';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);

/*
 * The portal's pay and payment-method routes over the engine and the Stripe adapter, against the loopback Stripe
 * fake (every request and answer checked against Stripe's OpenAPI description). Invoices: 100.00 net + 19 % VAT =
 * 119.00 EUR and 50.00 + 19 % = 59.50 EUR.
 */
describe.skipIf(!specs.available)('portal payments through the engine and the Stripe fake', () => {
  const clock = createTestClock('2026-03-01T12:00:00Z');
  const secretKey = 'sk_test_portalFlowsNeverPrint0001';
  let fake: FakeStripe;
  let call: (path: string, customerId: string, init?: RequestInit & { key?: string }) => Promise<Response>;
  let billing: ReturnType<typeof createBilling>;
  const ids = { ann: '', bob: '', first: '', second: '' };

  beforeAll(async () => {
    fake = await FakeStripe.start(() => Math.floor(clock.now().getTime() / 1000), secretKey);
    const gateway = createStripeGateway({
      secretKey,
      webhookSecret: 'whsec_portalFlows0001',
      api: { host: '127.0.0.1', port: fake.server.port, protocol: 'http' },
      clock,
    });
    billing = createBilling({ storage: new MemoryStorage(), clock, gateways: [gateway] });
    const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
    for (const name of ['ann', 'bob'] as const) {
      ids[name] = (
        await billing.customers.create({ name, email: `${name}@example.com`, currency: 'EUR', taxRateIds: [vat.id] })
      ).id;
    }
    const invoice = async (amount: string) =>
      (
        await billing.invoices.createOneOff({
          customerId: ids.ann,
          lines: [{ description: 'Installation', amount }],
          autoFinalize: true,
        })
      ).id;
    ids.first = await invoice('100.00');
    ids.second = await invoice('50.00');
    const auth = createPortalAuth({
      keys: [TEST_KEY],
      issuer: 'https://host.test',
      audience: 'https://host.test/billing',
      clock,
    });
    const handle = createPortalHandler({
      billing,
      auth,
      documents: { seller: SELLER },
      basePath: '/billing',
      payments: createEnginePaymentFlows(billing),
    });
    call = async (path, customerId, init = {}) => {
      const { key, ...rest } = init;
      const token = (await auth.createPortalSession({ customerId, permissions: [...ALL_PORTAL_PERMISSIONS] })).token;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (key !== undefined) headers.set('idempotency-key', key);
      if (rest.body !== undefined) headers.set('content-type', 'application/json');
      return handle(new Request(`http://host.test/billing${path}`, { ...rest, headers }));
    };
  });
  afterAll(async () => {
    await fake.server.close();
  });
  afterEach(() => {
    expect(fake.server.violations).toEqual([]);
  });

  const post = (path: string, customerId: string, key: string, body: unknown = {}) =>
    call(path, customerId, { method: 'POST', key, body: JSON.stringify(body) });

  it('saves a card the customer entered in Stripe’s fields: setup, then the list shows it as the default', async () => {
    expect((await (await call('/payment-methods', ids.ann)).json()).items).toEqual([]);
    const setup = await post('/payment-methods/setup', ids.ann, 'setup-1');
    expect(setup.status).toBe(201);
    const { setupId, clientSecret } = await setup.json();
    expect(clientSecret).toMatch(/^seti_/);
    fake.completeSetup(setupId);
    const listed = (await (await call('/payment-methods', ids.ann)).json()).items;
    expect(listed).toEqual([
      expect.objectContaining({ gateway: 'stripe', type: 'card', brand: 'visa', last4: '4242', isDefault: true }),
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/pm_|cus_[A-Za-z0-9]{6}/);
  });

  it('two pay clicks with different keys charge the saved card once and settle the invoice', async () => {
    const [method] = (await (await call('/payment-methods', ids.ann)).json()).items;
    const body = { invoiceIds: [ids.first], paymentMethodId: method.id };
    const [a, b] = await Promise.all([
      post('/payments', ids.ann, 'click-a', body),
      post('/payments', ids.ann, 'click-b', body),
    ]);
    const [first, second] = [await a.json(), await b.json()];
    expect(first.paymentId).toBe(second.paymentId);
    expect(first).toMatchObject({ gateway: 'stripe', amount: '119.00', currency: 'EUR' });
    const [attempt] = (await billing.payments.listAttempts({ invoiceId: ids.first })).items;
    // Whichever click took the ledger lock first made the attempt, under its own key; the other joined it.
    expect([`portal:${ids.ann}:click-a`, `portal:${ids.ann}:click-b`]).toContain(attempt?.idempotencyKey);
    expect(await billing.payments.listAttempts({ invoiceId: ids.first })).toMatchObject({ items: [attempt] });
    expect(fake.succeededCharges()).toHaveLength(1);
    expect(await billing.invoices.get(ids.first)).toMatchObject({ status: 'paid', amountPaid: '119.00' });
  });

  it('3-D Secure: the pay answer carries the client secret; confirm after the browser step settles the invoice', async () => {
    const [method] = (await (await call('/payment-methods', ids.ann)).json()).items;
    fake.nextCharge('requires_action');
    const paid = await post('/payments', ids.ann, 'pay-3ds', { invoiceIds: [ids.second], paymentMethodId: method.id });
    const intent = await paid.json();
    expect(intent).toMatchObject({ status: 'requires_action', amount: '59.50' });
    expect(intent.clientSecret).toMatch(/^pi_.*_secret_/);
    expect((await billing.invoices.get(ids.second)).status).toBe('open');
    expect((await post(`/payments/${intent.paymentId}/confirm`, ids.bob, 'confirm-bob')).status).toBe(404);
    const [attempt] = (await billing.payments.listAttempts({ invoiceId: ids.second })).items;
    fake.completeAction(attempt?.providerPaymentId as string);
    const confirmed = await post(`/payments/${intent.paymentId}/confirm`, ids.ann, 'confirm-1');
    expect(await confirmed.json()).toMatchObject({ status: 'succeeded', amount: '59.50' });
    expect(await billing.invoices.get(ids.second)).toMatchObject({ status: 'paid', amountPaid: '59.50' });
    expect(fake.succeededCharges()).toHaveLength(2);
  });

  it('another customer cannot touch the method; its owner removes it', async () => {
    const [method] = (await (await call('/payment-methods', ids.ann)).json()).items;
    expect((await call(`/payment-methods/${method.id}`, ids.bob, { method: 'DELETE', key: 'rm-bob' })).status).toBe(
      404,
    );
    expect((await post(`/payment-methods/${method.id}/default`, ids.bob, 'def-bob')).status).toBe(404);
    expect((await call(`/payment-methods/${method.id}`, ids.ann, { method: 'DELETE', key: 'rm-ann' })).status).toBe(
      204,
    );
    expect((await billing.paymentMethods.list(ids.ann)).map((m) => m.id)).toEqual([]);
  });
});
