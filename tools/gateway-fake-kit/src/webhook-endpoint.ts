import { createServer, type IncomingMessage } from 'node:http';

/** A Web-standard handler served on a loopback port, as a host mounts it in Node's http. */
export interface WebhookEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = message.method ?? 'GET';
  return new Request(new URL(message.url ?? '/', origin), {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
}

/**
 * Serves `handle` on 127.0.0.1 through Node's http module, the way the gateway READMEs show a host mounting a
 * webhook handler: the raw body goes through untouched (signatures cover its bytes).
 */
export async function serveWebhookHandler(handle: (request: Request) => Promise<Response>): Promise<WebhookEndpoint> {
  const server = createServer(async (message, reply) => {
    const response = await handle(await toRequest(message, 'http://127.0.0.1'));
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    reply.writeHead(response.status, headers);
    reply.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
