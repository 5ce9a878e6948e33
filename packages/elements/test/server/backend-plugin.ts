import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { startTestBackend, type TestBackend } from './test-backend';

/** The part of a web-test-runner plugin this one uses (the dev server is Koa). */
interface KoaContext {
  readonly path: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  respond?: boolean;
}

const OWN = /^\/(billing|billing-plain|stand-in|test-api)(\/|$)/;

/**
 * A web-test-runner plugin that starts the test backend (a real `@billfold/server` on PGlite, see
 * `startTestBackend`) with the test run and answers its paths on the dev server's own origin, so the elements talk
 * to it same-origin without CORS. Everything else falls through to the dev server.
 */
export function billingBackendPlugin() {
  let backend: TestBackend | undefined;
  return {
    name: 'billfold-test-backend',
    async serverStart({ app }: { app: { use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void } }) {
      backend = await startTestBackend();
      const ready = backend;
      const listener = getRequestListener(async (request) => (await ready.handle(request)) ?? new Response('not found', { status: 404 }));
      app.use(async (ctx, next) => {
        if (!OWN.test(ctx.path)) return next();
        ctx.respond = false;
        await listener(ctx.req, ctx.res);
      });
    },
    async serverStop() {
      await backend?.close();
    },
  };
}
