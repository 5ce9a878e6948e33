import { type Clock, monotonicMs, systemClock } from '../clock/clock';
import { BillingErrorCode, isBillingError } from '../errors/billing-error';
import { type BillingTelemetry, billingTelemetry, errorType } from '../telemetry/billing-telemetry';
import { TelemetryAttribute } from '../telemetry/instruments';
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
  /** Where deliveries are counted (`billfold.webhooks.*`); default: the global OpenTelemetry providers. */
  readonly telemetry?: BillingTelemetry;
}

/** What became of one delivery (`billfold.webhook.outcome`) and, when it failed, its `error.type`. */
interface Received {
  readonly response: Response;
  readonly outcome: 'accepted' | 'duplicate' | 'replayed' | 'refused' | 'failed';
  readonly code?: string;
}

const SEVEN_DAYS = 7 * 24 * 60 * 60;

function answer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The status and body for a failure of `parseWebhook`, without echoing anything the request carried. */
function refusal(error: unknown): Received {
  const refused = (response: Response): Received => ({ response, outcome: 'refused', code: errorType(error) });
  if (isBillingError(error)) {
    if (error.code === BillingErrorCode.webhookInvalid || error.code === BillingErrorCode.invalidInput) {
      return refused(answer(400, { error: error.code, message: error.message }));
    }
    // The provider's verification API could not answer (PayPal): the provider delivers again later.
    if (error.code === BillingErrorCode.gatewayUnavailable) return refused(answer(503, { error: error.code }));
  }
  return refused(answer(500, { error: 'internal_error' }));
}

/** A request refused before verification (wrong method, too large): bad input. */
function badRequest(status: number, error: string): Received {
  return { response: answer(status, { error }), outcome: 'refused', code: BillingErrorCode.invalidInput };
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
  const telemetry = options.telemetry ?? billingTelemetry;
  const receive = async (request: Request): Promise<Received> => {
    if (request.method !== 'POST') return badRequest(405, 'method_not_allowed');
    if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) {
      return badRequest(413, 'payload_too_large');
    }
    const rawBody = await request.text();
    if (new TextEncoder().encode(rawBody).length > maxBodyBytes) return badRequest(413, 'payload_too_large');
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
      const response = answer(409, {
        error: BillingErrorCode.webhookInvalid,
        message: 'This delivery was already received',
      });
      return { response, outcome: 'replayed', code: BillingErrorCode.webhookInvalid };
    }
    const eventKey = `event:${gateway.name}:${event.eventId}`;
    if (!(await store.remember(eventKey, expiresAt))) {
      return { response: answer(200, { received: true, duplicate: true }), outcome: 'duplicate' };
    }
    try {
      await onEvent(event);
    } catch (error) {
      await store.forget(eventKey);
      return { response: answer(500, { error: 'handler_failed' }), outcome: 'failed', code: errorType(error) };
    }
    return { response: answer(200, { received: true }), outcome: 'accepted' };
  };
  return async (request) => {
    const started = monotonicMs();
    const { response, outcome, code } = await receive(request);
    const attributes = { [TelemetryAttribute.gateway]: gateway.name, [TelemetryAttribute.webhookOutcome]: outcome };
    telemetry.items('webhooks', 'receive', 1, attributes);
    if (code !== undefined) telemetry.error('webhooks', 'receive', code, attributes);
    telemetry.duration('webhooks', 'receive', (monotonicMs() - started) / 1000, attributes);
    return response;
  };
}
