import { createTestClock, listAll } from '@billfold/core';
import { createStandInPaymentFlows, createStandInRoutes, StandInProvider } from '@billfold/portal-stand-in';
import { ALL_PORTAL_PERMISSIONS, createPortalAuth, createPortalHandler, type PortalPermission } from '@billfold/server';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { type Scenario, type SeededCustomer, seedPortal } from './seed-portal';

/** What the browser tests reach on the test server's own origin. */
export interface TestBackend {
  /** Answers `/billing/*` (the portal with the stand-in payment flows), `/billing-plain/*` (without payments),
   * `/stand-in/*` and `/test-api/*`; `undefined` for anything else. */
  handle(request: Request): Promise<Response | undefined>;
  close(): Promise<void>;
}

const SELLER = {
  name: 'Fibre Berlin GmbH',
  address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  vatId: 'DE123456789',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A real `@billfold/server` portal on PGlite for the browser tests: seeded billing (see `seedPortal`), sessions
 * signed with a test key on their own clock (so a test can expire its short sessions without moving billing time),
 * the stand-in payment flows and provider scripts, and a small test API to claim a fresh customer per test, mint
 * sessions and magic links, save a card, and read an invoice back from the engine.
 */
export async function startTestBackend(): Promise<TestBackend> {
  const storage = await createPostgresStorage();
  const seeded = await seedPortal(storage);
  const { billing } = seeded;
  const authClock = createTestClock('2026-02-10T10:00:00Z');
  const auth = createPortalAuth({
    keys: [{ kid: 'elements-test', alg: 'HS256', secret: 'ZWxlbWVudHMtdGVzdC1rZXktZWxlbWVudHMtdGVzdC1rZXk' }],
    issuer: 'https://host.test',
    audience: 'https://host.test/billing',
    clock: authClock,
  });
  const provider = new StandInProvider();
  const failing = new Set<string>();
  const flows = createStandInPaymentFlows({
    billing,
    provider,
    paypalApprovalBase: '/stand-in/paypal',
    failingCustomers: failing,
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
  const portal = createPortalHandler({ ...common, basePath: '/billing', payments: flows });
  const plain = createPortalHandler({ ...common, basePath: '/billing-plain' });
  const standIn = createStandInRoutes(provider);
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

  const testApi = async (url: URL): Promise<Response> => {
    const path = url.pathname.slice('/test-api/'.length);
    const customerId = url.searchParams.get('customer') ?? '';
    switch (path) {
      case 'claim': {
        const customer = claim((url.searchParams.get('scenario') ?? 'standard') as Scenario);
        if (url.searchParams.get('gateway') === 'down') failing.add(customer.id);
        const invoices = await listAll((page) => billing.invoices.list({ ...page, customerId: customer.id }));
        return json({
          customerId: customer.id,
          subscriptionId: customer.subscriptionId,
          invoiceIds: invoices.filter((i) => i.status !== 'draft').map((i) => i.id),
          token: await sessionFor(customer.id, url),
        });
      }
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
      case 'save-card':
        return json(flows.saveCard(customerId, url.searchParams.get('card') ?? '4242424242424242'));
      case 'invoice':
        return json(await billing.invoices.get(url.searchParams.get('id') ?? ''));
      case 'subscription':
        return json(await billing.subscriptions.get(url.searchParams.get('id') ?? ''));
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
      return standIn(request);
    },
    close: () => storage.close(),
  };
}
