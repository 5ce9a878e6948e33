import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseBracketedForm } from './form-body';
import type { MatchedOperation, OpenApiContract } from './openapi-contract';

/**
 * A fault a fake injects into one request, as providers and networks really fail:
 * - `server_error`, `rate_limit`, `reset`: before the provider acted (nothing happened, retrying is safe);
 * - `reset_after_success`, `timeout_after_success`: after it acted (the charge exists, its answer is lost).
 */
export type TransportFault =
  | { readonly kind: 'server_error' }
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'reset_after_success' }
  | { readonly kind: 'timeout_after_success' };

/** A request as a provider fake's behaviour sees it: matched, checked and decoded. */
export interface FakeRequest {
  readonly operation: MatchedOperation;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body decoded (JSON, or Stripe's bracketed form); `undefined` when empty. */
  readonly body: unknown;
  readonly rawBody: string;
}

/** What a provider fake's behaviour answers. */
export interface FakeResponse {
  readonly status: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is instead of `body` (a script or page of the provider's browser side), with its `content-type`. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request the fake received, for assertions. */
export interface RecordedRequest {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The status sent, or what happened instead. */
  readonly outcome: number | 'reset' | 'no_answer';
}

/** How {@link startLoopbackFake} behaves. */
export interface LoopbackFakeOptions {
  readonly contract: OpenApiContract;
  /** The provider's behaviour for a request that follows the contract. */
  readonly handle: (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;
  /** The provider's error body for `status` (used for faults and contract violations). */
  readonly errorBody: (status: number, message: string) => unknown;
  /**
   * Operations outside the spec files (PayPal's OAuth token endpoint): matched by method and path, not checked.
   * They get `operationId` `unchecked <method> <path>`.
   */
  readonly unchecked?: (method: string, path: string) => boolean;
  /**
   * Known places where the provider's own guides and its published description disagree, each with the reason:
   * a problem matching one goes to `deviations`, not `violations`.
   */
  readonly knownDeviations?: readonly { readonly pattern: RegExp; readonly reason: string }[];
  /**
   * Lets pages of other origins call the fake as the provider lets its browser libraries (Stripe.js) call its API:
   * preflight `OPTIONS` requests are answered (not recorded) and every answer allows any origin, without credentials.
   */
  readonly cors?: boolean;
}

/** A running loopback fake. */
export interface LoopbackFake {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Queues `fault` for the next `times` requests of `operationId` (`*` for any). */
  inject(operationId: string, fault: TransportFault, times?: number): void;
  /** Drops every fault still queued. */
  clearFaults(): void;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Every departure from the spec seen, requests and responses; a test asserts it stays empty. */
  readonly violations: readonly string[];
  /** Departures listed in `knownDeviations`, with their reason. */
  readonly deviations: readonly string[];
  /** Stops the server and drops every open connection (answers held back by `timeout_after_success` too). */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function lowerHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** What a fake sends to let browser pages of any origin read its answers. */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key, paypal-request-id',
  'access-control-max-age': '600',
};

function send(response: ServerResponse, answer: FakeResponse, cors: boolean): void {
  const json = answer.text === undefined && answer.body !== undefined;
  const text = answer.text ?? (json ? JSON.stringify(answer.body) : '');
  response.writeHead(answer.status, {
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(cors ? CORS_HEADERS : {}),
    ...answer.headers,
  });
  response.end(text);
}

/**
 * Starts a provider fake on 127.0.0.1 (a free port): every request is matched to an operation of the provider's
 * OpenAPI description and checked against it, answered by `handle` (or a queued fault), and every answer is checked
 * against the documented response schema. Departures are collected in `violations`; a request that departs gets a
 * 400 so the adapter fails loudly too.
 */
export async function startLoopbackFake(options: LoopbackFakeOptions): Promise<LoopbackFake> {
  const { contract, handle, errorBody } = options;
  const cors = options.cors === true;
  const faults: { operationId: string; fault: TransportFault }[] = [];
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const deviations: string[] = [];
  const known = (problem: string) => options.knownDeviations?.find((d) => d.pattern.test(problem));
  const sockets = new Set<Socket>();

  const takeFault = (operationId: string): TransportFault | undefined => {
    const index = faults.findIndex((f) => f.operationId === operationId || f.operationId === '*');
    return index < 0 ? undefined : faults.splice(index, 1)[0]?.fault;
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      // A fault in the fake itself is a failed check too, never a hung client.
      violations.push(`the fake failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, { status: 500, body: errorBody(500, 'the fake failed') }, cors);
    });
  });
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    if (cors && method === 'OPTIONS') {
      send(response, { status: 204 }, cors);
      return;
    }
    const headers = lowerHeaders(request);
    const contentType = headers['content-type'] ?? '';
    const unchecked = options.unchecked?.(method, url.pathname) === true;
    const record = (operationId: string, outcome: RecordedRequest['outcome']) =>
      requests.push({ operationId, method, path: url.pathname, rawBody, headers, outcome });

    const matched: MatchedOperation | undefined = unchecked
      ? { operationId: `unchecked ${method} ${url.pathname}`, method, template: url.pathname, params: {} }
      : contract.match(method, url.pathname);
    const found = unchecked
      ? []
      : contract.checkRequest({ method, path: url.pathname, query: url.searchParams, headers, contentType, rawBody });
    for (const problem of found) {
      const deviation = known(problem);
      if (deviation !== undefined) deviations.push(`${problem} (${deviation.reason})`);
    }
    const problems = found.filter((problem) => known(problem) === undefined);
    if (matched === undefined || problems.length > 0) {
      violations.push(...problems);
      record(matched?.operationId ?? 'unknown', 400);
      send(response, { status: 400, body: errorBody(400, `contract violation: ${problems.join('; ')}`) }, cors);
      return;
    }
    const fault = takeFault(matched.operationId);
    if (fault?.kind === 'reset') {
      record(matched.operationId, 'reset');
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'server_error' || fault?.kind === 'rate_limit') {
      const status = fault.kind === 'server_error' ? 500 : 429;
      const headersOut: Record<string, string> =
        fault.kind === 'rate_limit' ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      record(matched.operationId, status);
      send(response, { status, body: errorBody(status, 'injected fault'), headers: headersOut }, cors);
      return;
    }
    let body: unknown;
    if (rawBody !== '')
      body = contentType.startsWith('application/json') ? JSON.parse(rawBody) : parseBracketedForm(rawBody);
    const answer = await handle({
      operation: matched,
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
      rawBody,
    });
    if (!unchecked) violations.push(...contract.checkResponse(method, url.pathname, answer.status, answer.body));
    if (fault?.kind === 'reset_after_success') {
      record(matched.operationId, 'reset');
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'timeout_after_success') {
      record(matched.operationId, 'no_answer');
      return; // the answer is never sent: the client gives up
    }
    record(matched.operationId, answer.status);
    send(response, answer, cors);
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    inject(operationId, fault, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push({ operationId, fault });
    },
    clearFaults() {
      faults.length = 0;
    },
    requests,
    violations,
    deviations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
