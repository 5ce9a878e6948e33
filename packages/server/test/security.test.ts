import { MemoryStorage } from '@billfold/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_PORTAL_PERMISSIONS,
  createPortalAuth,
  type PortalRouteId,
  portalRoutes,
  type RouteContract,
} from '../src/index';
import { createFakePaymentFlows } from './support/fake-payment-flows';
import { type PortalFixture, startPortal, TEST_KEY } from './support/portal-fixture';

/*
 * Security tests generated from the route table: every route, called with customer A's session on customer B's
 * objects, answers 404 and changes nothing; every session route refuses bad tokens with 401 and a session
 * without its permission with 403. A route added to the table without a line here fails the coverage test.
 */

let portal: PortalFixture;
const payments = createFakePaymentFlows();

beforeAll(async () => {
  portal = await startPortal(new MemoryStorage(), { payments });
});
afterAll(() => portal?.close());

const a = () => portal.customers[0] as PortalFixture['customers'][number];
const b = () => portal.customers[1] as PortalFixture['customers'][number];

/** B's object for each path parameter; a month and a format where a path takes them. */
const bObjects = (): Record<string, string> => ({
  invoiceId: b().invoiceIds[1] as string,
  creditNoteId: b().creditNoteId,
  subscriptionId: b().subscriptionId,
  paymentId: b().paymentId,
  paymentMethodId: `pm_${b().id}`,
  month: '2026-02',
  // CSV: the documents of A's own routes (the statement) are text the leak check below can read.
  format: 'csv',
});

/** A valid body or query for each route that takes one, naming B's objects where it names any. */
const inputs: Partial<Record<PortalRouteId, { body?: unknown; query?: string }>> = {
  redeemMagicLink: { body: { token: 'x' } },
  listInvoices: { query: '' },
  listCreditNotes: { query: '' },
  listPayments: { query: '' },
  previewPlanChange: { body: { items: [{ priceId: '$pro' }] } },
  changePlan: { body: { quote: 'quote' } },
  cancelSubscription: { body: { atPeriodEnd: false, reason: 'other' } },
  pauseSubscription: { body: {} },
  resumeSubscription: { body: {} },
  updateProfile: { body: { name: 'Changed' } },
  payInvoices: { body: { invoiceIds: ['$bInvoice'] } },
  confirmPayment: { body: {} },
  setupPaymentMethod: { body: {} },
};

/** Routes that name B's objects in the query or body rather than the path: A gets 404 there too. */
const referencesInInput: Partial<Record<PortalRouteId, { query?: string; body?: unknown }>> = {
  listCreditNotes: { query: '?invoiceId=$bInvoice' },
  payInvoices: { body: { invoiceIds: ['$bInvoice'] } },
};

/** Routes about the session's own customer only (no object named): A's answer must hold none of B's ids. */
const ownCustomerOnly: ReadonlySet<PortalRouteId> = new Set([
  'getSession',
  'endSession',
  'getAccount',
  'listInvoices',
  'exportInvoices',
  'getStatementDocument',
  'listPayments',
  'listSubscriptions',
  'getProfile',
  'updateProfile',
  'listPaymentMethods',
  'setupPaymentMethod',
]);

const fill = (text: string) =>
  text.replaceAll('$bInvoice', bObjects().invoiceId as string).replaceAll('$pro', portal.prices.pro);

function request(
  id: PortalRouteId,
  route: RouteContract,
  token: string | undefined,
  override?: { query?: string; body?: unknown },
) {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => bObjects()[name] ?? 'missing');
  const input = override ?? inputs[id] ?? {};
  const body = input.body === undefined ? undefined : fill(JSON.stringify(input.body));
  return portal.call(`${path}${input.query === undefined ? '' : fill(input.query)}`, token, {
    method: route.method,
    ...(body === undefined ? {} : { body }),
    ...(route.idempotencyKey === 'required' ? { idempotencyKey: `key-${id}-${Math.random()}` } : {}),
  });
}

const routes = Object.entries(portalRoutes) as [PortalRouteId, RouteContract][];
const sessionRoutes = routes.filter(([, route]) => route.auth === 'session');

describe('every route is covered', () => {
  it('names each session route as owning an object, referencing one in its input, or about the own customer only', () => {
    const uncovered = sessionRoutes
      .map(([id]) => id)
      .filter(
        (id) =>
          (portalRoutes[id] as RouteContract).owns === undefined &&
          !(id in referencesInInput) &&
          !ownCustomerOnly.has(id),
      );
    expect(uncovered, 'routes without a BOLA case: add them to referencesInInput or ownCustomerOnly').toEqual([]);
  });

  it('keeps the public routes to operations and sign-in', () => {
    expect(
      routes
        .filter(([, r]) => r.auth === 'none')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['health', 'openapi', 'ready', 'redeemMagicLink', 'signInPage'].sort());
  });
});

describe("customer A's session on customer B's objects", () => {
  for (const [id, route] of sessionRoutes) {
    if (route.owns === undefined && !(id in referencesInInput)) continue;
    it(`${route.method} ${route.path} answers 404 and changes nothing`, async () => {
      const before = await portal.snapshot();
      const calls = payments.calls.length;
      const response = await request(id, route, await portal.token(a().id), referencesInInput[id]);
      expect(response.status, await response.clone().text()).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await response.json();
      expect(problem.code).toBe('not_found');
      // Nothing of B's leaks: not the customer, not the object's details.
      expect(JSON.stringify(problem)).not.toContain(b().id);
      expect(JSON.stringify(problem)).not.toContain('Customer 2');
      expect(await portal.snapshot()).toBe(before);
      // A's request never reached the payment flows for B's object.
      expect(payments.calls.slice(calls).filter((c) => c.endsWith(b().id))).toEqual([]);
    });
  }

  for (const id of ownCustomerOnly) {
    const route = portalRoutes[id] as RouteContract;
    it(`${route.method} ${route.path} shows and changes only A's own records`, async () => {
      const bBefore = JSON.stringify(await portal.billing.customers.get(b().id));
      const response = await request(id, route, await portal.token(a().id));
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      const text = await response.text();
      for (const objectId of [b().id, ...b().invoiceIds, b().creditNoteId, b().subscriptionId, b().paymentId])
        expect(text).not.toContain(objectId);
      expect(JSON.stringify(await portal.billing.customers.get(b().id))).toBe(bBefore);
    });
  }
});

describe('tokens', () => {
  const bad: Record<string, () => Promise<string | undefined>> = {
    missing: async () => undefined,
    expired: async () => {
      const auth = createPortalAuth({
        keys: [TEST_KEY],
        issuer: 'https://host.test',
        audience: 'https://host.test/billing',
        clock: { now: () => new Date('2026-02-10T09:00:00Z') },
      });
      return (await auth.createPortalSession({ customerId: a().id, permissions: [...ALL_PORTAL_PERMISSIONS], ttl: 60 }))
        .token;
    },
    tampered: async () => {
      const [header, payload, signature] = (await portal.token(a().id)).split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: b().id })).toString('base64url')}.${signature}`;
    },
    'wrong audience': async () =>
      (
        await portal.auth.createPortalSession({
          customerId: a().id,
          permissions: ['read'],
          audience: 'https://other.test',
        })
      ).token,
    revoked: async () => {
      const session = await portal.auth.createPortalSession({
        customerId: a().id,
        permissions: [...ALL_PORTAL_PERMISSIONS],
      });
      await portal.auth.revokeSession({ sessionId: session.sessionId, expiresAt: new Date(session.expiresAt) });
      return session.token;
    },
  };
  for (const [kind, make] of Object.entries(bad)) {
    it(`refuses a ${kind} token on every session route with 401 and changes nothing`, async () => {
      const token = await make();
      const before = await portal.snapshot();
      for (const [id, route] of sessionRoutes) {
        const response = await request(id, route, token);
        expect(response.status, `${id}: ${await response.clone().text()}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('invalid_token');
        expect((await response.json()).code).toBe('unauthorized');
      }
      expect(await portal.snapshot()).toBe(before);
    });
  }

  it('refuses a session without the route’s permission with 403 on every route that needs one', async () => {
    for (const [id, route] of sessionRoutes) {
      if (route.permission === undefined) continue;
      const others = ALL_PORTAL_PERMISSIONS.filter((p) => p !== route.permission);
      const response = await request(id, route, await portal.token(a().id, others));
      expect(response.status, id).toBe(403);
      expect((await response.json()).code).toBe('forbidden');
    }
  });
});

describe('pausing where the host does not offer it', () => {
  it('answers 409 and leaves the subscription running', async () => {
    const token = await portal.token(a().id);
    const answer = await portal.call(`/subscriptions/${a().subscriptionId}/pause`, token, {
      method: 'POST',
      body: '{}',
      idempotencyKey: 'pause-not-offered',
    });
    expect(answer.status).toBe(409);
    expect((await answer.json()).code).toBe('invalid_state');
    const after = await portal.call(`/subscriptions/${a().subscriptionId}`, token);
    expect((await after.json()).subscription.status).toBe('active');
  });
});
