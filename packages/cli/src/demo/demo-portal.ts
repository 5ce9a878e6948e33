import type { AddressInfo } from 'node:net';
import { type BillingStorageAdapter, createBilling, createTestClock } from '@billfold/core';
import { ALL_PORTAL_PERMISSIONS, createPortalAuth, createPortalHandler, generatePortalKey } from '@billfold/server';
import { createAdaptorServer } from '@hono/node-server';
import type { Progress } from '../progress';
import { runScenario } from './scenario';
import { DEMO_SELLERS } from './write-documents';

/** A demo customer someone can sign in as. */
export interface DemoSignIn {
  readonly name: string;
  readonly customerId: string;
  /** A session token with every permission, for `curl -H "Authorization: Bearer …"`. */
  readonly token: string;
  /** The hosted sign-in page with a single-use magic link. */
  readonly link: string;
}

/** A running demo portal. */
export interface DemoPortal {
  /** Where the portal answers: `http://127.0.0.1:4100/billing`. */
  readonly url: string;
  readonly signIns: readonly DemoSignIn[];
  close(): Promise<void>;
}

/**
 * Plays the demo on `storage` (empty), then serves the customer portal over its records on loopback: the
 * engine's clock stands at the end of the demo, plan changes among the demo's plans are allowed, and the first
 * `signIns` customers get a session token and a magic link (valid for `ttl` seconds).
 */
export async function startDemoPortal(
  storage: BillingStorageAdapter,
  settings: { readonly customers: number; readonly months: number; readonly port: number; readonly signIns: number },
  progress: Progress,
): Promise<DemoPortal> {
  const result = await runScenario(storage, { customers: settings.customers, months: settings.months, progress });
  const end = new Date(result.start);
  end.setUTCMonth(end.getUTCMonth() + settings.months);
  // Bill the boundary the demo ended on, then stand nine days into that period: every live subscription has a
  // billed period to change plans in, and time only moves forward.
  const clock = createTestClock(end.toISOString());
  const billing = createBilling({ storage, clock });
  await progress.step('billing run at the end of the demo', () => billing.runCycle());
  clock.advance({ days: 9 });
  const auth = createPortalAuth({
    keys: [await generatePortalKey({ kid: 'demo' })],
    issuer: 'billfold-demo',
    audience: 'billfold-demo-portal',
    clock,
    maxSessionTtl: 7 * 24 * 3600,
  });
  const handler = createPortalHandler({
    billing,
    auth,
    documents: { seller: DEMO_SELLERS.EUR as (typeof DEMO_SELLERS)[string] },
    basePath: '/billing',
    plans: { priceIds: result.catalog.plans.flatMap((plan) => [plan.prices.EUR.id, plan.prices.USD.id]) },
  });
  const server = createAdaptorServer({ fetch: handler });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing`;
  const signIns = await Promise.all(
    result.customers.slice(0, settings.signIns).map(async ({ customer }) => {
      const permissions = [...ALL_PORTAL_PERMISSIONS];
      const session = await auth.createPortalSession({ customerId: customer.id, permissions, ttl: 24 * 3600 });
      const link = await auth.createMagicLink({ customerId: customer.id, permissions, ttl: 86_400 });
      return {
        name: customer.name,
        customerId: customer.id,
        token: session.token,
        link: `${url}/sign-in#token=${link.token}`,
      };
    }),
  );
  return {
    url,
    signIns,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
