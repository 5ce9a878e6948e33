/**
 * An example host site for `<billing-portal>`: plays the CLI's demo on PGlite in memory, mounts the portal API at
 * /billing, serves a plain HTML page with the elements, and mints a session for the demo customer a person picks
 * (a real host mints one for the customer who is signed in to it). Card and PayPal payments go through the engine's
 * Stripe and PayPal gateways against loopback fakes of both providers (which also serve stand-ins of Stripe.js and
 * PayPal's SDK, and deliver their webhooks to the engine). Start: `pnpm --filter @billfold/example-portal-host start`.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type PortalGateways, startPortalGateways } from '@billfold/portal-gateways';
import { ALL_PORTAL_PERMISSIONS, createEnginePaymentFlows } from '@billfold/server';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { createAdaptorServer } from '@hono/node-server';
import { createDemoPortal } from 'billfold/demo';
import { build } from 'esbuild';

const port = Number(process.env.PORT ?? 4200);
const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
const quiet = { step: <T>(_label: string, work: () => Promise<T>) => work() };

console.log('Playing the demo on PGlite (about half a minute)…');
const storage = await createPostgresStorage();
let providers: PortalGateways | undefined;
const { billing, auth, handler, customers } = await createDemoPortal(
  storage,
  {
    customers: 12,
    months: 3,
    basePath: '/billing',
    gateways: async (clock) => {
      providers = await startPortalGateways(clock);
      return providers.gateways;
    },
  },
  quiet,
  (engine) => ({ payments: createEnginePaymentFlows(engine), cancellation: { allowImmediate: true } }),
).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
const gateways = providers as PortalGateways;
await gateways.receiveWebhooks(billing);
const paymentOptions = {
  ...gateways.paymentOptions,
  bankTransfer: { accountHolder: 'Fibre Berlin GmbH', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  cheque: { payableTo: 'Fibre Berlin GmbH', address: 'Hauptstraße 1, 10115 Berlin' },
};

// The elements, bundled from their sources once at start (a real site installs @billfold/elements and bundles it).
const elements = await build({
  stdin: { contents: "import '@billfold/elements/define';", resolveDir: import.meta.dirname, loader: 'ts' },
  bundle: true,
  format: 'esm',
  conditions: ['@billfold/source'],
  write: false,
  minify: true,
});
const elementsJs = elements.outputFiles[0]?.text ?? '';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function site(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith('/billing')) return handler(request);
  if (url.pathname === '/') return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  if (url.pathname === '/elements.js') {
    return new Response(elementsJs, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
  }
  if (url.pathname === '/api/payment-options') return json(paymentOptions);
  if (url.pathname === '/api/customers') {
    return json(
      customers.map(({ customer }) => ({
        id: customer.id,
        name: customer.name,
        locale: customer.locale,
        timeZone: customer.timeZone,
      })),
    );
  }
  if (url.pathname === '/api/session' && request.method === 'POST') {
    // Here a real host checks who is signed in to it; the demo lets a person pick any demo customer.
    const { customerId } = (await request.json()) as { customerId: string };
    if (!customers.some(({ customer }) => customer.id === customerId)) return json({ error: 'unknown customer' }, 404);
    const session = await auth.createPortalSession({ customerId, permissions: [...ALL_PORTAL_PERMISSIONS], ttl: 900 });
    return json({ token: session.token });
  }
  return new Response('not found', { status: 404 });
}

const server = createAdaptorServer({ fetch: site });
server.listen(port, '127.0.0.1', () => {
  console.log(`Portal host: http://127.0.0.1:${(server.address() as AddressInfo).port}/  (Ctrl-C to stop)`);
});
const stop = () =>
  server.close(async () => {
    await gateways.close();
    await storage.close();
  });
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
