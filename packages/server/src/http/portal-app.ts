import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { PortalTelemetry } from '../observability/telemetry';
import type { RouteContract } from '../routes/route-contract';
import type { RouteHandler } from '../routes/route-handler';
import { PortalProblem, problemOf, problemResponse } from './problem';
import type { RateLimit } from './rate-limit';
import { type RequestFacts, type RouteDeps, rateLimited, runRoute } from './run-route';

/** What {@link buildPortalApp} needs. */
export interface PortalAppOptions extends RouteDeps {
  readonly routes: Readonly<Record<string, RouteContract>>;
  readonly handlers: Readonly<Record<string, RouteHandler<RouteContract>>>;
  readonly basePath: string;
  readonly origins: readonly string[];
  readonly maxBodyBytes: number;
  readonly perIp: RateLimit;
  readonly telemetry: PortalTelemetry;
  readonly clientIp: (request: Request, env: unknown) => string | undefined;
}

type Env = { Variables: { facts: RequestFacts } };

/** `/invoices/{invoiceId}` → `/invoices/:invoiceId`. */
const honoPath = (path: string) => path.replace(/\{([A-Za-z]+)\}/g, ':$1');

/**
 * The portal as a Hono app: request id, telemetry and logging around everything; then security headers, the
 * CORS allow-list, the per-IP rate limit and the body size limit; then one route per entry of the table.
 */
export function buildPortalApp(options: PortalAppOptions): Hono<Env> {
  const { portal } = options;
  const app = new Hono<Env>().basePath(options.basePath);

  app.use('*', async (c, next) => {
    const started = performance.now();
    const facts: RequestFacts = {
      requestId: globalThis.crypto.randomUUID(),
      routeId: 'unmatched',
      routePath: 'unmatched',
    };
    c.set('facts', facts);
    const span = options.telemetry.start(c.req.method);
    await next();
    c.res.headers.set('x-request-id', facts.requestId);
    const status = c.res.status;
    const code = status >= 400 ? (c.res.headers.get('x-problem-code') ?? undefined) : undefined;
    c.res.headers.delete('x-problem-code');
    const seconds = (performance.now() - started) / 1000;
    options.telemetry.finish(span, {
      method: c.req.method,
      routeId: facts.routeId,
      route: facts.routePath,
      status,
      seconds,
      ...(code === undefined ? {} : { code }),
    });
    portal.logger.log({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      event: 'request',
      requestId: facts.requestId,
      route: facts.routeId,
      method: c.req.method,
      status,
      durationMs: Math.round(seconds * 1000),
      ...(facts.session === undefined ? {} : { sessionId: facts.session.sessionId }),
      ...(code === undefined ? {} : { code }),
      ...(facts.refusal === undefined ? {} : { refusal: facts.refusal }),
    });
  });
  app.use(
    '*',
    secureHeaders({
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    // Everything here is one customer's: no shared cache may keep it.
    c.res.headers.set('cache-control', 'no-store');
    // JSON and documents need no script, style or frame: the sign-in page sets its own, nonce'd policy.
    if (!c.res.headers.has('content-security-policy')) {
      c.res.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    }
  });
  app.use(
    '*',
    cors({
      origin: (origin) => (options.origins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      exposeHeaders: ['Retry-After', 'X-Request-Id', 'Content-Disposition'],
      maxAge: 600,
      credentials: false,
    }),
  );
  app.use('*', async (c, next) => {
    const ip = options.clientIp(c.req.raw, c.env) ?? 'unknown';
    const hit = await options.rateLimits.hit(`ip:${ip}`, options.perIp.limit, options.perIp.windowSeconds * 1000);
    if (!hit.allowed) throw rateLimited(hit.resetAt, portal.clock.now().getTime());
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: () => {
        throw new PortalProblem('payload_too_large', `The body may hold at most ${options.maxBodyBytes} bytes.`);
      },
    }),
  );

  for (const [id, route] of Object.entries(options.routes)) {
    const handler = options.handlers[id];
    if (handler === undefined) throw new Error(`route ${id} has no handler`);
    app.on(route.method, honoPath(route.path), (c) => runRoute(c, id, route, handler, options, c.get('facts')));
  }

  app.notFound((c) => {
    const { problem } = problemOf(new PortalProblem('not_found', 'No such route.'), c.get('facts')?.requestId ?? '');
    return withCode(problemResponse(problem), problem.code);
  });
  app.onError((error, c) => {
    const facts = c.get('facts');
    if (!(error instanceof PortalProblem) && !(typeof error === 'object' && error !== null && 'code' in error)) {
      portal.logger.log({
        level: 'error',
        event: 'error',
        requestId: facts?.requestId ?? '',
        route: facts?.routeId ?? 'unmatched',
        method: c.req.method,
        error: error.name,
      });
    }
    const { problem, headers } = problemOf(error, facts?.requestId ?? '');
    return withCode(problemResponse(problem, headers), problem.code);
  });
  return app;
}

/** Marks a problem response with its code for the outer middleware's log line and span (removed before sending). */
function withCode(response: Response, code: string): Response {
  response.headers.set('x-problem-code', code);
  return response;
}
