import type { FakeResponse } from '../loopback-fake';
import { capturesOf, type Json, money, notFound, type PaypalStore, unprocessable } from './paypal-store';

/** Captures an order now: completes, or declines as the queued outcome says. */
function settle(store: PaypalStore, order: Json): void {
  const outcome = store.outcomes.shift();
  const unit = (order.purchase_units as Json[])[0] as Json;
  const amount = unit.amount as { currency_code: string; value: string };
  const declined = outcome === 'decline_soft' || outcome === 'decline_hard';
  const fee = ((Number(amount.value) * 0.0349 + 0.49) * 100) | 0; // demo figure, in cents
  const capture: Json = {
    id: store.id('CAP'),
    status: declined ? 'DECLINED' : 'COMPLETED',
    amount,
    final_capture: true,
    create_time: store.now().toISOString(),
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
  store.emit(declined ? 'PAYMENT.CAPTURE.DECLINED' : 'PAYMENT.CAPTURE.COMPLETED', capture);
}

/**
 * `POST /v2/checkout/orders`: for the buyer's approval, or charged at once from a vaulted wallet (`vault_id`) unless
 * the queued outcome asks the buyer to act.
 */
export function createOrder(store: PaypalStore, body: Json): FakeResponse {
  const id = store.id('ORDER');
  const unit = ((body.purchase_units as Json[])[0] ?? {}) as Json;
  const paypal = ((body.payment_source as Json | undefined)?.paypal ?? {}) as Json;
  const order: Json = {
    id,
    intent: body.intent,
    status: 'PAYER_ACTION_REQUIRED',
    create_time: store.now().toISOString(),
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
  store.orders.set(id, order);
  const vault = paypal.vault_id as string | undefined;
  if (vault !== undefined) {
    if (!store.tokens.has(vault)) return unprocessable('The vault id is not valid.', 'INVALID_VAULT_ID');
    order.payment_source = {
      paypal: { email_address: 'buyer@example.com', attributes: { vault: { id: vault, status: 'VAULTED' } } },
    };
    if (store.outcomes[0] === 'requires_action') {
      store.outcomes.shift();
      return { status: 200, body: structuredClone(order) };
    }
    settle(store, order);
  }
  return { status: 200, body: structuredClone(order) };
}

/** `GET /v2/checkout/orders/{id}`. */
export function readOrder(store: PaypalStore, id: string): FakeResponse {
  const order = store.orders.get(id);
  return order === undefined ? notFound() : { status: 200, body: structuredClone(order) };
}

/** The buyer approved an order at PayPal (on paypal.com: the browser step); `{ status }` as it now stands. */
export function approveOrder(store: PaypalStore, id: string): FakeResponse {
  const order = store.orders.get(id);
  if (order === undefined) return notFound();
  if (order.status === 'PAYER_ACTION_REQUIRED' || order.status === 'CREATED') order.status = 'APPROVED';
  return { status: 200, body: { id, status: order.status } };
}

/** `POST /v2/checkout/orders/{id}/capture` of an order the buyer approved. */
export function captureOrder(store: PaypalStore, id: string): FakeResponse {
  const order = store.orders.get(id);
  if (order === undefined) return notFound();
  if (order.status !== 'APPROVED') return unprocessable('The order has not been approved.', 'ORDER_NOT_APPROVED');
  settle(store, order);
  return { status: 201, body: structuredClone(order) };
}

/** Captures that took money (refunded ones too): what "charged exactly once" counts. */
export function completedCaptures(store: PaypalStore): Json[] {
  return [...store.orders.values()]
    .flatMap((order) => capturesOf(order))
    .filter((c) => c.status === 'COMPLETED' || String(c.status).includes('REFUNDED'));
}
