import ky, { HTTPError, isHTTPError, isTimeoutError, type KyInstance } from 'ky';
import { BillingApiError } from './billing-api-error';
import type { ProblemView } from './portal-views';
import { type GetSession, SessionSource } from './session-source';

/** How a {@link PortalApi} reaches the portal and learns of an expired session. */
export interface PortalApiOptions {
  /** Where `@billfold/server` is mounted (`https://shop.example/billing`, or `/billing` on the same origin). */
  readonly apiBase: string;
  readonly session?: string;
  readonly getSession?: GetSession;
  /** Called once per refused session that no refresh could replace. */
  readonly onSessionExpired?: () => void;
  /** The fetch to use (default: the global one). */
  readonly fetch?: typeof fetch;
}

/** Query values of a list call. */
export type PortalQuery = Readonly<Record<string, string | undefined>>;

/** A new idempotency key for a change: retries of the same change send the same key. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * The elements' client of the `@billfold/server` portal API, over ky: sends the session token, asks the host for a
 * fresh one when the portal answers 401 and retries once, retries idempotent reads once on network errors, and
 * turns every failure into a {@link BillingApiError} with the portal's problem code.
 */
export class PortalApi {
  readonly #http: KyInstance;
  readonly #session: SessionSource;

  constructor(readonly options: PortalApiOptions) {
    this.#session = new SessionSource(options.session, options.getSession);
    const session = this.#session;
    this.#http = ky.create({
      prefixUrl: `${options.apiBase.replace(/\/$/, '')}/`,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      timeout: 30_000,
      retry: { limit: 1, methods: ['get'], statusCodes: [408, 502, 503, 504] },
      hooks: {
        beforeRequest: [
          async (request) => {
            const token = await session.current();
            if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
          },
        ],
        afterResponse: [
          async (_request, _options, response, state) => {
            if (response.status !== 401 || state.retryCount > 0 || !session.canRefresh) return;
            // A refused token: ask the host for a fresh one, then send the same request again (beforeRequest
            // sets the new token). A second 401 is final.
            if ((await session.refresh()) !== undefined) return ky.retry({ delay: 0, code: 'SESSION_REFRESHED' });
          },
        ],
      },
    });
  }

  /** Reads JSON from `path` (relative to the mount point, without a leading slash). */
  get<T>(path: string, query?: PortalQuery, signal?: AbortSignal): Promise<T> {
    return this.#json<T>(() => this.#http.get(path, { searchParams: definedOf(query), ...signalOf(signal) }));
  }

  /** Posts JSON (no body when `body` is undefined); `idempotencyKey` for the routes that change money or a plan. */
  post<T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    return this.#json<T>(() =>
      this.#http.post(path, {
        ...(body === undefined ? {} : { json: body }),
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      }),
    );
  }

  /** Patches JSON. */
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.#json<T>(() => this.#http.patch(path, { json: body }));
  }

  /** Deletes; resolves when the portal answered 2xx. */
  async delete(path: string): Promise<void> {
    await this.#call(() => this.#http.delete(path));
  }

  /** Downloads a document with the session token (a plain link cannot send it). */
  async download(path: string): Promise<{ blob: Blob; filename: string | undefined }> {
    const response = await this.#call(() => this.#http.get(path));
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1];
    return { blob: await response.blob(), filename };
  }

  async #json<T>(send: () => Promise<Response>): Promise<T> {
    const response = await this.#call(send);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async #call(send: () => Promise<Response>): Promise<Response> {
    try {
      return await send();
    } catch (error) {
      const failure = await toBillingApiError(error);
      if (failure.status === 401) this.options.onSessionExpired?.();
      throw failure;
    }
  }
}

function definedOf(query: PortalQuery | undefined): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) defined[key] = value;
  return defined;
}

const signalOf = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });

async function toBillingApiError(error: unknown): Promise<BillingApiError> {
  if (isHTTPError(error) || error instanceof HTTPError) {
    const problem = (await error.response.json().catch(() => undefined)) as ProblemView | undefined;
    const code =
      typeof problem?.code === 'string' ? problem.code : error.response.status === 401 ? 'unauthorized' : 'internal';
    return new BillingApiError(code, error.response.status, problem, { cause: error });
  }
  if (isTimeoutError(error)) return new BillingApiError('timeout', 0, undefined, { cause: error });
  if (error instanceof DOMException && error.name === 'AbortError') throw error;
  return new BillingApiError('network', 0, undefined, { cause: error });
}
