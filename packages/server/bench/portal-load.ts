/**
 * Loopback load test of the portal (autocannon): 200 concurrent sessions over 10,000 customers, the invoice list
 * and the invoice PDF, each beside a bare Node http handler that answers the same JSON from the same storage
 * query (the ratio is the cost of the portal: tokens, limits, validation, shaping, headers, logging).
 * Short by default (3 s per case); `PORTAL_BENCH_SECONDS=30 PORTAL_BENCH_CUSTOMERS=10000 pnpm bench` for the full run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Customer, createBilling, createTestClock, type Invoice } from '@billfold/core';
import { renderInvoice } from '@billfold/documents';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { createAdaptorServer } from '@hono/node-server';
import autocannon from 'autocannon';
import { ALL_PORTAL_PERMISSIONS, createPortalAuth, createPortalHandler } from '../src/index';

const CUSTOMERS = Number(process.env.PORTAL_BENCH_CUSTOMERS ?? 10_000);
const SECONDS = Number(process.env.PORTAL_BENCH_SECONDS ?? 3);
const CONNECTIONS = 200;
const SELLER = { name: 'Bench GmbH', address: { line1: 'Hauptstraße 1', city: 'Berlin', country: 'DE' } };

const clock = createTestClock('2026-02-10T00:00:00Z');
const storage = await createPostgresStorage();
const billing = createBilling({ storage, clock });
// One finalized invoice made by the engine, copied to every customer straight into storage (seeding speed).
const template = await billing.customers.create({ name: 'Template', email: 'template@example.com', currency: 'EUR' });
const sample = await billing.invoices.createOneOff({
  customerId: template.id,
  lines: [{ description: 'Fibre 100', amount: '39.00' }],
  autoFinalize: true,
});
const customers: Customer[] = [];
const invoices: Invoice[] = [];
for (let i = 0; i < CUSTOMERS; i++) {
  const id = `cus_bench_${String(i).padStart(6, '0')}`;
  customers.push({ ...(await billing.customers.get(template.id)), id, email: `c${i}@example.com` });
  for (let n = 0; n < 3; n++)
    invoices.push({
      ...sample,
      id: `inv_bench_${String(i).padStart(6, '0')}_${n}`,
      customerId: id,
      number: `BENCH-${i}-${n}`,
    });
}
for (const customer of customers) await storage.customers.insert(customer);
for (let i = 0; i < invoices.length; i += 1000) await storage.invoices.insertMany(invoices.slice(i, i + 1000));

const auth = createPortalAuth({
  keys: [{ kid: 'bench', alg: 'HS256', secret: 'YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktYmVuY2g' }],
  issuer: 'bench',
  audience: 'bench',
  clock,
});
const handler = createPortalHandler({
  billing,
  auth,
  documents: { seller: SELLER },
  limits: { perIp: { limit: 10_000_000, windowSeconds: 60 }, perSession: { limit: 10_000_000, windowSeconds: 60 } },
});
const portal = createAdaptorServer({ fetch: handler });
// The baseline: the same storage query, the same JSON, no portal.
const bare = createServer(async (request, response) => {
  const customerId = /customer=([\w-]+)/.exec(request.url ?? '')?.[1] as string;
  const [, , invoiceId] = /\/invoices\/([\w-]+)\/pdf/.exec(request.url ?? '') ?? [];
  if (invoiceId !== undefined) {
    const pdf = await renderInvoice(await billing.invoices.get(invoiceId), { format: 'pdf', seller: SELLER });
    response.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf.body);
    return;
  }
  const page = await billing.invoices.list({ customerId, limit: 20 });
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
});
const listen = (server: ReturnType<typeof createServer>) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const portalPort = await listen(portal as ReturnType<typeof createServer>);
const barePort = await listen(bare);

// 200 sessions, each of a different customer, spread over the 10,000.
const sessions = await Promise.all(
  Array.from({ length: CONNECTIONS }, async (_, i) => {
    const customerId = customers[Math.floor((i * CUSTOMERS) / CONNECTIONS)]?.id as string;
    const { token } = await auth.createPortalSession({
      customerId,
      permissions: [...ALL_PORTAL_PERMISSIONS],
      ttl: 3600,
    });
    return { customerId, token };
  }),
);

async function load(
  port: number,
  path: (session: (typeof sessions)[number]) => string,
  withToken: boolean,
  seconds: number,
) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const session = sessions[next++ % sessions.length] as (typeof sessions)[number];
          return {
            ...request,
            path: path(session),
            headers: withToken ? { authorization: `Bearer ${session.token}` } : {},
          };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    console.log(`  (${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts)`);
  }
  return result;
}

const line = (name: string, r: autocannon.Result) =>
  `  ${name}: ${Math.round(r.requests.average).toLocaleString('en-US')} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;
console.log(
  `\nPortal load test: ${CONNECTIONS} concurrent sessions over ${CUSTOMERS.toLocaleString('en-US')} customers, ${SECONDS} s per case, PGlite, loopback`,
);
for (const [name, portalPath, barePath] of [
  ['invoice list', () => '/invoices', (s: { customerId: string }) => `/?customer=${s.customerId}`],
  [
    'invoice PDF',
    (s: { customerId: string }) => `/invoices/inv_bench_${s.customerId.slice(10)}_0/documents/pdf`,
    (s: { customerId: string }) => `/invoices/inv_bench_${s.customerId.slice(10)}_0/pdf`,
  ],
] as const) {
  // PDFs are CPU-bound (about 10 per second per core): give them long enough to finish some under 200 connections.
  const seconds = name === 'invoice PDF' ? Math.max(SECONDS, 10) : SECONDS;
  const subject = await load(portalPort, portalPath, true, seconds);
  const baseline = await load(barePort, barePath, false, seconds);
  console.log(`${name}`);
  console.log(line('portal', subject));
  console.log(line('bare node:http baseline', baseline));
  console.log(
    `  throughput ratio ${(baseline.requests.average / subject.requests.average).toFixed(2)}× (baseline / portal), p99 ratio ${(subject.latency.p99 / baseline.latency.p99).toFixed(2)}×`,
  );
}
await new Promise((resolve) => portal.close(resolve));
await new Promise((resolve) => bare.close(resolve));
await storage.close();
