import { MemoryStorage } from '@billfold/core';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { Span, Tracer } from '@opentelemetry/api';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger, portalRoutes } from '../src/index';
import { type PortalFixture, startPortal } from './support/portal-fixture';

/** A tracer that keeps each span's final name and attributes (the API's contract, no SDK needed). */
const spans: { name: string; attributes: Record<string, unknown>; ended: boolean }[] = [];
const tracer = {
  startSpan(name: string) {
    const span = { name, attributes: {} as Record<string, unknown>, ended: false };
    spans.push(span);
    const api = {
      updateName(next: string) {
        span.name = next;
        return api;
      },
      setAttributes(attributes: Record<string, unknown>) {
        Object.assign(span.attributes, attributes);
        return api;
      },
      setStatus: () => api,
      end: () => {
        span.ended = true;
      },
    };
    return api as unknown as Span;
  },
} as unknown as Tracer;
const metricsOut = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricsOut, exportIntervalMillis: 3_600_000 });
const logLines: string[] = [];
let portal: PortalFixture;
const fresh = () => portal.token(portal.customers[0]?.id as string);

beforeAll(async () => {
  portal = await startPortal(new MemoryStorage(), {
    limits: {
      maxBodyBytes: 1024,
      perIp: { limit: 1000, windowSeconds: 60 },
      perSession: { limit: 5, windowSeconds: 60 },
    },
    logger: createJsonLogger((line) => logLines.push(line)),
    telemetry: {
      tracer,
      meter: new MeterProvider({ readers: [reader] }).getMeter('test'),
    },
  });
});
afterAll(() => portal?.close());

describe('problems', () => {
  it('answers RFC 9457 problem+json with the BillingError code and the bad field', async () => {
    const response = await portal.call('/invoices?limit=1000', await fresh());
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({
      type: 'urn:billfold:problem:invalid_input',
      status: 400,
      code: 'invalid_input',
      path: ['query', 'limit'],
    });
    expect(problem.instance).toBe(`urn:billfold:request:${response.headers.get('x-request-id')}`);
  });

  it('refuses a body that is not JSON (415) or too large (413), an unknown route (404)', async () => {
    const text = await portal.call('/profile', await fresh(), {
      method: 'PATCH',
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect((await text.json()).code).toBe('unsupported_media_type');
    const big = await portal.call('/profile', await fresh(), {
      method: 'PATCH',
      body: JSON.stringify({ name: 'x'.repeat(2000) }),
    });
    expect(big.status).toBe(413);
    expect((await portal.call('/nowhere', await fresh())).status).toBe(404);
  });

  it('validates tax ids and refuses fields a customer may not change', async () => {
    const bad = await portal.call('/profile', await fresh(), {
      method: 'PATCH',
      body: JSON.stringify({ taxIds: [{ type: 'eu_vat', value: 'DE12' }] }),
    });
    expect(await bad.json()).toMatchObject({ code: 'invalid_input', path: ['body', 'taxIds', 0, 'value'] });
    const taxStatus = await portal.call('/profile', await fresh(), {
      method: 'PATCH',
      body: JSON.stringify({ taxStatus: 'exempt' }),
    });
    expect(taxStatus.status).toBe(400);
    const good = await portal.call('/profile', await fresh(), {
      method: 'PATCH',
      body: JSON.stringify({ taxIds: [{ type: 'eu_vat', value: 'de 123.456.789' }] }),
    });
    expect((await good.json()).taxIds).toEqual([{ type: 'eu_vat', value: 'DE123456789' }]);
    const entry = portal.audit.entries.at(-1);
    expect(entry).toMatchObject({ action: 'updateProfile', status: 200, details: { fields: 'taxIds' } });
    expect(JSON.stringify(entry)).not.toContain('DE123456789');
  });

  it('answers 501 on the payment routes until payment flows are wired', async () => {
    const response = await portal.call('/payment-methods', await fresh());
    expect(await response.json()).toMatchObject({ status: 501, code: 'not_implemented' });
  });
});

describe('headers and CORS', () => {
  it('sets security headers and forbids caching', async () => {
    const response = await portal.call('/health', undefined);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
  });

  it('allows only the listed origins', async () => {
    const preflight = (origin: string) =>
      portal.call('/invoices', undefined, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('https://app.host.test');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.host.test');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('https://evil.test');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the sign-in page with a nonce CSP and no other script source', async () => {
    const page = await portal.call('/sign-in', undefined);
    const csp = page.headers.get('content-security-policy') as string;
    const nonce = /'nonce-([a-f0-9]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(await page.text()).toContain(`<script nonce="${nonce}">`);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a session used its window, and serves it again when the window ends', async () => {
    const session = await portal.token(portal.customers[0]?.id as string);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await portal.call('/session', session)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await portal.call('/session', session);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json()).code).toBe('rate_limited');
    portal.clock.advance({ seconds: 60 });
    expect((await portal.call('/session', await portal.token(portal.customers[0]?.id as string))).status).toBe(200);
  });
});

describe('operations', () => {
  it('answers health and readiness', async () => {
    expect(await (await portal.call('/health', undefined)).json()).toEqual({ status: 'ok' });
    expect(await (await portal.call('/ready', undefined)).json()).toEqual({ status: 'ok' });
  });

  it('logs one JSON line per request without personal data', async () => {
    await portal.call('/profile', await fresh());
    const line = JSON.parse([...logLines].reverse().find((l) => l.includes('"getProfile"')) as string);
    expect(line).toMatchObject({ level: 'info', event: 'request', route: 'getProfile', method: 'GET', status: 200 });
    const all = logLines.join('\n');
    for (const secret of ['customer1@example.com', 'Customer 1', 'Bearer', '127.0.0.1'])
      expect(all).not.toContain(secret);
  });

  it('records a span and the request duration per route', async () => {
    await portal.call('/account', await fresh());
    const span = spans.find((s) => s.name === 'GET /account');
    expect(span).toMatchObject({
      ended: true,
      attributes: { 'http.route': '/account', 'http.response.status_code': 200 },
    });
    await reader.forceFlush();
    const metric = metricsOut
      .getMetrics()
      .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
      .find((m) => m.descriptor.name === 'http.server.request.duration');
    const routes = metric?.dataPoints.map((p) => p.attributes['http.route']);
    expect(routes).toContain('/account');
    // Core's portal counter: one item per request answered, by route id.
    const items = metricsOut
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === 'billfold.portal.items');
    const account = items?.dataPoints.find((p) => p.attributes['http.route'] === '/account');
    expect(account?.attributes['billfold.step']).toBe('getAccount');
    expect(account?.value).toBe(1);
  });
});

describe('OpenAPI and the client', () => {
  it('documents every route of the table as OpenAPI 3.1', async () => {
    const document = await (await portal.call('/openapi.json', undefined)).json();
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (item) => Object.values(item).map((op) => op.operationId),
    );
    expect(operations.sort()).toEqual(Object.keys(portalRoutes).sort());
    const change = document.paths['/subscriptions/{subscriptionId}/change'].post;
    expect(change.parameters.map((p: { name: string }) => p.name)).toEqual(['subscriptionId', 'Idempotency-Key']);
    expect(change['x-billfold-permission']).toBe('manage_plan');
    expect(document.servers).toEqual([{ url: '/billing' }]);
  });

  it('bundles the client for browsers without zod or server code, in under 2 KB', async () => {
    const result = await build({
      entryPoints: [new URL('../src/client/index.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['@billfold/source'],
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/zod|ZodError|hono|jose/);
    expect(code.length).toBeLessThan(2048);
  });
});
