import { PortalProblem } from '../http/problem';
import { signInPage } from '../http/sign-in-page';
import type { PortalRouteHandlers } from './route-handler';

type SessionRoutes = 'health' | 'ready' | 'openapi' | 'signInPage' | 'redeemMagicLink' | 'getSession' | 'endSession';

/** Operations (health, readiness, the OpenAPI document) and the session routes (magic-link sign-in, who am I, sign-out). */
export const sessionHandlers: Pick<PortalRouteHandlers, SessionRoutes> = {
  async health() {
    return { status: 'ok' };
  },
  async ready({ portal }) {
    try {
      // Storage answers a read (whatever it finds), and the host's own check passes.
      await portal.billing.customers.list({ limit: 1 });
      if (portal.ready !== undefined && !(await portal.ready())) throw new Error('host readiness check failed');
    } catch {
      throw new PortalProblem('unavailable', 'Not ready: storage or a dependency does not answer.', {
        'retry-after': '5',
      });
    }
    return { status: 'ok' };
  },
  async openapi({ portal }) {
    return portal.openapi();
  },
  async signInPage() {
    const scriptNonce = globalThis.crypto.randomUUID().replaceAll('-', '');
    return { html: signInPage(scriptNonce), scriptNonce };
  },
  async redeemMagicLink({ portal, body, auditDetails }) {
    const redeemed = await portal.auth.redeemMagicLink(body.token);
    if (!redeemed.ok) {
      auditDetails.refusal = redeemed.reason;
      throw new PortalProblem('unauthorized', 'This sign-in link is invalid, expired or already used.', {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    const { session } = redeemed;
    auditDetails.sessionId = session.sessionId;
    auditDetails.customerId = session.customerId;
    return {
      token: session.token,
      customerId: session.customerId,
      permissions: [...session.permissions],
      expiresAt: session.expiresAt,
    };
  },
  async getSession({ session }) {
    return {
      customerId: session.customerId,
      permissions: [...session.permissions],
      expiresAt: session.expiresAt.toISOString(),
    };
  },
  async endSession({ portal, session }) {
    await portal.auth.revokeSession(session);
    return undefined;
  },
};
