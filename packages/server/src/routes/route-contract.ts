import type { z } from 'zod';
import type { PortalPermission } from '../auth/permissions';

/** The HTTP methods the portal answers. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a route answers with on success. */
export type RouteResponse =
  | { readonly kind: 'json'; readonly status: 200 | 201; readonly schema: z.ZodType }
  | { readonly kind: 'file'; readonly mediaTypes: readonly string[] }
  | { readonly kind: 'html' }
  | { readonly kind: 'empty' };

/** The customer-owned object a path parameter names: the BOLA tests try every route on another customer's one. */
export type OwnedObject = 'invoice' | 'creditNote' | 'subscription' | 'payment' | 'paymentMethod';

/**
 * One route of the portal: method, path (OpenAPI style, `{invoiceId}`), who may call it and the zod schemas
 * of its inputs and output. The route table is the one source of the router, the OpenAPI document, the
 * typed client and the generated security tests.
 */
export interface RouteContract {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** `session`: a valid portal session token is required; `none`: public (health, OpenAPI, sign-in). */
  readonly auth: 'session' | 'none';
  /** The permission the session must hold (routes with `auth: 'session'` and no permission: any session). */
  readonly permission?: PortalPermission;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: RouteResponse;
  /** The object in the path that must belong to the session's customer. */
  readonly owns?: OwnedObject;
  /** Moves money or changes a record: needs an `Idempotency-Key` header (`required`) and leaves an audit entry. */
  readonly idempotencyKey?: 'required';
  /** Changes something: every call that succeeds leaves an audit entry. */
  readonly changes?: boolean;
  /** `planned`: in the contract, answered by the host's payment flows once they are wired; 501 until then. */
  readonly state: 'live' | 'planned';
}

/** Keeps a route's literal types (method, path, schemas) for the client and the router. */
export const defineRoute = <const R extends RouteContract>(route: R): R => route;

/** A 200 JSON answer shaped by `schema`. */
export const okJson = <S extends z.ZodType>(schema: S) => ({ kind: 'json', status: 200, schema }) as const;
