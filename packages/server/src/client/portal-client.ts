import type { z } from 'zod';
import type { Problem } from '../schemas/problem';
import type { PortalRoutes } from '../routes/route-table';

type Route = PortalRoutes[keyof PortalRoutes];
type Method = Route['method'];

/** The paths of the routes answering `M`. */
export type PortalPath<M extends Method> = Extract<Route, { method: M }>['path'];

type RouteAt<M extends Method, P extends string> = Extract<Route, { method: M; path: P }>;
type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/** What a call on a route takes: its path parameters, query, body and `Idempotency-Key`, as the route declares them. */
export type PortalRequest<M extends Method, P extends string> = (RouteAt<M, P> extends { params: infer S }
  ? { params: InputOf<S> }
  : unknown) &
  (RouteAt<M, P> extends { query: infer S } ? { query?: InputOf<S> } : unknown) &
  (RouteAt<M, P> extends { body: infer S } ? { body: InputOf<S> } : unknown) &
  (RouteAt<M, P> extends { idempotencyKey: 'required' } ? { idempotencyKey: string } : unknown);

/** What a route answers: its JSON, a `Blob` for a document, `undefined` for 204. */
export type PortalReply<M extends Method, P extends string> = RouteAt<M, P>['response'] extends {
  kind: 'json';
  schema: infer S;
}
  ? S extends z.ZodType
    ? z.output<S>
    : never
  : RouteAt<M, P>['response'] extends { kind: 'file' | 'html' }
    ? Blob
    : undefined;

/** A problem answer of the portal, thrown by the client. */
export class PortalClientError extends Error {
  override readonly name = 'PortalClientError';
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `portal answered ${status}`);
  }
}

/** How {@link createPortalClient} reaches the portal. */
export interface PortalClientOptions {
  /** Where the portal is mounted: `https://shop.example/billing`. */
  readonly baseUrl: string;
  /** The session token, or a function that returns the current one (after a refresh). */
  readonly token: string | (() => string | Promise<string>);
  /** The fetch to use (default: the global one). */
  readonly fetch?: typeof fetch;
}

/** A typed client of the portal: every path, input and reply checked against the route table at compile time. */
export interface PortalClient {
  get<P extends PortalPath<'GET'>>(path: P, request?: PortalRequest<'GET', P>): Promise<PortalReply<'GET', P>>;
  post<P extends PortalPath<'POST'>>(path: P, request: PortalRequest<'POST', P>): Promise<PortalReply<'POST', P>>;
  patch<P extends PortalPath<'PATCH'>>(path: P, request: PortalRequest<'PATCH', P>): Promise<PortalReply<'PATCH', P>>;
  delete<P extends PortalPath<'DELETE'>>(
    path: P,
    request?: PortalRequest<'DELETE', P>,
  ): Promise<PortalReply<'DELETE', P>>;
}

interface LooseRequest {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
  idempotencyKey?: string;
}

/**
 * Creates a typed portal client for browsers and Node: types come from the route table (type-only imports,
 * so no zod and no server code in a bundle), calls are plain `fetch`.
 * @example
 * ```ts
 * const portal = createPortalClient({ baseUrl: '/billing', token: () => session.token });
 * const page = await portal.get('/invoices', { query: { status: 'open' } });
 * const pdf = await portal.get('/invoices/{invoiceId}/documents/{format}', { params: { invoiceId: page.items[0].id, format: 'pdf' } });
 * ```
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const base = options.baseUrl.replace(/\/$/, '');
  const call = async (method: string, path: string, request: LooseRequest = {}) => {
    const filled = path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) =>
      encodeURIComponent(request.params?.[name] ?? ''),
    );
    const query = new URLSearchParams(
      Object.entries(request.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString();
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
    const response = await (options.fetch ?? fetch)(`${base}${filled}${query ? `?${query}` : ''}`, {
      method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
      throw new PortalClientError(response.status, problem);
    }
    if (response.status === 204) return undefined;
    return (response.headers.get('content-type') ?? '').startsWith('application/json')
      ? response.json()
      : response.blob();
  };
  return {
    get: (path, request) => call('GET', path, request as LooseRequest),
    post: (path, request) => call('POST', path, request as LooseRequest),
    patch: (path, request) => call('PATCH', path, request as LooseRequest),
    delete: (path, request) => call('DELETE', path, request as LooseRequest),
  } as PortalClient;
}
