import type { FakeResponse } from '../loopback-fake';
import { addCard } from './customers';
import type { FakeCard, StripeObject } from './stripe-objects';
import { type Form, missing, type StripeStore, str } from './stripe-store';

/** `POST /v1/setup_intents` for a customer. */
export function createSetup(store: StripeStore, form: Form): FakeResponse {
  const customer = str(form, 'customer') ?? '';
  if (!store.customers.has(customer)) return missing('customer', customer);
  const id = store.id('seti');
  const setup = {
    id,
    object: 'setup_intent',
    client_secret: `${id}_secret_fake`,
    created: store.now(),
    customer,
    livemode: false,
    metadata: form.metadata ?? {},
    payment_method: null,
    payment_method_types: ['card'],
    status: 'requires_payment_method',
    usage: str(form, 'usage') ?? 'off_session',
  };
  store.setups.set(id, setup);
  return { status: 200, body: setup };
}

/** `GET /v1/setup_intents/{intent}`, with the saved PaymentMethod inlined when expanded. */
export function readSetup(store: StripeStore, id: string, query: URLSearchParams): FakeResponse {
  const setup = store.setups.get(id);
  if (setup === undefined) return missing('setup_intent', id);
  const method = setup.payment_method as string | null;
  const expand = query.get('expand[0]') === 'payment_method' && method !== null;
  return { status: 200, body: expand ? { ...setup, payment_method: store.methods.get(method) } : setup };
}

/** The browser step of a setup: the customer entered a card in Stripe's fields; returns the new PaymentMethod. */
export function completeSetup(store: StripeStore, setupId: string, card?: FakeCard): string {
  const setup = store.setups.get(setupId) as StripeObject;
  const method = addCard(store, setup.customer as string, card);
  Object.assign(setup, { status: 'succeeded', payment_method: method });
  store.emit('setup_intent.succeeded', setup);
  return method;
}
