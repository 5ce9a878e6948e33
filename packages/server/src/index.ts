/**
 * `@billfold/server`: the customer portal API as a Web-standard `(Request) => Promise<Response>` handler, with
 * portal session tokens (signed JWTs bound to one customer, an audience and permissions), magic-link sign-in,
 * an OpenAPI 3.1 document generated from the same zod schemas, and a typed client (`@billfold/server/client`).
 * @module
 */
export { createPortalHandler } from './create-portal-handler';
export type { PortalHandler, PortalHandlerOptions } from './create-portal-handler';
export type { PortalCancellationRules, PortalContext, PortalDocumentOptions, PortalPlanRules } from './portal-context';
export type { PlanQuote, QuoteSigner } from './routes/plan-quote';
export { createPortalAuth, MagicLinkInputSchema, PortalSessionInputSchema } from './auth/portal-auth';
export type {
  MagicLinkInput,
  PortalAuth,
  PortalAuthOptions,
  PortalSession,
  PortalSessionInput,
  PortalSessionToken,
  TokenCheck,
  TokenRefusal,
} from './auth/portal-auth';
export { generatePortalKey, PortalKeySchema, PortalKeySetSchema } from './auth/portal-keys';
export type { PortalKey } from './auth/portal-keys';
export { ALL_PORTAL_PERMISSIONS, PortalPermissionSchema } from './auth/permissions';
export type { PortalPermission } from './auth/permissions';
export { createMemoryRevocationStore } from './auth/revocation-store';
export type { RevocationStore } from './auth/revocation-store';
export { createMemoryRateLimitStore } from './http/rate-limit';
export type { RateLimit, RateLimitHit, RateLimitStore } from './http/rate-limit';
export { createMemoryAuditSink } from './observability/audit';
export type { AuditEntry, AuditSink, MemoryAuditSink } from './observability/audit';
export { createJsonLogger, silentLogger } from './observability/logger';
export type { PortalLogger, PortalLogRecord } from './observability/logger';
export type { PortalTelemetryOptions } from './observability/telemetry';
export { createEnginePaymentFlows } from './payments/engine-payment-flows';
export type {
  PaymentIntentView,
  PaymentMethodSetupView,
  PaymentMethodView,
  PortalPaymentFlows,
} from './payments/portal-payment-flows';
export { portalRoutes } from './routes/route-table';
export type { PortalRouteId, PortalRoutes } from './routes/route-table';
export type { HttpMethod, OwnedObject, RouteContract, RouteResponse } from './routes/route-contract';
export { buildOpenApiDocument } from './openapi/openapi-document';
export { ProblemCodeSchema, ProblemSchema } from './schemas/problem';
export type { Problem, ProblemCode } from './schemas/problem';
export { TaxIdInputSchema, TaxIdTypeSchema } from './schemas/tax-id';
export type { TaxIdInput } from './schemas/tax-id';
