import { type FakeRequest, type FakeResponse, type LoopbackFake, startLoopbackFake } from '../loopback-fake';
import { browserScript } from '../browser-script';
import { WebhookDeliveries } from '../webhook-deliveries';
import {
  answerChallenge,
  confirmIntentInBrowser,
  confirmSetupInBrowser,
  createCardMethod,
  readIntentInBrowser,
} from './browser-steps';
import { chargeIntent } from './charges';
import { addCard, createCustomer, detachMethod, listMethods } from './customers';
import { closeDispute, openDispute } from './disputes';
import { IdempotencyKeys } from './idempotency';
import { captureIntent, createIntent, listIntents, readIntent, searchIntents } from './payment-intents';
import { listBalanceTransactions, listPayouts, payOut, readPayout, readRefund } from './payouts';
import { createRefund } from './refunds';
import { completeSetup, createSetup, readSetup } from './setup-intents';
import { type FakeCard, type StripeObject, stripeError } from './stripe-objects';
import { stripeSignatureHeader } from './stripe-signature';
import { type ChargeOutcome, type Form, StripeStore, stripeContract } from './stripe-store';
import { testCardOf } from './test-cards';

/** The browser side of {@link FakeStripe}: what a page with Stripe.js may do. */
export interface FakeStripeBrowserOptions {
  /**
   * The publishable key pages use (`pk_test_…`). With it the fake serves a stand-in of Stripe.js at `/v3/` and
   * answers its calls — card PaymentMethods, confirming PaymentIntents and SetupIntents with their client secret,
   * the 3-D Secure challenge — from any origin (CORS).
   */
  readonly publishableKey: string;
}

/** The operations Stripe lets a publishable key make (with the object's client secret). */
const BROWSER_OPERATIONS = new Set([
  'PostPaymentMethods',
  'PostPaymentIntentsIntentConfirm',
  'GetPaymentIntentsIntent',
  'PostSetupIntentsIntentConfirm',
]);

/**
 * A loopback Stripe: customers, card PaymentMethods, PaymentIntents (confirm, 3-D Secure, manual capture, declines),
 * SetupIntents, Refunds, balance transactions and automatic payouts, search, idempotency keys as Stripe keeps them,
 * and signed webhook events, which it can also deliver to a webhook endpoint. Every request and answer is checked
 * against Stripe's OpenAPI description. With a publishable key it also serves its browser side (Stripe.js and its
 * calls, test cards decide). One module per resource; this class is the server and the steps a test takes in the
 * customer's place.
 */
export class FakeStripe {
  readonly #store: StripeStore;
  readonly #idempotency = new IdempotencyKeys();
  readonly intents: Map<string, StripeObject>;
  readonly events: StripeObject[];
  server!: LoopbackFake;

  /**
   * @param now Unix seconds, from the test's clock.
   * @param secretKey The only API key the fake accepts; any other gets Stripe's 401.
   */
  constructor(
    readonly now: () => number,
    readonly secretKey: string,
    readonly browser?: FakeStripeBrowserOptions,
  ) {
    this.#store = new StripeStore(now, () => this.server.violations as string[]);
    this.intents = this.#store.intents;
    this.events = this.#store.events;
  }

  /** Starts the fake on a free loopback port (with its browser side when `browser` is given). */
  static async start(now: () => number, secretKey: string, browser?: FakeStripeBrowserOptions): Promise<FakeStripe> {
    const fake = new FakeStripe(now, secretKey, browser);
    fake.server = await startLoopbackFake({
      contract: stripeContract(),
      handle: (request) => fake.#handle(request),
      errorBody: (status, message) => stripeError(status === 429 ? 'rate_limit_error' : 'api_error', message),
      // Stripe.js (served at /v3/) and the 3-D Secure challenge are not part of Stripe's API description.
      unchecked: (method, path) =>
        browser !== undefined && ((method === 'GET' && path === '/v3/') || path.startsWith('/fake/3ds/')),
      cors: browser !== undefined,
    });
    fake.#store.baseUrl = fake.server.url;
    return fake;
  }

  /**
   * Delivers every event emitted from now on to a webhook endpoint, signed with `secret` at the time of delivery,
   * one after another, as Stripe does.
   */
  deliverWebhooks(url: string, secret: string): WebhookDeliveries {
    const deliveries = new WebhookDeliveries(url, (event) => this.delivery(event, secret));
    this.#store.listeners.push((event) => deliveries.deliver(event));
    return deliveries;
  }

  /** A saved card from a test card number (see `STRIPE_TEST_CARDS`) for `customer`; returns the PaymentMethod. */
  addTestCard(customer: string, number: string): string {
    const test = testCardOf(number);
    if (test === undefined) throw new Error(`${number} is not a Stripe test card`);
    const id = addCard(this.#store, customer, { brand: test.brand, last4: test.last4 });
    if (test.outcome !== undefined) this.#store.cardOutcomes.set(id, test.outcome);
    return id;
  }

  /** The next confirmed charge declines (soft: insufficient funds; hard: stolen card) or needs 3-D Secure. */
  nextCharge(outcome: ChargeOutcome): void {
    this.#store.outcomes.push(outcome);
  }

  /** Charges that took money: what "charged exactly once" counts. */
  succeededCharges(): StripeObject[] {
    return [...this.#store.charges.values()].filter((charge) => charge.status === 'succeeded');
  }

  /** A saved card for `customer`, as a finished SetupIntent would leave it. */
  addCard(customer: string, card?: FakeCard): string {
    return addCard(this.#store, customer, card);
  }

  /** The browser step: the customer entered a card or passed 3-D Secure for a PaymentIntent. */
  completeAction(intentId: string): void {
    const intent = this.#store.intent(intentId);
    const method = (intent.payment_method as string | null) ?? this.addCard(intent.customer as string);
    chargeIntent(this.#store, intent, method, false, true);
  }

  /** The browser step of a setup: the customer entered a card in Stripe's fields. */
  completeSetup(setupId: string, card?: FakeCard): string {
    return completeSetup(this.#store, setupId, card);
  }

  /** A dispute on a PaymentIntent's charge (`charge.dispute.created`); returns its id. */
  openDispute(intentId: string): string {
    return openDispute(this.#store, intentId);
  }

  /**
   * Stripe's automatic payout: everything in the `currency` balance not paid out yet (charges less their fees,
   * refunds), arriving in `arrivalDays` days. Returns the payout (`po_…`, `amount` in minor units).
   */
  payOut(currency: string, arrivalDays = 2): StripeObject {
    return payOut(this.#store, currency.toLowerCase(), arrivalDays);
  }

  /** Closes a dispute (`charge.dispute.closed`) as won or lost. */
  closeDispute(disputeId: string, outcome: 'won' | 'lost'): void {
    closeDispute(this.#store, disputeId, outcome);
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

  #handle(request: FakeRequest): FakeResponse {
    if (request.operation.operationId.startsWith('unchecked')) return this.#page(request);
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (this.browser !== undefined && bearer === this.browser.publishableKey) return this.#browserCall(request);
    if (bearer !== this.secretKey) {
      // Echoes the key it refused in full, worse than Stripe (which masks it): the adapter must not pass it on.
      return { status: 401, body: stripeError('invalid_request_error', `Invalid API Key provided: ${bearer}`) };
    }
    return this.#idempotency.answer(request, (r) => this.#route(r));
  }

  /** Stripe.js and the 3-D Secure challenge it opens. */
  #page(request: FakeRequest): FakeResponse {
    if (request.method === 'GET') return browserScript('stripe-js.js');
    const id = request.path.slice('/fake/3ds/'.length);
    return answerChallenge(this.#store, id, (request.body ?? {}) as Form);
  }

  /** A call Stripe.js makes with the publishable key; other operations are refused as Stripe refuses them. */
  #browserCall(request: FakeRequest): FakeResponse {
    const store = this.#store;
    const form = (request.body ?? {}) as Form;
    const id = request.operation.params.intent as string;
    switch (BROWSER_OPERATIONS.has(request.operation.operationId) ? request.operation.operationId : '') {
      case 'PostPaymentMethods':
        return createCardMethod(store, form);
      case 'PostPaymentIntentsIntentConfirm':
        return confirmIntentInBrowser(store, id, form);
      case 'GetPaymentIntentsIntent':
        return readIntentInBrowser(store, id, request.query.get('client_secret'));
      case 'PostSetupIntentsIntentConfirm':
        return confirmSetupInBrowser(store, id, form);
      default:
        return {
          status: 401,
          body: stripeError('invalid_request_error', 'This API call cannot be made with a publishable API key.'),
        };
    }
  }

  #route(request: FakeRequest): FakeResponse {
    const store = this.#store;
    const form = (request.body ?? {}) as Form;
    const params = request.operation.params;
    switch (request.operation.operationId) {
      case 'PostCustomers':
        return createCustomer(store, form);
      case 'PostPaymentIntents':
        return createIntent(store, form);
      case 'GetPaymentIntentsIntent':
        return readIntent(store, params.intent as string, request.query);
      case 'PostPaymentIntentsIntentCapture':
        return captureIntent(store, params.intent as string, form);
      case 'GetPaymentIntentsSearch':
        return searchIntents(store, request.query.get('query') ?? '');
      case 'GetPaymentIntents':
        return listIntents(store, request.query.get('customer'));
      case 'PostRefunds':
        return createRefund(store, form);
      case 'GetRefundsRefund':
        return readRefund(store, params.refund as string);
      case 'GetPayouts':
        return listPayouts(store, request.query);
      case 'GetPayoutsPayout':
        return readPayout(store, params.payout as string);
      case 'GetBalanceTransactions':
        return listBalanceTransactions(store, request.query);
      case 'PostSetupIntents':
        return createSetup(store, form);
      case 'GetSetupIntentsIntent':
        return readSetup(store, params.intent as string, request.query);
      case 'GetCustomersCustomerPaymentMethods':
        return listMethods(store, params.customer as string);
      case 'PostPaymentMethodsPaymentMethodDetach':
        return detachMethod(store, params.payment_method as string);
      default:
        return {
          status: 404,
          body: stripeError('invalid_request_error', `the fake has no ${request.operation.operationId}`),
        };
    }
  }
}
