import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  type FakeRequest,
  type FakeResponse,
  type LoopbackFake,
  OpenApiContract,
  PAYPAL_SPECS,
  startLoopbackFake,
} from '@billfold/gateway-fake-kit';

/** What the next vaulted charge does. */
export type PaypalOutcome = 'decline_soft' | 'decline_hard' | 'requires_action';

type Json = Record<string, unknown>;
const money = (currency: string, value: string) => ({ currency_code: currency, value });
/** PayPal's 422 bodies carry one fixed message; the issue says what went wrong. */
const UNPROCESSABLE =
  'The requested action could not be performed, semantically incorrect, or failed business validation.';
const ERROR = (name: string, message: string, issue?: string) => ({
  name,
  message: name === 'UNPROCESSABLE_ENTITY' ? UNPROCESSABLE : message,
  debug_id: 'fakedebug1',
  ...(issue === undefined ? {} : { details: [{ issue, description: message }] }),
});

let sharedContract: OpenApiContract | undefined;
function paypalContract(): OpenApiContract {
  sharedContract ??= new OpenApiContract(PAYPAL_SPECS);
  return sharedContract;
}

/**
 * A loopback PayPal: OAuth tokens, Orders v2 (create with a vault id or for buyer approval, capture), Payments v2
 * refunds, Vault v3 setup and payment tokens, `PayPal-Request-Id` replays (the same id answers with the latest state of
 * what the first request made; the vault refuses an id reused for another request with 422
 * `PAYPAL_REQUEST_ID_PREVIOUSLY_USED`), and webhooks signed with
 * an RSA key that `verify-webhook-signature` checks. Requests and answers are checked against PayPal's OpenAPI files.
 */
export class FakePaypal {
  readonly orders = new Map<string, Json>();
  readonly tokens = new Map<string, Json>();
  readonly setups = new Map<string, Json>();
  readonly events: Json[] = [];
  readonly #requestIds = new Map<string, { fingerprint: string; answer: FakeResponse }>();
  readonly #outcomes: PaypalOutcome[] = [];
  readonly #keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  #sequence = 0;
  server!: LoopbackFake;

  constructor(
    readonly now: () => Date,
    readonly credentials: { clientId: string; clientSecret: string },
    readonly webhookId: string,
  ) {}

  static async start(now: () => Date, credentials: { clientId: string; clientSecret: string }, webhookId: string) {
    const fake = new FakePaypal(now, credentials, webhookId);
    fake.server = await startLoopbackFake({
      contract: paypalContract(),
      handle: (request) => fake.#handle(request),
      errorBody: (status, message) => ERROR(status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'RATE_LIMIT_REACHED', message),
      unchecked: (method, path) => method === 'POST' && path === '/v1/oauth2/token',
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

  #id(prefix: string): string {
    this.#sequence += 1;
    return `${prefix}${String(this.#sequence).padStart(14, '0')}`;
  }

  nextCharge(outcome: PaypalOutcome): void {
    this.#outcomes.push(outcome);
  }

  /** Captures that took money: what "charged exactly once" counts. */
  completedCaptures(): Json[] {
    return [...this.orders.values()]
      .flatMap((o) => this.#captures(o))
      .filter((c) => c.status === 'COMPLETED' || String(c.status).includes('REFUNDED'));
  }

  #captures(order: Json): Json[] {
    const unit = (order.purchase_units as Json[])[0] as Json;
    return ((unit.payments as Json | undefined)?.captures as Json[] | undefined) ?? [];
  }

  /** The buyer approved an order at PayPal (the browser step). */
  approve(orderId: string): void {
    (this.orders.get(orderId) as Json).status = 'APPROVED';
  }

  /** The buyer approved a vault setup token at PayPal. */
  approveSetup(setupId: string): void {
    (this.setups.get(setupId) as Json).status = 'APPROVED';
  }

  /** A vaulted PayPal wallet for `customerId`. */
  addVault(customerId: string): string {
    const id = this.#id('VT');
    this.tokens.set(id, {
      id,
      customer: { id: customerId },
      payment_source: { paypal: { email_address: 'buyer@example.com' } },
    });
    return id;
  }

  /** A webhook delivery as PayPal POSTs it, signed with the fake's key (or a stranger's, for `forged`). */
  delivery(
    event: Json,
    options: { forged?: boolean; time?: Date } = {},
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify(event);
    const transmissionId = this.#id('tx-');
    const time = (options.time ?? this.now()).toISOString();
    const key = options.forged ? generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey : this.#keys.privateKey;
    const signature = createSign('sha256')
      .update(`${transmissionId}|${time}|${this.webhookId}|${crc32(body)}`)
      .sign(key, 'base64');
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-time': time,
        'paypal-transmission-sig': signature,
        'paypal-cert-url': 'https://api.paypal.com/v1/notifications/certs/CERT-fake',
        'paypal-auth-algo': 'SHA256withRSA',
      },
    };
  }

  #emit(type: string, resource: Json): void {
    const event = {
      id: this.#id('WH-'),
      create_time: this.now().toISOString(),
      resource_type: type.startsWith('PAYMENT.CAPTURE.REFUNDED') ? 'refund' : 'capture',
      event_version: '1.0',
      event_type: type,
      summary: type,
      resource: structuredClone(resource),
      links: [],
    };
    (this.server.violations as string[]).push(...paypalContract().checkSchema('event', event, 3));
    this.events.push(event);
  }

  async #handle(request: FakeRequest): Promise<FakeResponse> {
    if (request.operation.operationId.startsWith('unchecked')) {
      const expected = `Basic ${btoa(`${this.credentials.clientId}:${this.credentials.clientSecret}`)}`;
      if (request.headers.authorization !== expected)
        return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
      return { status: 200, body: { access_token: 'A21AAfakeToken', token_type: 'Bearer', expires_in: 32400 } };
    }
    if (request.headers.authorization !== 'Bearer A21AAfakeToken')
      return { status: 401, body: ERROR('AUTHENTICATION_FAILURE', 'Authentication failed') };
    const requestId = request.headers['paypal-request-id'];
    if (request.method !== 'POST' || requestId === undefined) return this.#route(request);
    const fingerprint = `${request.path} ${request.rawBody}`;
    const stored = this.#requestIds.get(requestId);
    if (stored !== undefined) {
      // Orders answer a reused id with the order it made (whatever the new body); the vault refuses it.
      if (stored.fingerprint !== fingerprint && request.path.startsWith('/v3/vault')) {
        return {
          status: 422,
          body: ERROR(
            'UNPROCESSABLE_ENTITY',
            'The PayPal-Request-Id has already been used for another request.',
            'PAYPAL_REQUEST_ID_PREVIOUSLY_USED',
          ),
        };
      }
      // PayPal answers a repeat with the latest state of what the first request made.
      const latest = stored.answer.body as Json | undefined;
      const order = typeof latest?.id === 'string' ? this.orders.get(latest.id) : undefined;
      return order === undefined ? stored.answer : { status: stored.answer.status, body: structuredClone(order) };
    }
    const answer = this.#route(request);
    this.#requestIds.set(requestId, { fingerprint, answer });
    return answer;
  }

  #route(request: FakeRequest): FakeResponse {
    const body = (request.body ?? {}) as Json;
    const { id, capture_id: captureId } = request.operation.params;
    switch (`${request.method} ${request.operation.template}`) {
      case 'POST /v2/checkout/orders':
        return this.#createOrder(body);
      case 'GET /v2/checkout/orders/{id}': {
        const order = this.orders.get(id as string);
        return order === undefined
          ? {
              status: 404,
              body: ERROR('RESOURCE_NOT_FOUND', 'The specified resource does not exist.', 'INVALID_RESOURCE_ID'),
            }
          : { status: 200, body: structuredClone(order) };
      }
      case 'POST /v2/checkout/orders/{id}/capture':
        return this.#capture(id as string);
      case 'POST /v2/payments/captures/{capture_id}/refund':
        return this.#refund(captureId as string, body);
      case 'POST /v3/vault/setup-tokens':
        return this.#createSetup(body);
      case 'POST /v3/vault/payment-tokens':
        return this.#createToken(body);
      case 'GET /v3/vault/payment-tokens': {
        const customer = request.query.get('customer_id');
        const payment_tokens = [...this.tokens.values()].filter((t) => (t.customer as Json).id === customer);
        return { status: 200, body: { customer: { id: customer }, payment_tokens } };
      }
      case 'DELETE /v3/vault/payment-tokens/{id}':
        return this.tokens.delete(id as string)
          ? { status: 204 }
          : { status: 404, body: ERROR('RESOURCE_NOT_FOUND', 'No such token.', 'INVALID_RESOURCE_ID') };
      case 'POST /v1/notifications/verify-webhook-signature':
        return this.#verify(body);
      default:
        return { status: 404, body: ERROR('NOT_FOUND', 'the fake has no such route') };
    }
  }

  #createOrder(body: Json): FakeResponse {
    const id = this.#id('ORDER');
    const unit = ((body.purchase_units as Json[])[0] ?? {}) as Json;
    const paypal = ((body.payment_source as Json | undefined)?.paypal ?? {}) as Json;
    const order: Json = {
      id,
      intent: body.intent,
      status: 'PAYER_ACTION_REQUIRED',
      create_time: this.now().toISOString(),
      purchase_units: [
        {
          reference_id: 'default',
          amount: unit.amount,
          ...(unit.custom_id === undefined ? {} : { custom_id: unit.custom_id }),
        },
      ],
      links: [
        { href: `https://www.sandbox.paypal.com/checkoutnow?token=${id}`, rel: 'payer-action', method: 'GET' },
        { href: `https://api-m.sandbox.paypal.com/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
      ],
    };
    this.orders.set(id, order);
    const vault = paypal.vault_id as string | undefined;
    if (vault !== undefined) {
      if (!this.tokens.has(vault))
        return { status: 422, body: ERROR('UNPROCESSABLE_ENTITY', 'The vault id is not valid.', 'INVALID_VAULT_ID') };
      order.payment_source = {
        paypal: { email_address: 'buyer@example.com', attributes: { vault: { id: vault, status: 'VAULTED' } } },
      };
      if (this.#outcomes[0] === 'requires_action') {
        this.#outcomes.shift();
        return { status: 200, body: structuredClone(order) };
      }
      this.#settle(order);
    }
    return { status: 200, body: structuredClone(order) };
  }

  /** Captures an order now: completes, or declines as the queued outcome says. */
  #settle(order: Json): void {
    const outcome = this.#outcomes.shift();
    const unit = (order.purchase_units as Json[])[0] as Json;
    const amount = unit.amount as { currency_code: string; value: string };
    const declined = outcome === 'decline_soft' || outcome === 'decline_hard';
    const fee = ((Number(amount.value) * 0.0349 + 0.49) * 100) | 0; // demo figure, in cents
    const capture: Json = {
      id: this.#id('CAP'),
      status: declined ? 'DECLINED' : 'COMPLETED',
      amount,
      final_capture: true,
      create_time: this.now().toISOString(),
      ...(unit.custom_id === undefined ? {} : { custom_id: unit.custom_id }),
      ...(declined ? { processor_response: { response_code: outcome === 'decline_hard' ? '9500' : '5120' } } : {}),
      ...(declined
        ? {}
        : {
            seller_receivable_breakdown: {
              gross_amount: amount,
              paypal_fee: money(amount.currency_code, (fee / 100).toFixed(2)),
            },
          }),
      supplementary_data: { related_ids: { order_id: order.id } },
    };
    unit.payments = { captures: [capture] };
    order.status = 'COMPLETED';
    order.links = [
      { href: `https://api-m.sandbox.paypal.com/v2/checkout/orders/${order.id}`, rel: 'self', method: 'GET' },
    ];
    this.#emit(declined ? 'PAYMENT.CAPTURE.DECLINED' : 'PAYMENT.CAPTURE.COMPLETED', capture);
  }

  #capture(id: string): FakeResponse {
    const order = this.orders.get(id);
    if (order === undefined)
      return {
        status: 404,
        body: ERROR('RESOURCE_NOT_FOUND', 'The specified resource does not exist.', 'INVALID_RESOURCE_ID'),
      };
    if (order.status !== 'APPROVED')
      return {
        status: 422,
        body: ERROR('UNPROCESSABLE_ENTITY', 'The order has not been approved.', 'ORDER_NOT_APPROVED'),
      };
    this.#settle(order);
    return { status: 201, body: structuredClone(order) };
  }

  #refund(captureId: string, body: Json): FakeResponse {
    const order = [...this.orders.values()].find((o) => this.#captures(o).some((c) => c.id === captureId));
    const capture = order === undefined ? undefined : this.#captures(order).find((c) => c.id === captureId);
    if (order === undefined || capture === undefined)
      return { status: 404, body: ERROR('RESOURCE_NOT_FOUND', 'No such capture.', 'INVALID_RESOURCE_ID') };
    const unit = (order.purchase_units as Json[])[0] as Json;
    const payments = unit.payments as Json;
    const refunds = (payments.refunds as Json[] | undefined) ?? [];
    const currency = (capture.amount as Json).currency_code as string;
    const toCents = (value: string) => Math.round(Number(value) * 100);
    const refunded = refunds.reduce((t, r) => t + toCents((r.amount as Json).value as string), 0);
    const left = toCents((capture.amount as Json).value as string) - refunded;
    const requested = body.amount === undefined ? left : toCents((body.amount as Json).value as string);
    if (requested > left || left === 0) {
      return {
        status: 422,
        body: ERROR(
          'UNPROCESSABLE_ENTITY',
          'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
          'REFUND_AMOUNT_EXCEEDED',
        ),
      };
    }
    const refund = {
      id: this.#id('REF'),
      status: 'COMPLETED',
      amount: money(currency, (requested / 100).toFixed(2)),
      create_time: this.now().toISOString(),
      links: [{ href: `https://api-m.sandbox.paypal.com/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' }],
    };
    payments.refunds = [...refunds, refund];
    capture.status = requested === left ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    this.#emit('PAYMENT.CAPTURE.REFUNDED', refund);
    return { status: 201, body: refund };
  }

  #createSetup(body: Json): FakeResponse {
    const id = this.#id('ST');
    const setup = {
      id,
      customer: body.customer,
      status: 'PAYER_ACTION_REQUIRED',
      payment_source: { paypal: { usage_type: 'MERCHANT' } },
      links: [
        {
          href: `https://www.sandbox.paypal.com/agreements/approve?approval_session_id=${id}`,
          rel: 'approve',
          method: 'GET',
        },
      ],
    };
    this.setups.set(id, setup);
    return { status: 200, body: setup };
  }

  #createToken(body: Json): FakeResponse {
    const setupId = ((body.payment_source as Json).token as Json).id as string;
    const setup = this.setups.get(setupId);
    if (setup === undefined || setup.status !== 'APPROVED') {
      return {
        status: 422,
        body: ERROR('UNPROCESSABLE_ENTITY', 'The setup token has not been approved.', 'TOKEN_NOT_APPROVED'),
      };
    }
    const id = this.addVault((setup.customer as Json).id as string);
    return { status: 200, body: this.tokens.get(id) };
  }

  #verify(body: Json): FakeResponse {
    const event = JSON.stringify(body.webhook_event);
    const ok =
      body.webhook_id === this.webhookId &&
      createVerify('sha256')
        .update(`${body.transmission_id}|${body.transmission_time}|${body.webhook_id}|${crc32(event)}`)
        .verify(this.#keys.publicKey, String(body.transmission_sig), 'base64');
    return { status: 200, body: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
  }
}
