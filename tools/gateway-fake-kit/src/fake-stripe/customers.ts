import type { FakeResponse } from '../loopback-fake';
import { type FakeCard, list, paymentMethod } from './stripe-objects';
import { type Form, missing, type StripeStore, str } from './stripe-store';

/** `POST /v1/customers`. */
export function createCustomer(store: StripeStore, form: Form): FakeResponse {
  const id = store.id('cus');
  const customer = {
    id,
    object: 'customer',
    created: store.now(),
    livemode: false,
    email: str(form, 'email') ?? null,
    name: str(form, 'name') ?? null,
    metadata: form.metadata ?? {},
  };
  store.customers.set(id, customer);
  return { status: 200, body: customer };
}

/** A saved card for `customer`, as a finished SetupIntent would leave it; returns the PaymentMethod's id. */
export function addCard(
  store: StripeStore,
  customer: string,
  card: FakeCard = { brand: 'visa', last4: '4242' },
): string {
  const id = store.id('pm');
  store.methods.set(id, paymentMethod(id, store.now(), card, customer));
  return id;
}

/** `GET /v1/customers/{customer}/payment_methods`. */
export function listMethods(store: StripeStore, customer: string): FakeResponse {
  if (!store.customers.has(customer)) return missing('customer', customer);
  const data = [...store.methods.values()].filter((m) => m.customer === customer);
  return { status: 200, body: list(`/v1/customers/${customer}/payment_methods`, data) };
}

/** `POST /v1/payment_methods/{payment_method}/detach`. */
export function detachMethod(store: StripeStore, id: string): FakeResponse {
  const method = store.methods.get(id);
  if (method === undefined || method.customer === null) return missing('payment_method', id);
  method.customer = null;
  return { status: 200, body: method };
}
