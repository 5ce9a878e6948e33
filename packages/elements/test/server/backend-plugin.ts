import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { startTestBackend, type TestBackend } from './test-backend';

/** The part of the dev server's Koa context this plugin uses. */
interface KoaContext {
  readonly path: string;
  readonly href: string;
  readonly method: string;
  readonly req: IncomingMessage;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

const OWN = /^\/(billing|billing-plain|test-api)(\/|$)/;

/** The Web `Request` of a Node request. */
function requestOf(ctx: KoaContext): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const one of value) headers.append(name, one);
  }
  const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
  return new Request(ctx.href, {
    method: ctx.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(ctx.req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * A web-test-runner plugin that starts the test backend (a real `@billfold/server` on PGlite, see
 * `startTestBackend`) with the test run and answers its paths on the dev server's own origin, so the elements talk
 * to it same-origin without CORS. The answer goes through Koa (status, headers, body) so the dev server's own
 * middleware sees a complete response; everything else falls through to the dev server.
 */
export function billingBackendPlugin() {
  let backend: TestBackend | undefined;
  return {
    name: 'billfold-test-backend',
    async serverStart({
      app,
    }: {
      app: { use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void };
    }) {
      backend = await startTestBackend();
      const ready = backend;
      app.use(async (ctx, next) => {
        if (!OWN.test(ctx.path)) return next();
        const response = (await ready.handle(requestOf(ctx))) ?? new Response('not found', { status: 404 });
        ctx.status = response.status;
        response.headers.forEach((value, name) => {
          if (name !== 'content-length' && name !== 'content-encoding') ctx.set(name, value);
        });
        ctx.body = Buffer.from(await response.arrayBuffer());
      });
    },
    async serverStop() {
      await backend?.close();
    },
  };
}
