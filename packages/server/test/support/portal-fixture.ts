import type { AddressInfo } from 'node:net';
import { type BillingStorageAdapter, listAll } from '@billfold/core';
import { createAdaptorServer } from '@hono/node-server';
import {
  ALL_PORTAL_PERMISSIONS,
  createMemoryAuditSink,
  createPortalAuth,
  createEnginePaymentFlows,
  createPortalHandler,
  type MemoryAuditSink,
  type PortalAuth,
  type PortalHandlerOptions,
  type PortalPermission,
} from '../../src/index';
import { SELLER, type SeededBilling, type SeedOptions, seedBilling } from './billing-fixture';

/** A portal on Node's http server over seeded billing, with helpers to mint sessions. */
export interface PortalFixture extends SeededBilling {
  readonly url: string;
  readonly auth: PortalAuth;
  readonly audit: MemoryAuditSink;
  /** A session token for a customer. */
  token(customerId: string, permissions?: readonly PortalPermission[]): Promise<string>;
  /** `fetch` on the portal with a token. */
  call(path: string, token: string | undefined, init?: RequestInit & { idempotencyKey?: string }): Promise<Response>;
  /** Every record of the storage, to prove a refused request changed nothing. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

/** The 32-byte demo secret of the tests' HS256 key. */
export const TEST_KEY = {
  kid: 'test-1',
  alg: 'HS256',
  secret: 'dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXk',
} as const;

/**
 * Starts a portal on a free loopback port over `storage` (seeded here with `seed`). When the seed gives the engine
 * gateways, the portal pays through them (`createEnginePaymentFlows`) unless `options.payments` says otherwise.
 */
export async function startPortal(
  storage: BillingStorageAdapter,
  options: Partial<PortalHandlerOptions> = {},
  seed: SeedOptions = {},
): Promise<PortalFixture> {
  const seeded = await seedBilling(storage, seed);
  const auth = createPortalAuth({
    keys: [TEST_KEY],
    issuer: 'https://host.test',
    audience: 'https://host.test/billing',
    clock: seeded.clock,
  });
  const audit = createMemoryAuditSink();
  const handler = createPortalHandler({
    billing: seeded.billing,
    auth,
    audit,
    documents: { seller: SELLER },
    basePath: '/billing',
    plans: { priceIds: [seeded.prices.pro, seeded.prices.basic, seeded.prices.usd] },
    cancellation: { allowImmediate: true },
    corsOrigins: ['https://app.host.test'],
    ...(seed.gateways !== undefined ? { payments: createEnginePaymentFlows(seeded.billing) } : {}),
    ...options,
  });
  const server = createAdaptorServer({ fetch: handler });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing`;
  const { billing } = seeded;
  return {
    ...seeded,
    url,
    auth,
    audit,
    token: async (customerId, permissions = ALL_PORTAL_PERMISSIONS) =>
      (await auth.createPortalSession({ customerId, permissions: [...permissions] })).token,
    call: (path, token, init = {}) => {
      const { idempotencyKey, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      if (idempotencyKey !== undefined) headers.set('idempotency-key', idempotencyKey);
      if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    snapshot: async () => {
      const all = await Promise.all([
        listAll((page) => billing.customers.list(page)),
        listAll((page) => billing.subscriptions.list(page)),
        listAll((page) => billing.invoices.list(page)),
        listAll((page) => billing.creditNotes.list(page)),
        listAll((page) => billing.payments.list(page)),
      ]);
      return JSON.stringify(all);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
