import {
  type FakeRequest,
  type FakeResponse,
  type LoopbackFake,
  OpenApiContract,
  STRIPE_SPEC,
  startLoopbackFake,
} from '@billfold/gateway-fake-kit';
import {
  balanceTransaction,
  type FakeCard,
  list,
  paymentMethod,
  type StripeObject,
  stripeError,
} from './stripe-objects';
import { stripeSignatureHeader } from './stripe-signature';

/** What the next confirmed charge does, as a card test number would at Stripe. */
export type ChargeOutcome = 'decline_soft' | 'decline_hard' | 'requires_action';

type Form = Record<string, unknown>;
const str = (form: Form, key: string): string | undefined =>
  typeof form[key] === 'string' ? (form[key] as string) : undefined;

let sharedContract: OpenApiContract | undefined;
/** One contract per test process: compiling Stripe's schemas takes a second or two. */
function stripeContract(): OpenApiContract {
  sharedContract ??= new OpenApiContract([STRIPE_SPEC]);
  return sharedContract;
}

/**
 * A loopback Stripe: customers, card PaymentMethods, PaymentIntents (confirm, 3-D Secure, manual capture, declines),
 * SetupIntents, Refunds, search, idempotency keys as Stripe keeps them (a replay returns the stored answer with
 * `Idempotent-Replayed: true`; the same key with other parameters is a 400 `idempotency_error`), and signed webhook
 * events. Every request and answer is checked against Stripe's OpenAPI description.
 */
export class FakeStripe {
  readonly customers = new Map<string, StripeObject>();
  readonly methods = new Map<string, StripeObject>();
  readonly intents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly setups = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  readonly events: StripeObject[] = [];
  readonly #idempotency = new Map<string, { fingerprint: string; answer: FakeResponse }>();
  readonly #outcomes: ChargeOutcome[] = [];
  #sequence = 0;
  server!: LoopbackFake;

  /**
   * @param now Unix seconds, from the test's clock.
   * @param secretKey The only API key the fake accepts; any other gets Stripe's 401.
   */
  constructor(
    readonly now: () => number,
    readonly secretKey: string,
  ) {}

  /** Starts the fake on a free loopback port. */
  static async start(now: () => number, secretKey: string): Promise<FakeStripe> {
    const fake = new FakeStripe(now, secretKey);
    fake.server = await startLoopbackFake({
      contract: stripeContract(),
      handle: (request) => fake.#handle(request),
      errorBody: (status, message) => stripeError(status === 429 ? 'rate_limit_error' : 'api_error', message),
    });
    return fake;
  }

  #id(prefix: string): string {
    this.#sequence += 1;
    return `${prefix}_fake${String(this.#sequence).padStart(8, '0')}`;
  }

  /** The next confirmed charge declines (soft: insufficient funds; hard: stolen card) or needs 3-D Secure. */
  nextCharge(outcome: ChargeOutcome): void {
    this.#outcomes.push(outcome);
  }

  /** Charges that took money: what "charged exactly once" counts. */
  succeededCharges(): StripeObject[] {
    return [...this.charges.values()].filter((charge) => charge.status === 'succeeded');
  }

  /** A saved card for `customer`, as a finished SetupIntent would leave it. */
  addCard(customer: string, card: FakeCard = { brand: 'visa', last4: '4242' }): string {
    const id = this.#id('pm');
    this.methods.set(id, paymentMethod(id, this.now(), card, customer));
    return id;
  }

  /** The browser step: the customer entered a card or passed 3-D Secure for a PaymentIntent. */
  completeAction(intentId: string): void {
    const intent = this.#intent(intentId);
    const method = (intent.payment_method as string | null) ?? this.addCard(intent.customer as string);
    this.#charge(intent, method, false);
  }

  /** The browser step of a setup: the customer entered a card in Stripe's fields. */
  completeSetup(setupId: string, card?: FakeCard): string {
    const setup = this.setups.get(setupId) as StripeObject;
    const method = this.addCard(setup.customer as string, card);
    Object.assign(setup, { status: 'succeeded', payment_method: method });
    this.#emit('setup_intent.succeeded', setup);
    return method;
  }

  /** A dispute on a PaymentIntent's charge (`charge.dispute.created`); returns its id. */
  openDispute(intentId: string): string {
    const intent = this.#intent(intentId);
    const id = this.#id('dp');
    const dispute = {
      id,
      object: 'dispute',
      amount: intent.amount_received,
      balance_transactions: [],
      charge: intent.latest_charge,
      created: this.now(),
      currency: intent.currency,
      evidence: {},
      evidence_details: { due_by: this.now() + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: intent.id,
      reason: 'fraudulent',
      status: 'needs_response',
    };
    this.#emit('charge.dispute.created', dispute);
    return id;
  }

  /** Closes a dispute (`charge.dispute.closed`) as won or lost. */
  closeDispute(disputeId: string, outcome: 'won' | 'lost'): void {
    const opened = this.events.find((e) => (e.data as { object: StripeObject }).object.id === disputeId);
    if (opened === undefined) throw new Error(`no dispute ${disputeId}`);
    const dispute = { ...(opened.data as { object: StripeObject }).object, status: outcome };
    this.#emit('charge.dispute.closed', dispute);
  }

  /**
   * A delivery of `event` as Stripe would POST it: the JSON body and its `Stripe-Signature`, signed with `secret`
   * at `timestamp` (default now).
   */
  delivery(
    event: StripeObject,
    secret: string,
    timestamp = this.now(),
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify(event);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stripeSignatureHeader(body, secret, timestamp),
      },
    };
  }

  #emit(type: string, object: StripeObject): void {
    const event = {
      id: this.#id('evt'),
      object: 'event',
      api_version: '2020-08-27',
      created: this.now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const problems = this.server.violations as string[];
    const contract = stripeContract();
    problems.push(...contract.checkSchema('event', event));
    const schema = String(object.object);
    if (schema !== 'dispute') problems.push(...contract.checkSchema(schema, event.data.object));
    this.events.push(event);
  }

  #intent(id: string): StripeObject {
    const intent = this.intents.get(id);
    if (intent === undefined) throw new Error(`no PaymentIntent ${id}`);
    return intent;
  }

  async #handle(request: FakeRequest): Promise<FakeResponse> {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (bearer !== this.secretKey) {
      // Echoes the key it refused in full, worse than Stripe (which masks it): the adapter must not pass it on.
      return { status: 401, body: stripeError('invalid_request_error', `Invalid API Key provided: ${bearer}`) };
    }
    if (request.method !== 'POST') return this.#route(request);
    const key = request.headers['idempotency-key'];
    if (key === undefined) return this.#route(request);
    const fingerprint = `${request.path} ${JSON.stringify(request.body ?? {})}`;
    const stored = this.#idempotency.get(key);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint) {
        return {
          status: 400,
          body: stripeError(
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      return { ...stored.answer, headers: { ...stored.answer.headers, 'idempotent-replayed': 'true' } };
    }
    const answer = this.#route(request);
    this.#idempotency.set(key, { fingerprint, answer });
    return answer;
  }

  #route(request: FakeRequest): FakeResponse {
    const form = (request.body ?? {}) as Form;
    const params = request.operation.params;
    switch (request.operation.operationId) {
      case 'PostCustomers':
        return this.#createCustomer(form);
      case 'PostPaymentIntents':
        return this.#createIntent(form);
      case 'GetPaymentIntentsIntent':
        return this.#readIntent(params.intent as string, request.query);
      case 'PostPaymentIntentsIntentCapture':
        return this.#capture(params.intent as string, form);
      case 'GetPaymentIntentsSearch':
        return this.#search(request.query.get('query') ?? '');
      case 'GetPaymentIntents':
        return this.#listIntents(request.query.get('customer'));
      case 'PostRefunds':
        return this.#refund(form);
      case 'PostSetupIntents':
        return this.#createSetup(form);
      case 'GetSetupIntentsIntent':
        return this.#readSetup(params.intent as string, request.query);
      case 'GetCustomersCustomerPaymentMethods':
        return this.#listMethods(params.customer as string);
      case 'PostPaymentMethodsPaymentMethodDetach':
        return this.#detach(params.payment_method as string);
      default:
        return {
          status: 404,
          body: stripeError('invalid_request_error', `the fake has no ${request.operation.operationId}`),
        };
    }
  }

  #missing(kind: string, id: string): FakeResponse {
    return {
      status: 404,
      body: stripeError('invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing' }),
    };
  }

  #createCustomer(form: Form): FakeResponse {
    const id = this.#id('cus');
    const customer = {
      id,
      object: 'customer',
      created: this.now(),
      livemode: false,
      email: str(form, 'email') ?? null,
      name: str(form, 'name') ?? null,
      metadata: form.metadata ?? {},
    };
    this.customers.set(id, customer);
    return { status: 200, body: customer };
  }

  #expanded(intent: StripeObject, expand: boolean): StripeObject {
    const chargeId = intent.latest_charge as string | null;
    if (!expand || chargeId === null) return structuredClone(intent);
    const charge = structuredClone(this.charges.get(chargeId) as StripeObject);
    return { ...structuredClone(intent), latest_charge: charge };
  }

  #wantsExpansion(form: Form | URLSearchParams): boolean {
    if (form instanceof URLSearchParams) return form.get('expand[0]') === 'latest_charge.balance_transaction';
    return Array.isArray(form.expand) && form.expand.includes('latest_charge.balance_transaction');
  }

  #createIntent(form: Form): FakeResponse {
    const id = this.#id('pi');
    const customer = str(form, 'customer') ?? null;
    if (customer !== null && !this.customers.has(customer)) return this.#missing('customer', customer);
    const intent: StripeObject = {
      id,
      object: 'payment_intent',
      amount: Number(form.amount),
      amount_capturable: 0,
      amount_received: 0,
      capture_method: str(form, 'capture_method') ?? 'automatic',
      client_secret: `${id}_secret_fake`,
      confirmation_method: 'automatic',
      created: this.now(),
      currency: str(form, 'currency'),
      customer,
      description: str(form, 'description') ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: form.metadata ?? {},
      next_action: null,
      payment_method: null,
      payment_method_types: ['card'],
      status: 'requires_payment_method',
    };
    this.intents.set(id, intent);
    const method = str(form, 'payment_method');
    if (method !== undefined && form.confirm === 'true') {
      const stored = this.methods.get(method);
      if (stored === undefined || (customer !== null && stored.customer !== customer))
        return this.#missing('payment_method', method);
      intent.payment_method = method;
      const declined = this.#charge(intent, method, form.off_session === 'true');
      if (declined !== undefined) return declined;
    }
    return { status: 200, body: this.#expanded(intent, this.#wantsExpansion(form)) };
  }

  /** Confirms `intent` with `method`: succeeds, declines (402 with the intent) or needs 3-D Secure. */
  #charge(intent: StripeObject, method: string, offSession: boolean): FakeResponse | undefined {
    const outcome = this.#outcomes.shift();
    intent.payment_method = method;
    if (outcome === 'requires_action' && !offSession) {
      Object.assign(intent, { status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} } });
      return undefined;
    }
    if (outcome !== undefined) {
      const [code, decline, message] =
        outcome === 'requires_action'
          ? [
              'authentication_required',
              'authentication_required',
              'Your card was declined. This transaction requires authentication.',
            ]
          : outcome === 'decline_hard'
            ? ['card_declined', 'stolen_card', 'Your card was declined.']
            : ['card_declined', 'insufficient_funds', 'Your card has insufficient funds.'];
      const failure = {
        type: 'card_error',
        code,
        decline_code: decline,
        message,
        payment_method: this.methods.get(method),
      };
      Object.assign(intent, { status: 'requires_payment_method', last_payment_error: failure, next_action: null });
      this.#emit('payment_intent.payment_failed', intent);
      return {
        status: 402,
        body: stripeError('card_error', message, {
          code,
          decline_code: decline,
          payment_intent: structuredClone(intent),
        }),
      };
    }
    const amount = intent.amount as number;
    const currency = intent.currency as string;
    const chargeId = this.#id('ch');
    const manual = intent.capture_method === 'manual';
    this.charges.set(chargeId, {
      id: chargeId,
      object: 'charge',
      amount,
      amount_captured: manual ? 0 : amount,
      amount_refunded: 0,
      balance_transaction: manual ? null : balanceTransaction(this.#id('txn'), this.now(), amount, currency),
      billing_details: paymentMethod('', 0, { brand: 'visa', last4: '4242' }, null).billing_details,
      captured: !manual,
      created: this.now(),
      currency,
      disputed: false,
      livemode: false,
      metadata: {},
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      refunds: list(`/v1/charges/${chargeId}/refunds`, []),
      status: manual ? 'pending' : 'succeeded',
    });
    Object.assign(intent, {
      latest_charge: chargeId,
      last_payment_error: null,
      next_action: null,
      status: manual ? 'requires_capture' : 'succeeded',
      amount_capturable: manual ? amount : 0,
      amount_received: manual ? 0 : amount,
    });
    if (!manual) this.#emit('payment_intent.succeeded', intent);
    return undefined;
  }

  #readIntent(id: string, query: URLSearchParams): FakeResponse {
    const intent = this.intents.get(id);
    return intent === undefined
      ? this.#missing('payment_intent', id)
      : { status: 200, body: this.#expanded(intent, this.#wantsExpansion(query)) };
  }

  #capture(id: string, form: Form): FakeResponse {
    const intent = this.intents.get(id);
    if (intent === undefined) return this.#missing('payment_intent', id);
    if (intent.status !== 'requires_capture') {
      return {
        status: 400,
        body: stripeError(
          'invalid_request_error',
          `This PaymentIntent could not be captured because it has a status of ${intent.status}.`,
          { code: 'payment_intent_unexpected_state' },
        ),
      };
    }
    const amount =
      form.amount_to_capture === undefined ? (intent.amount_capturable as number) : Number(form.amount_to_capture);
    const charge = this.charges.get(intent.latest_charge as string) as StripeObject;
    Object.assign(charge, {
      amount_captured: amount,
      captured: true,
      status: 'succeeded',
      balance_transaction: balanceTransaction(this.#id('txn'), this.now(), amount, intent.currency as string),
    });
    Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
    this.#emit('payment_intent.succeeded', intent);
    return { status: 200, body: this.#expanded(intent, this.#wantsExpansion(form)) };
  }

  #search(query: string): FakeResponse {
    const match = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(query);
    const data =
      match === null
        ? []
        : [...this.intents.values()].filter(
            (pi) => (pi.metadata as Record<string, string>)[match[1] as string] === match[2],
          );
    return {
      status: 200,
      body: { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/payment_intents/search' },
    };
  }

  #listIntents(customer: string | null): FakeResponse {
    const data = [...this.intents.values()].filter((pi) => customer === null || pi.customer === customer);
    return { status: 200, body: list('/v1/payment_intents', data) };
  }

  #refund(form: Form): FakeResponse {
    const id = str(form, 'payment_intent') ?? '';
    const intent = this.intents.get(id);
    if (intent === undefined) return this.#missing('payment_intent', id);
    const charge = intent.latest_charge === null ? undefined : this.charges.get(intent.latest_charge as string);
    if (charge === undefined || charge.status !== 'succeeded') {
      return {
        status: 400,
        body: stripeError('invalid_request_error', 'This PaymentIntent has no successful charge to refund.'),
      };
    }
    const left = (charge.amount_captured as number) - (charge.amount_refunded as number);
    const amount = form.amount === undefined ? left : Number(form.amount);
    if (left === 0)
      return {
        status: 400,
        body: stripeError('invalid_request_error', `Charge ${charge.id} has already been refunded.`, {
          code: 'charge_already_refunded',
        }),
      };
    if (amount > left) {
      return {
        status: 400,
        body: stripeError(
          'invalid_request_error',
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          { code: 'amount_too_large' },
        ),
      };
    }
    const refundId = this.#id('re');
    const refund = {
      id: refundId,
      object: 'refund',
      amount,
      charge: charge.id,
      created: this.now(),
      currency: intent.currency,
      metadata: {},
      payment_intent: intent.id,
      reason: str(form, 'reason') ?? null,
      status: 'succeeded',
    };
    this.refunds.set(refundId, refund);
    Object.assign(charge, { amount_refunded: (charge.amount_refunded as number) + amount, refunded: amount === left });
    this.#emit('charge.refund.updated', refund);
    return { status: 200, body: refund };
  }

  #createSetup(form: Form): FakeResponse {
    const customer = str(form, 'customer') ?? '';
    if (!this.customers.has(customer)) return this.#missing('customer', customer);
    const id = this.#id('seti');
    const setup = {
      id,
      object: 'setup_intent',
      client_secret: `${id}_secret_fake`,
      created: this.now(),
      customer,
      livemode: false,
      metadata: form.metadata ?? {},
      payment_method: null,
      payment_method_types: ['card'],
      status: 'requires_payment_method',
      usage: str(form, 'usage') ?? 'off_session',
    };
    this.setups.set(id, setup);
    return { status: 200, body: setup };
  }

  #readSetup(id: string, query: URLSearchParams): FakeResponse {
    const setup = this.setups.get(id);
    if (setup === undefined) return this.#missing('setup_intent', id);
    const method = setup.payment_method as string | null;
    const expand = query.get('expand[0]') === 'payment_method' && method !== null;
    return { status: 200, body: expand ? { ...setup, payment_method: this.methods.get(method) } : setup };
  }

  #listMethods(customer: string): FakeResponse {
    if (!this.customers.has(customer)) return this.#missing('customer', customer);
    const data = [...this.methods.values()].filter((m) => m.customer === customer);
    return { status: 200, body: list(`/v1/customers/${customer}/payment_methods`, data) };
  }

  #detach(id: string): FakeResponse {
    const method = this.methods.get(id);
    if (method === undefined || method.customer === null) return this.#missing('payment_method', id);
    method.customer = null;
    return { status: 200, body: method };
  }
}
