import type { FakeResponse } from '../loopback-fake';
import { type Json, notFound, type PaypalStore, unprocessable } from './paypal-store';

/** A vaulted PayPal wallet for `customerId`; returns the payment token's id. */
export function addVault(store: PaypalStore, customerId: string): string {
  const id = store.id('VT');
  store.tokens.set(id, {
    id,
    customer: { id: customerId },
    payment_source: { paypal: { email_address: 'buyer@example.com' } },
  });
  return id;
}

/** `POST /v3/vault/setup-tokens`: a setup the buyer approves at PayPal. */
export function createSetup(store: PaypalStore, body: Json): FakeResponse {
  const id = store.id('ST');
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
  store.setups.set(id, setup);
  return { status: 200, body: setup };
}

/** `POST /v3/vault/payment-tokens` from an approved setup token. */
export function createToken(store: PaypalStore, body: Json): FakeResponse {
  const setupId = ((body.payment_source as Json).token as Json).id as string;
  const setup = store.setups.get(setupId);
  if (setup === undefined || setup.status !== 'APPROVED') {
    return unprocessable('The setup token has not been approved.', 'TOKEN_NOT_APPROVED');
  }
  const id = addVault(store, (setup.customer as Json).id as string);
  return { status: 200, body: store.tokens.get(id) };
}

/** `GET /v3/vault/payment-tokens?customer_id=`. */
export function listTokens(store: PaypalStore, customer: string | null): FakeResponse {
  const payment_tokens = [...store.tokens.values()].filter((t) => (t.customer as Json).id === customer);
  return { status: 200, body: { customer: { id: customer }, payment_tokens } };
}

/** `DELETE /v3/vault/payment-tokens/{id}`. */
export function deleteToken(store: PaypalStore, id: string): FakeResponse {
  return store.tokens.delete(id) ? { status: 204 } : notFound('No such token.');
}
