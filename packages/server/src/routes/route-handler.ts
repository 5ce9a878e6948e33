import type { z } from 'zod';
import type { PortalSession } from '../auth/portal-auth';
import type { PortalContext } from '../portal-context';
import type { RouteContract } from './route-contract';
import type { PortalRouteId, PortalRoutes } from './route-table';

type Parsed<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/** What a route handler gets: its validated inputs, the verified session and the portal's services. */
export interface RouteCall<R extends RouteContract> {
  readonly params: Parsed<R['params']>;
  readonly query: Parsed<R['query']>;
  readonly body: Parsed<R['body']>;
  /** The verified session (routes with `auth: 'none'` get none). */
  readonly session: R['auth'] extends 'session' ? PortalSession : undefined;
  /** The client's `Idempotency-Key`, scoped to the customer (`portal:<customerId>:<key>`), where the route takes one. */
  readonly idempotencyKey: R['idempotencyKey'] extends 'required' ? string : undefined;
  readonly portal: PortalContext;
  readonly request: Request;
  readonly requestId: string;
  /** Facts for this call's audit entry (changed field names, a reason, a price id); never personal data. */
  readonly auditDetails: Record<string, string>;
}

/** A document or export to send as a download. */
export interface FileReply {
  readonly body: string | Uint8Array;
  readonly mediaType: string;
  readonly fileName: string;
}

/** A rendered document of `@billfold/documents` as a download. */
export const fileReply = (rendered: { body: string | Uint8Array; mimeType: string; fileName: string }): FileReply => ({
  body: rendered.body,
  mediaType: rendered.mimeType,
  fileName: rendered.fileName,
});

/** What a handler answers, by the route's response kind. JSON replies are shaped by the route's schema. */
export type RouteReply<R extends RouteContract> = R['response'] extends {
  kind: 'json';
  schema: infer S extends z.ZodType;
}
  ? z.input<S>
  : R['response'] extends { kind: 'file' }
    ? FileReply
    : R['response'] extends { kind: 'html' }
      ? { readonly html: string; readonly scriptNonce: string }
      : undefined;

/** The handler of one route. */
export type RouteHandler<R extends RouteContract> = (call: RouteCall<R>) => Promise<RouteReply<R>>;

/** A handler for every route of the table: a route without one is a compile error. */
export type PortalRouteHandlers = { readonly [K in PortalRouteId]: RouteHandler<PortalRoutes[K]> };
