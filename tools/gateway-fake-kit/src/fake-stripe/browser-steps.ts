import type { FakeResponse } from '../loopback-fake';
import { chargeIntent } from './charges';
import { paymentMethod, type StripeObject, stripeError } from './stripe-objects';
import { type Form, missing, type StripeStore, str } from './stripe-store';
import { testCardOf } from './test-cards';

/**
 * What Stripe.js does at Stripe with the publishable key and a client secret: make a card PaymentMethod from the
 * fields, confirm a PaymentIntent or SetupIntent with it, and the 3-D Secure challenge the card's bank shows.
 */

const clientSecretRefused = (): FakeResponse => ({
  status: 400,
  body: stripeError(
    'invalid_request_error',
    'The client_secret provided does not match any associated PaymentIntent on this account.',
  ),
});

/** The intent a browser request may act on: it names the intent's client secret. */
function withSecret(
  objects: Map<string, StripeObject>,
  kind: string,
  id: string,
  secret: string | undefined | null,
): StripeObject | FakeResponse {
  const object = objects.get(id);
  if (object === undefined) return missing(kind, id);
  return secret === object.client_secret ? object : clientSecretRefused();
}

const isAnswer = (value: StripeObject | FakeResponse): value is FakeResponse =>
  typeof (value as FakeResponse).status === 'number' && (value as StripeObject).object === undefined;

/** `POST /v1/payment_methods` with `type=card` and the card's number, expiry and CVC (a Stripe test card). */
export function createCardMethod(store: StripeStore, form: Form): FakeResponse {
  const card = (form.card ?? {}) as Form;
  const test = testCardOf(str(card, 'number') ?? '');
  if (form.type !== 'card' || test === undefined) {
    return {
      status: 402,
      body: stripeError('card_error', 'Your card number is incorrect.', { code: 'incorrect_number' }),
    };
  }
  const id = store.id('pm');
  store.methods.set(id, paymentMethod(id, store.now(), { brand: test.brand, last4: test.last4 }, null));
  if (test.outcome !== undefined) store.cardOutcomes.set(id, test.outcome);
  return { status: 200, body: structuredClone(store.methods.get(id)) };
}

/** `POST /v1/payment_intents/{intent}/confirm` from the browser: the customer's card decides, as at Stripe. */
export function confirmIntentInBrowser(store: StripeStore, id: string, form: Form): FakeResponse {
  const intent = withSecret(store.intents, 'payment_intent', id, str(form, 'client_secret'));
  if (isAnswer(intent)) return intent;
  const method = str(form, 'payment_method') ?? '';
  if (!store.methods.has(method)) return missing('payment_method', method);
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status as string)) {
    return {
      status: 400,
      body: stripeError(
        'invalid_request_error',
        `This PaymentIntent's status is ${intent.status as string} and cannot be confirmed.`,
        { code: 'payment_intent_unexpected_state' },
      ),
    };
  }
  const declined = chargeIntent(store, intent, method, false);
  return declined ?? { status: 200, body: structuredClone(intent) };
}

/** `GET /v1/payment_intents/{intent}?client_secret=…` from the browser. */
export function readIntentInBrowser(store: StripeStore, id: string, secret: string | null): FakeResponse {
  const intent = withSecret(store.intents, 'payment_intent', id, secret);
  return isAnswer(intent) ? intent : { status: 200, body: structuredClone(intent) };
}

/** `POST /v1/setup_intents/{intent}/confirm` from the browser: the card is saved to the setup's customer. */
export function confirmSetupInBrowser(store: StripeStore, id: string, form: Form): FakeResponse {
  const setup = withSecret(store.setups, 'setup_intent', id, str(form, 'client_secret'));
  if (isAnswer(setup)) return setup;
  const method = store.methods.get(str(form, 'payment_method') ?? '');
  if (method === undefined) return missing('payment_method', str(form, 'payment_method') ?? '');
  method.customer = setup.customer;
  Object.assign(setup, { status: 'succeeded', payment_method: method.id });
  store.emit('setup_intent.succeeded', setup);
  return { status: 200, body: structuredClone(setup) };
}

/**
 * The customer's answer to the 3-D Secure challenge of a PaymentIntent (the page Stripe.js shows from
 * `next_action.use_stripe_sdk.stripe_js`; the card's bank at Stripe): `complete` charges the card, `fail` leaves the
 * intent waiting for another payment method with `payment_intent_authentication_failure`, as Stripe does.
 */
export function answerChallenge(store: StripeStore, id: string, form: Form): FakeResponse {
  const intent = withSecret(store.intents, 'payment_intent', id, str(form, 'client_secret'));
  if (isAnswer(intent)) return intent;
  if (intent.status !== 'requires_action') return { status: 409, body: { status: intent.status } };
  if (form.outcome === 'complete') {
    chargeIntent(store, intent, intent.payment_method as string, false, true);
  } else {
    const failure = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message:
        'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      payment_method: store.methods.get(intent.payment_method as string),
    };
    Object.assign(intent, { status: 'requires_payment_method', last_payment_error: failure, next_action: null });
    store.emit('payment_intent.payment_failed', intent);
  }
  return { status: 200, body: { status: intent.status } };
}
