import { type FakeRequest, type FakeResponse, type LoopbackFake, startLoopbackFake } from '../loopback-fake';
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

/**
 * A loopback Stripe: customers, card PaymentMethods, PaymentIntents (confirm, 3-D Secure, manual capture, declines),
 * SetupIntents, Refunds, balance transactions and automatic payouts, search, idempotency keys as Stripe keeps them, and signed webhook events. Every request and
 * answer is checked against Stripe's OpenAPI description. One module per resource; this class is the server and the
 * steps a test takes in the customer's place.
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
  ) {
    this.#store = new StripeStore(now, () => this.server.violations as string[]);
    this.intents = this.#store.intents;
    this.events = this.#store.events;
  }

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
    chargeIntent(this.#store, intent, method, false);
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
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (bearer !== this.secretKey) {
      // Echoes the key it refused in full, worse than Stripe (which masks it): the adapter must not pass it on.
      return { status: 401, body: stripeError('invalid_request_error', `Invalid API Key provided: ${bearer}`) };
    }
    return this.#idempotency.answer(request, (r) => this.#route(r));
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
