import type { Billing, Clock } from '@billfold/core';
import { validate } from '@billfold/core';
import { z } from 'zod';
import type { PortalAuth } from './auth/portal-auth';
import { buildPortalApp } from './http/portal-app';
import { createMemoryRateLimitStore, type RateLimit, type RateLimitStore } from './http/rate-limit';
import type { AuditSink } from './observability/audit';
import { type PortalLogger, silentLogger } from './observability/logger';
import { createTelemetry, type PortalTelemetryOptions } from './observability/telemetry';
import { buildOpenApiDocument } from './openapi/openapi-document';
import type { PortalPaymentFlows } from './payments/portal-payment-flows';
import type { PortalContext, PortalDocumentOptions, PortalPauseRules } from './portal-context';
import { portalHandlers } from './routes/handlers';
import { createQuoteSigner } from './routes/plan-quote';
import type { RouteContract } from './routes/route-contract';
import type { RouteHandler } from './routes/route-handler';
import { portalRoutes } from './routes/route-table';

/** What {@link createPortalHandler} takes. `billing`, `auth` and `documents` are required. */
export interface PortalHandlerOptions {
  readonly billing: Billing;
  readonly auth: PortalAuth;
  /** How documents are rendered: the seller (required), paper size, fonts, custom fields. */
  readonly documents: PortalDocumentOptions;
  /** Where the handler is mounted (`/billing`), or `''` when the host strips the prefix itself (default). */
  readonly basePath?: string;
  /** Plan changes customers may make: the prices they may switch to and how changes are prorated. */
  readonly plans?: {
    readonly priceIds: readonly string[];
    readonly prorate?: 'next_invoice' | 'immediate' | 'none';
    readonly maxQuantity?: number;
  };
  readonly cancellation?: { readonly allowImmediate?: boolean; readonly prorateImmediate?: boolean };
  /** Lets customers pause their subscriptions, billed as `behavior` says, for at most `maxDays`; off by default. */
  readonly pause?: PortalPauseRules;
  /** Browser origins allowed to call the API (CORS); none by default (same-origin only). */
  readonly corsOrigins?: readonly string[];
  readonly limits?: {
    /** Largest request body in bytes (default 16 KiB). */
    readonly maxBodyBytes?: number;
    /** Default 300 requests a minute per IP address. */
    readonly perIp?: RateLimit;
    /** Default 120 requests a minute per session. */
    readonly perSession?: RateLimit;
  };
  /** Where rate-limit counters live (default: in memory; share one across instances). */
  readonly rateLimitStore?: RateLimitStore;
  /** The client's IP address for the per-IP limit; default: `env.clientIp`, or Node's socket address via `@hono/node-server`. */
  readonly clientIp?: (request: Request) => string | undefined;
  /** Where audit entries of every change go (default: the logger, as `audit` lines). */
  readonly audit?: AuditSink;
  readonly logger?: PortalLogger;
  readonly telemetry?: PortalTelemetryOptions;
  /** The payment flows over the gateways; without them the payment routes answer 501. */
  readonly payments?: PortalPaymentFlows;
  readonly verifyTaxId?: PortalContext['verifyTaxId'];
  readonly cancellationFeedback?: PortalContext['cancellationFeedback'];
  readonly ready?: () => Promise<boolean>;
  /** The HMAC key of plan-change quotes; share one across instances (default: random per process). */
  readonly quoteSecret?: Uint8Array;
  /** How long a plan-change quote holds, in seconds (default 600). */
  readonly quoteTtl?: number;
  /** The source of "now" (default: the engine's clock). */
  readonly clock?: Clock;
}

const LimitSchema = z.strictObject({
  limit: z.number().int().min(1),
  windowSeconds: z.number().int().min(1).max(86_400),
});
const OptionsSchema = z.object({
  billing: z.custom<Billing>((b) => typeof (b as Billing)?.invoices?.list === 'function', {
    message: 'expected the engine from createBilling',
  }),
  auth: z.custom<PortalAuth>((a) => typeof (a as PortalAuth)?.verifySession === 'function', {
    message: 'expected createPortalAuth(…)',
  }),
  documents: z.object({ seller: z.unknown() }).passthrough(),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'empty, or a path like "/billing" without a trailing slash')
    .default(''),
  plans: z
    .strictObject({
      priceIds: z.array(z.string()).max(100),
      prorate: z.enum(['next_invoice', 'immediate', 'none']).default('next_invoice'),
      maxQuantity: z.number().int().min(1).max(1_000_000).default(100),
    })
    .default({ priceIds: [], prorate: 'next_invoice', maxQuantity: 100 }),
  cancellation: z
    .strictObject({ allowImmediate: z.boolean().default(false), prorateImmediate: z.boolean().default(true) })
    .default({ allowImmediate: false, prorateImmediate: true }),
  pause: z
    .strictObject({
      behavior: z.enum(['keep_schedule', 'restart']),
      maxDays: z.number().int().min(1).max(3660).optional(),
    })
    .optional(),
  corsOrigins: z.array(z.url()).default([]),
  limits: z
    .strictObject({
      maxBodyBytes: z.number().int().min(256).max(10_000_000).default(16_384),
      perIp: LimitSchema.default({ limit: 300, windowSeconds: 60 }),
      perSession: LimitSchema.default({ limit: 120, windowSeconds: 60 }),
    })
    .default({
      maxBodyBytes: 16_384,
      perIp: { limit: 300, windowSeconds: 60 },
      perSession: { limit: 120, windowSeconds: 60 },
    }),
  quoteTtl: z.number().int().min(30).max(3600).default(600),
  quoteSecret: z
    .instanceof(Uint8Array)
    .refine((key) => key.byteLength >= 32, 'at least 32 bytes')
    .optional(),
});

/** The portal handler: a Web-standard fetch function. `env` may carry `{ clientIp }` (or Node's `incoming`). */
export type PortalHandler = (request: Request, env?: unknown) => Promise<Response>;

/** The client address from what the runtime passes: `{ clientIp }`, or `@hono/node-server`'s `{ incoming }`. */
function envClientIp(env: unknown): string | undefined {
  const given = env as { clientIp?: unknown; incoming?: { socket?: { remoteAddress?: unknown } } } | undefined;
  if (typeof given?.clientIp === 'string') return given.clientIp;
  const address = given?.incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : undefined;
}

/**
 * Creates the customer portal API as a `(request) => Promise<Response>` handler for Node's http (through
 * `@hono/node-server`), Express, Hono, Deno, Bun or an edge runtime. Every route derives the customer from the
 * verified session token alone; see docs/portal.md for the routes and the threat model.
 * @throws BillingError `invalid_input` with a path under `options`.
 * @example
 * ```ts
 * const auth = createPortalAuth({ keys, issuer: 'https://shop.example', audience: 'https://shop.example/billing' });
 * const handler = createPortalHandler({ billing, auth, documents: { seller }, basePath: '/billing' });
 * serve({ fetch: handler, port: 3000 }); // @hono/node-server
 * ```
 */
export function createPortalHandler(options: PortalHandlerOptions): PortalHandler {
  const parsed = validate(OptionsSchema, options, 'options');
  const clock = options.clock ?? options.billing.context.clock;
  const logger = options.logger ?? silentLogger;
  const audit: AuditSink = options.audit ?? {
    record: (entry) =>
      logger.log({
        level: 'info',
        event: 'request',
        requestId: entry.requestId,
        route: `audit:${entry.action}`,
        method: 'AUDIT',
        status: entry.status,
      }),
  };
  let openapi: Record<string, unknown> | undefined;
  const portal: PortalContext = {
    billing: options.billing,
    auth: options.auth,
    clock,
    documents: options.documents,
    plans: parsed.plans,
    cancellation: parsed.cancellation,
    ...(parsed.pause === undefined ? {} : { pause: parsed.pause }),
    audit,
    logger,
    quotes: createQuoteSigner(clock, parsed.quoteTtl, options.quoteSecret),
    ...(options.payments === undefined ? {} : { payments: options.payments }),
    ...(options.verifyTaxId === undefined ? {} : { verifyTaxId: options.verifyTaxId }),
    ...(options.cancellationFeedback === undefined ? {} : { cancellationFeedback: options.cancellationFeedback }),
    ...(options.ready === undefined ? {} : { ready: options.ready }),
    openapi: () => {
      openapi ??= buildOpenApiDocument(portalRoutes, { basePath: parsed.basePath, version: '0.0.0' });
      return openapi;
    },
  };
  const app = buildPortalApp({
    portal,
    routes: portalRoutes,
    handlers: portalHandlers as unknown as Record<string, RouteHandler<RouteContract>>,
    basePath: parsed.basePath,
    origins: parsed.corsOrigins.map((origin) => new URL(origin).origin),
    maxBodyBytes: parsed.limits.maxBodyBytes,
    perIp: parsed.limits.perIp,
    perSession: parsed.limits.perSession,
    rateLimits: options.rateLimitStore ?? createMemoryRateLimitStore({ clock }),
    telemetry: createTelemetry(options.telemetry),
    clientIp: (request, env) => options.clientIp?.(request) ?? envClientIp(env),
  });
  return async (request, env) => app.fetch(request, env);
}
