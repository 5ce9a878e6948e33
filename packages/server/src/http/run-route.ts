import { isBillingError, validate } from '@billfold/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { PortalSession } from '../auth/portal-auth';
import type { PortalContext } from '../portal-context';
import type { RouteContract } from '../routes/route-contract';
import type { FileReply, RouteCall, RouteHandler } from '../routes/route-handler';
import { PortalProblem, problemOf } from './problem';
import type { RateLimit, RateLimitStore } from './rate-limit';

/** What the router needs besides the portal context. */
export interface RouteDeps {
  readonly portal: PortalContext;
  readonly rateLimits: RateLimitStore;
  readonly perSession: RateLimit;
}

/** Per-request facts the outer middleware logs and measures. */
export interface RequestFacts {
  requestId: string;
  routeId: string;
  routePath: string;
  session?: PortalSession;
  refusal?: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i;

/**
 * `customer_erased` when the session's customer was erased: every session of theirs ends at once, whatever its
 * expiry (a token minted before or after the erasure alike), with the same 401 as an expired token.
 */
async function erasedRefusal(portal: PortalContext, customerId: string): Promise<'customer_erased' | undefined> {
  try {
    return (await portal.billing.customers.get(customerId)).erasure === undefined ? undefined : 'customer_erased';
  } catch (error) {
    // A customer the host has not created (yet) is the routes' to answer (404), as before.
    if (isBillingError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

async function authenticate(
  c: Context,
  deps: RouteDeps,
  facts: RequestFacts,
  route: RouteContract,
): Promise<PortalSession> {
  const header = c.req.header('authorization');
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
  const checked = await deps.portal.auth.verifySession(
    header !== undefined && token === undefined ? 'malformed' : token,
  );
  const refusal = checked.ok ? await erasedRefusal(deps.portal, checked.session.customerId) : checked.reason;
  if (refusal !== undefined || !checked.ok) {
    facts.refusal = refusal;
    throw new PortalProblem('unauthorized', 'Sign in again: the session token is missing, invalid or expired.', {
      'www-authenticate': 'Bearer realm="billfold-portal", error="invalid_token"',
    });
  }
  facts.session = checked.session;
  const hit = await deps.rateLimits.hit(
    `session:${checked.session.sessionId}`,
    deps.perSession.limit,
    deps.perSession.windowSeconds * 1000,
  );
  if (!hit.allowed) throw rateLimited(hit.resetAt, deps.portal.clock.now().getTime());
  if (route.permission !== undefined && !checked.session.permissions.includes(route.permission)) {
    throw new PortalProblem(
      'forbidden',
      `This session may not do this: it needs the "${route.permission}" permission.`,
    );
  }
  return checked.session;
}

/** The 429 for a window that resets at `resetAt`. */
export function rateLimited(resetAt: number, now: number): PortalProblem {
  const seconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return new PortalProblem('rate_limited', `Too many requests: try again in ${seconds} s.`, {
    'retry-after': String(seconds),
  });
}

async function readBody(c: Context, schema: z.ZodType): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new PortalProblem('unsupported_media_type', 'Send the body as application/json.');
  }
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new PortalProblem('invalid_input', 'The body is not valid JSON.', {}, ['body']);
  }
  return validate(schema, json, 'body');
}

function fileResponse(reply: FileReply): Response {
  const name = reply.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(reply.body as BodyInit, {
    status: 200,
    headers: { 'content-type': reply.mediaType, 'content-disposition': `attachment; filename="${name}"` },
  });
}

/**
 * Answers one request on one route: authenticate, limit, authorise, validate every input, run the handler, shape
 * the reply by the route's schema (fields the schema does not name never leave), and audit every change.
 */
export async function runRoute(
  c: Context,
  id: string,
  route: RouteContract,
  handler: RouteHandler<RouteContract>,
  deps: RouteDeps,
  facts: RequestFacts,
): Promise<Response> {
  facts.routeId = id;
  facts.routePath = route.path;
  const auditDetails: Record<string, string> = {};
  let status = 500;
  let params: Record<string, string> = {};
  try {
    const session = route.auth === 'session' ? await authenticate(c, deps, facts, route) : undefined;
    params = c.req.param() as Record<string, string>;
    let idempotencyKey: string | undefined;
    if (route.idempotencyKey === 'required') {
      const key = c.req.header('idempotency-key');
      if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
        throw new PortalProblem(
          'invalid_input',
          'Send an Idempotency-Key header: 1–100 visible ASCII characters, new for each change.',
          {},
          ['headers', 'Idempotency-Key'],
        );
      }
      // Scoped to the customer: one customer's key can neither replay nor block another's request.
      idempotencyKey = `portal:${session?.customerId}:${key}`;
    }
    const call = {
      params: route.params === undefined ? {} : validate(route.params, params, 'params'),
      query: route.query === undefined ? {} : validate(route.query, c.req.query(), 'query'),
      body: route.body === undefined ? {} : await readBody(c, route.body),
      session,
      idempotencyKey,
      portal: deps.portal,
      request: c.req.raw,
      requestId: facts.requestId,
      auditDetails,
    } as RouteCall<RouteContract>;
    const reply = await handler(call);
    let response: Response;
    switch (route.response.kind) {
      case 'json':
        response = c.json(route.response.schema.parse(reply) as object, route.response.status);
        break;
      case 'file':
        response = fileResponse(reply as unknown as FileReply);
        break;
      case 'html': {
        const page = reply as unknown as { html: string; scriptNonce: string };
        response = c.html(page.html);
        const nonce = `'nonce-${page.scriptNonce}'`;
        response.headers.set(
          'content-security-policy',
          `default-src 'none'; script-src ${nonce}; style-src ${nonce}; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        );
        break;
      }
      case 'empty':
        response = c.body(null, 204);
        break;
    }
    status = response.status;
    return response;
  } catch (error) {
    status = problemOf(error, facts.requestId).problem.status;
    throw error;
  } finally {
    if (route.changes) await audit(deps.portal, id, route, params, facts, status, auditDetails);
  }
}

async function audit(
  portal: PortalContext,
  action: string,
  route: RouteContract,
  params: Record<string, string>,
  facts: RequestFacts,
  status: number,
  details: Record<string, string>,
): Promise<void> {
  const targetName = route.owns === undefined ? undefined : Object.keys(params)[0];
  const targetId = targetName === undefined ? undefined : params[targetName];
  try {
    await portal.audit.record({
      at: portal.clock.now().toISOString(),
      action,
      customerId: facts.session?.customerId ?? details.customerId,
      sessionId: facts.session?.sessionId ?? details.sessionId,
      requestId: facts.requestId,
      ...(route.owns === undefined || targetId === undefined ? {} : { target: { type: route.owns, id: targetId } }),
      status,
      details,
    });
  } catch (error) {
    portal.logger.log({
      level: 'error',
      event: 'audit_failed',
      requestId: facts.requestId,
      route: action,
      method: route.method,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}
