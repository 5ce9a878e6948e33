import { installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../clock/test-clock';
import { createBillingTelemetry } from '../telemetry/billing-telemetry';
import type { GatewayEvent } from './gateway-events';
import { webhookInvalid } from './gateway-errors';
import type { PaymentGateway } from './payment-gateway';
import { createMemoryWebhookEventStore } from './webhook-event-store';
import { createWebhookHandler } from './webhook-handler';

/** A gateway whose "signature" is the header `x-test-signature: ok`; the body is `eventId delivery`. */
function stubGateway(): PaymentGateway {
  const refuse = () => Promise.reject(new Error('not used'));
  return {
    name: 'stub',
    capabilities: { manualCapture: false, findByIdempotencyKey: false, reportsFees: false },
    createPayment: refuse,
    getPayment: refuse,
    capturePayment: refuse,
    refundPayment: refuse,
    ensureCustomer: refuse,
    setupPaymentMethod: refuse,
    completeSetup: refuse,
    listPaymentMethods: refuse,
    detachPaymentMethod: refuse,
    async parseWebhook({ headers, rawBody }) {
      if (headers['x-test-signature'] !== 'ok') throw webhookInvalid('No valid signature');
      const [eventId = '', deliveryId = ''] = rawBody.split(' ');
      return {
        type: 'ignored',
        gateway: 'stub',
        eventId,
        deliveryId,
        occurredAt: '2026-01-01T00:00:00.000Z',
        providerType: 'test.event',
      };
    },
  };
}

function post(body: string, signature = 'ok'): Request {
  return new Request('http://localhost/webhooks', {
    method: 'POST',
    headers: { 'x-test-signature': signature },
    body,
  });
}

function setup(onEvent: (event: GatewayEvent) => void = () => {}) {
  const clock = createTestClock('2026-01-01T00:00:00Z');
  const store = createMemoryWebhookEventStore(clock);
  const handle = createWebhookHandler({ gateway: stubGateway(), store, onEvent, clock, rememberSeconds: 3600 });
  return { clock, store, handle };
}

describe('createWebhookHandler', () => {
  it('hands a verified event on once and answers 200', async () => {
    const seen: string[] = [];
    const { handle } = setup((event) => {
      seen.push(event.eventId);
    });
    const response = await handle(post('evt_1 d1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(seen).toEqual(['evt_1']);
  });

  it('refuses a forged request with 400 and hands nothing on', async () => {
    const seen: string[] = [];
    const { handle } = setup((event) => {
      seen.push(event.eventId);
    });
    const response = await handle(post('evt_1 d1', 'forged'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'webhook_invalid' });
    expect(seen).toEqual([]);
  });

  it('refuses a replayed delivery with 409; a second delivery of one event is acknowledged but not handed on', async () => {
    const seen: string[] = [];
    const { handle } = setup((event) => {
      seen.push(event.eventId);
    });
    expect((await handle(post('evt_1 d1'))).status).toBe(200);
    expect((await handle(post('evt_1 d1'))).status).toBe(409);
    const duplicate = await handle(post('evt_1 d2'));
    expect(duplicate.status).toBe(200);
    expect(await duplicate.json()).toEqual({ received: true, duplicate: true });
    expect(seen).toEqual(['evt_1']);
  });

  it('forgets an event whose handling failed, so the next delivery is handled', async () => {
    let fail = true;
    const seen: string[] = [];
    const { handle } = setup((event) => {
      if (fail) throw new Error('queue down');
      seen.push(event.eventId);
    });
    expect((await handle(post('evt_1 d1'))).status).toBe(500);
    fail = false;
    expect((await handle(post('evt_1 d2'))).status).toBe(200);
    expect(seen).toEqual(['evt_1']);
  });

  it('remembers ids only as long as configured', async () => {
    const seen: string[] = [];
    const { handle, clock } = setup((event) => {
      seen.push(event.eventId);
    });
    await handle(post('evt_1 d1'));
    clock.advance({ hours: 2 });
    expect((await handle(post('evt_1 d2'))).status).toBe(200);
    expect(seen).toEqual(['evt_1', 'evt_1']);
  });

  it('answers 405 to anything but POST and 413 to an oversized body', async () => {
    const { handle } = setup();
    expect((await handle(new Request('http://localhost/webhooks'))).status).toBe(405);
    const big = createWebhookHandler({
      gateway: stubGateway(),
      store: createMemoryWebhookEventStore(),
      onEvent: () => {},
      maxBodyBytes: 4,
    });
    expect((await big(post('evt_1 d1'))).status).toBe(413);
  });
});

describe('createWebhookHandler telemetry', () => {
  it('counts each delivery by outcome, and the refused and replayed ones as errors by code', async () => {
    const sdk = installInMemoryTelemetry({ global: false });
    const clock = createTestClock('2026-01-01T00:00:00Z');
    const handle = createWebhookHandler({
      gateway: stubGateway(),
      store: createMemoryWebhookEventStore(clock),
      onEvent: (event) => {
        if (event.eventId === 'evt_bad') throw new Error('queue down');
      },
      clock,
      telemetry: createBillingTelemetry({ meter: sdk.meter, tracer: sdk.tracer }),
    });
    const statuses = [];
    for (const request of [
      post('evt_1 d1'),
      post('evt_1 d1'),
      post('evt_1 d2'),
      post('evt_2 d3', 'forged'),
      post('evt_bad d4'),
    ]) {
      statuses.push((await handle(request)).status);
    }
    expect(statuses).toEqual([200, 409, 200, 400, 500]);
    const outcome = (name: string) => ({
      'billfold.gateway': 'stub',
      'billfold.step': 'receive',
      'billfold.webhook.outcome': name,
    });
    expect(await sdk.points('billfold.webhooks.items')).toEqual([
      { attributes: outcome('accepted'), value: 1 },
      { attributes: outcome('replayed'), value: 1 },
      { attributes: outcome('duplicate'), value: 1 },
      { attributes: outcome('refused'), value: 1 },
      { attributes: outcome('failed'), value: 1 },
    ]);
    expect(await sdk.points('billfold.webhooks.errors')).toEqual([
      { attributes: { ...outcome('replayed'), 'error.type': 'webhook_invalid' }, value: 1 },
      { attributes: { ...outcome('refused'), 'error.type': 'webhook_invalid' }, value: 1 },
      { attributes: { ...outcome('failed'), 'error.type': 'internal_error' }, value: 1 },
    ]);
    expect(await sdk.total('billfold.webhooks.duration')).toBe(5);
    await sdk.uninstall();
  });
});
