import type { AddressInfo } from 'node:net';
import {
  type Billing,
  type BillingStorageAdapter,
  type Clock,
  createBilling,
  createTestClock,
  type PaymentGateway,
} from '@billfold/core';
import {
  ALL_PORTAL_PERMISSIONS,
  createPortalAuth,
  createPortalHandler,
  generatePortalKey,
  type PortalAuth,
  type PortalHandler,
  type PortalHandlerOptions,
} from '@billfold/server';
import { createAdaptorServer } from '@hono/node-server';
import type { Progress } from '../progress';
import { runScenario, type ScenarioResult } from './scenario';
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

/** The demo's billing and portal, ready to mount: what {@link startDemoPortal} serves, for a host of its own. */
export interface DemoPortalParts {
  readonly billing: Billing;
  readonly auth: PortalAuth;
  readonly handler: PortalHandler;
  readonly customers: ScenarioResult['customers'];
}

/** What {@link createDemoPortal} plays and how its portal's engine is made. */
export interface DemoPortalSettings {
  readonly customers: number;
  readonly months: number;
  readonly basePath?: string;
  /** The portal engine's payment gateways, made on its clock (which stands at the end of the demo). */
  readonly gateways?: (clock: Clock) => Promise<readonly PaymentGateway[]>;
}

/**
 * Plays the demo on `storage` (empty) and makes the customer portal over its records (mounted at `basePath`): the
 * engine's clock stands at the end of the demo, plan changes among the demo's plans are allowed. `options` adds to
 * the handler's options (payment flows, CORS origins); a function of the engine when it needs it.
 */
export async function createDemoPortal(
  storage: BillingStorageAdapter,
  settings: DemoPortalSettings,
  progress: Progress,
  options: (billing: Billing) => Partial<PortalHandlerOptions> = () => ({}),
): Promise<DemoPortalParts> {
  const result = await runScenario(storage, { customers: settings.customers, months: settings.months, progress });
  const end = new Date(result.start);
  end.setUTCMonth(end.getUTCMonth() + settings.months);
  // Bill the boundary the demo ended on, then stand nine days into that period: every live subscription has a
  // billed period to change plans in, and time only moves forward.
  const clock = createTestClock(end.toISOString());
  const gateways = settings.gateways === undefined ? [] : await settings.gateways(clock);
  const billing = createBilling({ storage, clock, gateways });
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
    basePath: settings.basePath ?? '/billing',
    plans: { priceIds: result.catalog.plans.flatMap((plan) => [plan.prices.EUR.id, plan.prices.USD.id]) },
    ...options(billing),
  });
  return { billing, auth, handler, customers: result.customers };
}

/**
 * Plays the demo on `storage` (empty), then serves the customer portal over its records on loopback (see
 * {@link createDemoPortal}); the first `signIns` customers get a session token and a magic link.
 */
export async function startDemoPortal(
  storage: BillingStorageAdapter,
  settings: { readonly customers: number; readonly months: number; readonly port: number; readonly signIns: number },
  progress: Progress,
): Promise<DemoPortal> {
  const { auth, handler, customers } = await createDemoPortal(storage, settings, progress);
  const server = createAdaptorServer({ fetch: handler });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing`;
  const signIns = await Promise.all(
    customers.slice(0, settings.signIns).map(async ({ customer }) => {
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
