import { browserScript } from '../browser-script';
import { type FakeRequest, type FakeResponse, type LoopbackFake, startLoopbackFake } from '../loopback-fake';
import { WebhookDeliveries } from '../webhook-deliveries';
import { approveOrder, captureOrder, completedCaptures, createOrder, readOrder } from './orders';
import { type Json, type PaypalOutcome, PaypalStore, paypalContract, paypalError } from './paypal-store';
import { refundCapture } from './refunds';
import { RequestIds } from './request-ids';
import { addVault, createSetup, createToken, deleteToken, listTokens } from './vault';
import { WebhookSignatures } from './webhook-signatures';

/** PayPal's OAuth endpoint: not in the published descriptions. */
const JS = { 'content-type': 'text/javascript; charset=utf-8' };

const isTokenRequest = (method: string, path: string) => method === 'POST' && path === '/v1/oauth2/token';

/**
 * A loopback PayPal: OAuth tokens, Orders v2 (create with a vault id or for buyer approval, capture), Payments v2
 * refunds, Vault v3 setup and payment tokens, `PayPal-Request-Id` replays, and webhooks signed with an RSA key that
 * `verify-webhook-signature` checks, which it can also deliver to a webhook endpoint. Requests and answers are checked
 * against PayPal's OpenAPI files. With `browser`, it also serves a stand-in of PayPal's JS SDK at `/sdk/js` and the
 * buyer's approval of an order (what happens on paypal.com), from any origin (CORS). One module per resource; this
 * class is the server and the steps a test takes in the buyer's place.
 */
export class FakePaypal {
  readonly #store: PaypalStore;
  readonly #requestIds: RequestIds;
  readonly #signatures: WebhookSignatures;
  readonly events: Json[];
  server!: LoopbackFake;

  constructor(
    readonly now: () => Date,
    readonly credentials: { clientId: string; clientSecret: string },
    readonly webhookId: string,
  ) {
    this.#store = new PaypalStore(now, () => this.server.violations as string[]);
    this.#requestIds = new RequestIds(this.#store);
    this.#signatures = new WebhookSignatures(webhookId);
    this.events = this.#store.events;
  }

  /** Starts the fake on a free loopback port (with the buyer's browser side when `browser` is set). */
  static async start(
    now: () => Date,
    credentials: { clientId: string; clientSecret: string },
    webhookId: string,
    options: { readonly browser?: boolean } = {},
  ) {
    const browser = options.browser === true;
    const fake = new FakePaypal(now, credentials, webhookId);
    fake.server = await startLoopbackFake({
      contract: paypalContract(),
      handle: (request) => fake.#handle(request),
      errorBody: (status, message) =>
        paypalError(status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'RATE_LIMIT_REACHED', message),
      unchecked: (method, path) =>
        isTokenRequest(method, path) ||
        (browser && ((method === 'GET' && path === '/sdk/js') || path.startsWith('/fake/checkoutnow/'))),
      cors: browser,
      knownDeviations: [
        {
          pattern:
            /\/v3\/vault\/payment-tokens: body: \/payment_source\/token\/type must be equal to one of the allowed values/,
          reason:
            'PayPal’s vault guide creates a payment token from a setup token with type SETUP_TOKEN; the 2024-02 description lists only BILLING_AGREEMENT',
        },
      ],
    });
    return fake;
  }

  /** The next vaulted charge declines (soft, hard) or needs the buyer at PayPal. */
  nextCharge(outcome: PaypalOutcome): void {
    this.#store.outcomes.push(outcome);
  }

  /** Captures that took money: what "charged exactly once" counts. */
  completedCaptures(): Json[] {
    return completedCaptures(this.#store);
  }

  /** The buyer approved an order at PayPal (the browser step). */
  approve(orderId: string): void {
    approveOrder(this.#store, orderId);
  }

  /** The buyer approved a vault setup token at PayPal. */
  approveSetup(setupId: string): void {
    (this.#store.setups.get(setupId) as Json).status = 'APPROVED';
  }

  /** A vaulted PayPal wallet for `customerId`. */
  addVault(customerId: string): string {
    return addVault(this.#store, customerId);
  }

  /** Delivers every event emitted from now on to a webhook endpoint, signed at the time of delivery, in order. */
  deliverWebhooks(url: string): WebhookDeliveries {
    const deliveries = new WebhookDeliveries(url, (event) => this.delivery(event));
    this.#store.listeners.push((event) => deliveries.deliver(event));
    return deliveries;
  }

  /** A webhook delivery as PayPal POSTs it, signed with the fake's key (or a stranger's, for `forged`). */
  delivery(
    event: Json,
    options: { forged?: boolean; time?: Date } = {},
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify(event);
    const transmissionId = this.#store.id('tx-');
    const time = (options.time ?? this.now()).toISOString();
    const signature = this.#signatures.sign(body, transmissionId, time, options.forged ?? false);
    return { body, headers: { 'content-type': 'application/json', ...signature } };
  }

  /** The SDK's script (for this client id only) and the buyer's approval of an order. */
  #page(request: FakeRequest): FakeResponse {
    if (request.method === 'GET') {
      return request.query.get('client-id') === this.credentials.clientId
        ? browserScript('paypal-sdk.js')
        : { status: 400, text: 'throw new Error("PayPal SDK: invalid client-id");', headers: JS };
    }
    const [orderId = '', step] = request.path.slice('/fake/checkoutnow/'.length).split('/');
    return step === 'approve' ? approveOrder(this.#store, orderId) : { status: 404, body: {} };
  }

  #handle(request: FakeRequest): FakeResponse {
    if (request.operation.operationId.startsWith('unchecked')) {
      // Outside the descriptions: the OAuth token, and (with the browser side) the SDK and the buyer's approval.
      if (!isTokenRequest(request.method, request.path)) return this.#page(request);
      const expected = `Basic ${btoa(`${this.credentials.clientId}:${this.credentials.clientSecret}`)}`;
      if (request.headers.authorization !== expected)
        return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
      return { status: 200, body: { access_token: 'A21AAfakeToken', token_type: 'Bearer', expires_in: 32400 } };
    }
    if (request.headers.authorization !== 'Bearer A21AAfakeToken')
      return { status: 401, body: paypalError('AUTHENTICATION_FAILURE', 'Authentication failed') };
    return this.#requestIds.answer(request, (r) => this.#route(r));
  }

  #route(request: FakeRequest): FakeResponse {
    const store = this.#store;
    const body = (request.body ?? {}) as Json;
    const { id, capture_id: captureId } = request.operation.params;
    switch (`${request.method} ${request.operation.template}`) {
      case 'POST /v2/checkout/orders':
        return createOrder(store, body);
      case 'GET /v2/checkout/orders/{id}':
        return readOrder(store, id as string);
      case 'POST /v2/checkout/orders/{id}/capture':
        return captureOrder(store, id as string);
      case 'POST /v2/payments/captures/{capture_id}/refund':
        return refundCapture(store, captureId as string, body);
      case 'POST /v3/vault/setup-tokens':
        return createSetup(store, body);
      case 'POST /v3/vault/payment-tokens':
        return createToken(store, body);
      case 'GET /v3/vault/payment-tokens':
        return listTokens(store, request.query.get('customer_id'));
      case 'DELETE /v3/vault/payment-tokens/{id}':
        return deleteToken(store, id as string);
      case 'POST /v1/notifications/verify-webhook-signature':
        return this.#signatures.verify(body);
      default:
        return { status: 404, body: paypalError('NOT_FOUND', 'the fake has no such route') };
    }
  }
}
