import { createTestClock, listAll } from '@billfold/core';
import { startPortalGateways } from '@billfold/portal-gateways';
import {
  ALL_PORTAL_PERMISSIONS,
  createEnginePaymentFlows,
  createPortalAuth,
  createPortalHandler,
  type PortalPermission,
} from '@billfold/server';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { type Scenario, type SeededCustomer, seedPortal } from './seed-portal';

/** What the browser tests reach on the test server's own origin. */
export interface TestBackend {
  /** Answers `/billing/*` (the portal, paying through the engine's gateways), `/billing-plain/*` (without
   * payments) and `/test-api/*`; `undefined` for anything else. */
  handle(request: Request): Promise<Response | undefined>;
  close(): Promise<void>;
}

const SELLER = {
  name: 'Fibre Berlin GmbH',
  address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  vatId: 'DE123456789',
};

/** Requests the Stripe SDK makes for one call that keeps failing: the first and its two retries (and some spare). */
const DOWN_FOR = 10;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A real `@billfold/server` portal on PGlite for the browser tests: seeded billing (see `seedPortal`) whose engine
 * pays through the Stripe and PayPal adapters against the loopback fakes (their browser side serves the Stripe.js
 * and PayPal SDK stand-ins; their webhooks go to the engine's webhook endpoints, as in production), sessions signed
 * with a test key on their own clock (so a test can expire its short sessions without moving billing time), and a
 * small test API to claim a fresh customer per test, mint sessions and magic links, save a card at the fake Stripe,
 * and read invoices and the ledger back from the engine.
 */
export async function startTestBackend(): Promise<TestBackend> {
  const storage = await createPostgresStorage();
  const clock = createTestClock('2026-01-01T00:00:00Z');
  const providers = await startPortalGateways(clock);
  const seeded = await seedPortal(storage, clock, providers.gateways);
  const { billing } = seeded;
  await providers.receiveWebhooks(billing);
  const authClock = createTestClock('2026-02-10T10:00:00Z');
  const auth = createPortalAuth({
    keys: [{ kid: 'elements-test', alg: 'HS256', secret: 'ZWxlbWVudHMtdGVzdC1rZXktZWxlbWVudHMtdGVzdC1rZXk' }],
    issuer: 'https://host.test',
    audience: 'https://host.test/billing',
    clock: authClock,
  });
  const common = {
    billing,
    auth,
    documents: { seller: SELLER },
    plans: { priceIds: [seeded.prices.basic, seeded.prices.pro] },
    cancellation: { allowImmediate: true },
    // The suite makes many calls from one address in a few minutes.
    limits: { perIp: { limit: 100_000, windowSeconds: 60 }, perSession: { limit: 10_000, windowSeconds: 60 } },
  };
  const portal = createPortalHandler({ ...common, basePath: '/billing', payments: createEnginePaymentFlows(billing) });
  const plain = createPortalHandler({ ...common, basePath: '/billing-plain' });
  const claimed = new Set<string>();

  const claim = (scenario: Scenario): SeededCustomer => {
    const customer = seeded.customers.find((c) => c.scenario === scenario && !claimed.has(c.id));
    if (customer === undefined) throw new Error(`no unclaimed ${scenario} customer left: seed more`);
    claimed.add(customer.id);
    return customer;
  };
  const sessionFor = async (customerId: string, url: URL) => {
    const permissions = (url.searchParams.get('permissions')?.split(',') ??
      ALL_PORTAL_PERMISSIONS) as PortalPermission[];
    const ttl = Number(url.searchParams.get('ttl') ?? 3600);
    return (await auth.createPortalSession({ customerId, permissions: [...permissions], ttl })).token;
  };

  /**
   * The customer's ledger once every webhook sent so far was answered: payments taken through a gateway, and the
   * money the fakes took for the customer (Stripe charges, PayPal captures), to prove one payment per charge.
   */
  const ledger = async (customerId: string) => {
    const webhooks = await providers.webhooksSettled();
    const payments = await listAll((page) => billing.payments.list({ ...page, customerId }));
    const invoices = new Set(
      (await listAll((page) => billing.invoices.list({ ...page, customerId }))).map((invoice) => invoice.id),
    );
    const stripeCharges = [...providers.stripe.intents.values()].filter(
      (intent) =>
        intent.status === 'succeeded' &&
        (intent.metadata as Record<string, string>).billfold_customer_id === customerId,
    );
    const forInvoices = (customId: unknown) =>
      String(customId ?? '')
        .split(',')
        .some((id) => invoices.has(id));
    const paypalCaptures = providers.paypal.completedCaptures().filter((capture) => forInvoices(capture.custom_id));
    // The events about the customer's payments, to tell which of them the engine accepted.
    const events = new Set([
      ...providers.stripe.events
        .filter((event) => {
          const object = (event.data as { object: { metadata?: Record<string, string> } }).object;
          return object.metadata?.billfold_customer_id === customerId;
        })
        .map((event) => String(event.id)),
      ...providers.paypal.events
        .filter((event) => forInvoices((event.resource as { custom_id?: string }).custom_id))
        .map((event) => String(event.id)),
    ]);
    return {
      payments: payments
        .filter((payment) => payment.method === 'gateway')
        .map(({ gateway, providerPaymentId, amount, currency, allocations }) => ({
          gateway,
          providerPaymentId,
          amount,
          currency,
          allocations,
        })),
      charges: { stripe: stripeCharges.map((intent) => intent.id), paypal: paypalCaptures.length },
      webhooksAccepted: webhooks
        .filter((result) => events.has(result.eventId) && result.status === 200)
        .map((result) => result.eventType),
      webhooksRefused: webhooks.filter((result) => result.status !== 200),
      violations: providers.violations(),
    };
  };

  const testApi = async (url: URL): Promise<Response> => {
    const path = url.pathname.slice('/test-api/'.length);
    const customerId = url.searchParams.get('customer') ?? '';
    switch (path) {
      case 'claim': {
        const customer = claim((url.searchParams.get('scenario') ?? 'standard') as Scenario);
        providers.stripe.server.clearFaults();
        // Stripe is down for this customer's test: its first call (making the Stripe customer) fails every retry.
        if (url.searchParams.get('gateway') === 'down') {
          providers.stripe.server.inject('PostCustomers', { kind: 'server_error' }, DOWN_FOR);
        }
        const invoices = await listAll((page) => billing.invoices.list({ ...page, customerId: customer.id }));
        return json({
          customerId: customer.id,
          subscriptionId: customer.subscriptionId,
          invoiceIds: invoices.filter((i) => i.status !== 'draft').map((i) => i.id),
          token: await sessionFor(customer.id, url),
        });
      }
      case 'payment-options':
        return json(providers.paymentOptions);
      case 'session':
        return json({ token: await sessionFor(customerId, url) });
      case 'magic-link': {
        const link = await auth.createMagicLink({ customerId, permissions: [...ALL_PORTAL_PERMISSIONS] });
        return json({ token: link.token });
      }
      case 'expire-short-sessions':
        // Sessions minted with ttl < 120 s expire; the suite's other sessions (1 h) do not.
        authClock.advance({ seconds: 120 });
        return json({ ok: true });
      case 'save-card': {
        // As if the customer had saved the card in Stripe's fields: a PaymentMethod at the fake, saved in the ledger.
        const reference = await billing.paymentMethods.gatewayCustomer(customerId, 'stripe');
        const card = providers.stripe.addTestCard(reference, url.searchParams.get('card') ?? '4242424242424242');
        const saved = await billing.paymentMethods.save({ customerId, gateway: 'stripe', providerMethodId: card });
        return json({ id: saved.id, last4: saved.card?.last4 });
      }
      case 'invoice':
        return json(await billing.invoices.get(url.searchParams.get('id') ?? ''));
      case 'subscription':
        return json(await billing.subscriptions.get(url.searchParams.get('id') ?? ''));
      case 'ledger':
        return json(await ledger(customerId));
      case 'log':
        process.stderr.write(`browser: ${url.searchParams.get('m')}\n`);
        return json({ ok: true });
      default:
        return json({ error: `no test API ${path}` }, 404);
    }
  };

  return {
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/billing-plain/') || url.pathname === '/billing-plain') return plain(request);
      if (url.pathname.startsWith('/billing/') || url.pathname === '/billing') return portal(request);
      if (url.pathname.startsWith('/test-api/')) return testApi(url);
      return undefined;
    },
    close: async () => {
      await providers.close();
      await storage.close();
    },
  };
}
