import { recordBalance } from './payouts';
import type { FakeResponse } from '../loopback-fake';
import { chargeIntent } from './charges';
import { balanceTransaction, list, type StripeObject, stripeError } from './stripe-objects';
import { type Form, missing, type StripeStore, str } from './stripe-store';

/** The intent as Stripe answers it: with its latest charge inlined when the request expanded it. */
function expanded(store: StripeStore, intent: StripeObject, expand: boolean): StripeObject {
  const chargeId = intent.latest_charge as string | null;
  if (!expand || chargeId === null) return structuredClone(intent);
  const charge = structuredClone(store.charges.get(chargeId) as StripeObject);
  return { ...structuredClone(intent), latest_charge: charge };
}

/** Whether a request (form or query) asked for `expand[]=latest_charge.balance_transaction`. */
function wantsExpansion(form: Form | URLSearchParams): boolean {
  if (form instanceof URLSearchParams) return form.get('expand[0]') === 'latest_charge.balance_transaction';
  return Array.isArray(form.expand) && form.expand.includes('latest_charge.balance_transaction');
}

/** `POST /v1/payment_intents`, confirmed at once when it names a saved card and `confirm=true`. */
export function createIntent(store: StripeStore, form: Form): FakeResponse {
  const id = store.id('pi');
  const customer = str(form, 'customer') ?? null;
  if (customer !== null && !store.customers.has(customer)) return missing('customer', customer);
  const intent: StripeObject = {
    id,
    object: 'payment_intent',
    amount: Number(form.amount),
    amount_capturable: 0,
    amount_received: 0,
    capture_method: str(form, 'capture_method') ?? 'automatic',
    client_secret: `${id}_secret_fake`,
    confirmation_method: 'automatic',
    created: store.now(),
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
  store.intents.set(id, intent);
  const method = str(form, 'payment_method');
  if (method !== undefined && form.confirm === 'true') {
    const stored = store.methods.get(method);
    if (stored === undefined || (customer !== null && stored.customer !== customer))
      return missing('payment_method', method);
    intent.payment_method = method;
    const declined = chargeIntent(store, intent, method, form.off_session === 'true');
    if (declined !== undefined) return declined;
  }
  return { status: 200, body: expanded(store, intent, wantsExpansion(form)) };
}

/** `GET /v1/payment_intents/{intent}`. */
export function readIntent(store: StripeStore, id: string, query: URLSearchParams): FakeResponse {
  const intent = store.intents.get(id);
  return intent === undefined
    ? missing('payment_intent', id)
    : { status: 200, body: expanded(store, intent, wantsExpansion(query)) };
}

/** `POST /v1/payment_intents/{intent}/capture`: all that was authorised, or `amount_to_capture`. */
export function captureIntent(store: StripeStore, id: string, form: Form): FakeResponse {
  const intent = store.intents.get(id);
  if (intent === undefined) return missing('payment_intent', id);
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
  const charge = store.charges.get(intent.latest_charge as string) as StripeObject;
  const balance = balanceTransaction(store.id('txn'), store.now(), amount, intent.currency as string);
  recordBalance(store, balance, charge.id as string);
  Object.assign(charge, { amount_captured: amount, captured: true, status: 'succeeded', balance_transaction: balance });
  Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
  store.emit('payment_intent.succeeded', intent);
  return { status: 200, body: expanded(store, intent, wantsExpansion(form)) };
}

/** `GET /v1/payment_intents/search`, for the one query form the adapter sends: `metadata['key']:'value'`. */
export function searchIntents(store: StripeStore, query: string): FakeResponse {
  const match = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(query);
  const data =
    match === null
      ? []
      : [...store.intents.values()].filter(
          (pi) => (pi.metadata as Record<string, string>)[match[1] as string] === match[2],
        );
  return {
    status: 200,
    body: { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/payment_intents/search' },
  };
}

/** `GET /v1/payment_intents`, of one customer or all. */
export function listIntents(store: StripeStore, customer: string | null): FakeResponse {
  const data = [...store.intents.values()].filter((pi) => customer === null || pi.customer === customer);
  return { status: 200, body: list('/v1/payment_intents', data) };
}
