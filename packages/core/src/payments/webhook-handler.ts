import { type Clock, systemClock } from '../clock/clock';
import { BillingErrorCode, isBillingError } from '../errors/billing-error';
import type { GatewayEvent } from './gateway-events';
import type { PaymentGateway } from './payment-gateway';
import type { WebhookEventStore } from './webhook-event-store';

/** How {@link createWebhookHandler} verifies, dedupes and hands on events. */
export interface WebhookHandlerOptions {
  /** The gateway whose webhooks this endpoint receives (one endpoint per gateway). */
  readonly gateway: PaymentGateway;
  /** Where seen deliveries and events are remembered; shared by every process that receives webhooks. */
  readonly store: WebhookEventStore;
  /**
   * Receives each verified event once. Keep it short (enqueue the work, e.g. through the outbox): providers time out
   * after seconds. When it throws, the handler answers 500 and forgets the event, so the provider's redelivery is
   * handled.
   */
  readonly onEvent: (event: GatewayEvent) => Promise<void> | void;
  /** The time source for the store's expiries. */
  readonly clock?: Clock;
  /** How long deliveries and event ids are remembered; default 7 days, beyond the providers' 3-day redelivery. */
  readonly rememberSeconds?: number;
  /** The largest body accepted; default 1 MB. */
  readonly maxBodyBytes?: number;
}

const SEVEN_DAYS = 7 * 24 * 60 * 60;

function answer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The status and body for a failure of `parseWebhook`, without echoing anything the request carried. */
function refusal(error: unknown): Response {
  if (isBillingError(error)) {
    if (error.code === BillingErrorCode.webhookInvalid || error.code === BillingErrorCode.invalidInput) {
      return answer(400, { error: error.code, message: error.message });
    }
    // The provider's verification API could not answer (PayPal): the provider delivers again later.
    if (error.code === BillingErrorCode.gatewayUnavailable) return answer(503, { error: error.code });
  }
  return answer(500, { error: 'internal_error' });
}

/**
 * A Web-standard webhook endpoint, `(request: Request) => Promise<Response>`, for one gateway. It verifies the
 * signature (forged or stale → 400), refuses a delivery seen before (a replay → 409), answers a duplicate delivery of
 * an event already handled with 200 without handing it on again, and hands each new verified event to `onEvent`.
 * Mount it in Node's http, Express, Hono or an edge runtime.
 * @example
 * ```ts
 * const handle = createWebhookHandler({ gateway: stripe, store, onEvent: (event) => queue.push(event) });
 * export default { fetch: handle }; // an edge runtime; see the gateway READMEs for Node's http
 * ```
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const { gateway, store, onEvent } = options;
  const clock = options.clock ?? systemClock;
  const rememberMs = (options.rememberSeconds ?? SEVEN_DAYS) * 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  return async (request) => {
    if (request.method !== 'POST') return answer(405, { error: 'method_not_allowed' });
    if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) {
      return answer(413, { error: 'payload_too_large' });
    }
    const rawBody = await request.text();
    if (new TextEncoder().encode(rawBody).length > maxBodyBytes) return answer(413, { error: 'payload_too_large' });
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    let event: GatewayEvent;
    try {
      event = await gateway.parseWebhook({ headers, rawBody });
    } catch (error) {
      return refusal(error);
    }
    const expiresAt = new Date(clock.now().getTime() + rememberMs);
    if (!(await store.remember(`delivery:${gateway.name}:${event.deliveryId}`, expiresAt))) {
      return answer(409, { error: BillingErrorCode.webhookInvalid, message: 'This delivery was already received' });
    }
    const eventKey = `event:${gateway.name}:${event.eventId}`;
    if (!(await store.remember(eventKey, expiresAt))) return answer(200, { received: true, duplicate: true });
    try {
      await onEvent(event);
    } catch {
      await store.forget(eventKey);
      return answer(500, { error: 'handler_failed' });
    }
    return answer(200, { received: true });
  };
}
