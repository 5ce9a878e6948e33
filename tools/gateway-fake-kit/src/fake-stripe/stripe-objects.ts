/**
 * Stripe API objects as the loopback fake returns them: the fields the 2020-08-27 OpenAPI description requires,
 * plus `latest_charge`, which the SDK's API version has and the description predates (extra properties are allowed
 * by Stripe's schemas, so they pass unchecked).
 */

/** A record the fake keeps and returns as JSON. */
export type StripeObject = Record<string, unknown>;

/** The fake's view of a card: what a test token stands for. */
export interface FakeCard {
  readonly brand: string;
  readonly last4: string;
}

const noBilling = {
  address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
  email: null,
  name: null,
  phone: null,
};

/** A card PaymentMethod. */
export function paymentMethod(id: string, created: number, card: FakeCard, customer: string | null): StripeObject {
  return {
    id,
    object: 'payment_method',
    billing_details: noBilling,
    card: { brand: card.brand, exp_month: 12, exp_year: 2030, funding: 'credit', last4: card.last4, country: 'US' },
    created,
    customer,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

/** A balance transaction with Stripe's fee for a charge (2.9 % + 30 minor units, rounded down). */
export function balanceTransaction(id: string, created: number, amount: number, currency: string): StripeObject {
  const fee = Math.floor((amount * 29) / 1000) + 30;
  return {
    id,
    object: 'balance_transaction',
    amount,
    available_on: created + 2 * 86_400,
    created,
    currency,
    fee,
    fee_details: [
      { amount: fee, application: null, currency, description: 'Stripe processing fees', type: 'stripe_fee' },
    ],
    net: amount - fee,
    reporting_category: 'charge',
    status: 'pending',
    type: 'charge',
  };
}

/** A Stripe error body (`{ error: { type, code, message } }`), with the declined PaymentIntent when there is one. */
export function stripeError(
  type: string,
  message: string,
  extra: { code?: string; decline_code?: string; payment_intent?: StripeObject } = {},
): StripeObject {
  return { error: { type, message, ...extra } };
}

/** A list envelope. */
export function list(url: string, data: readonly StripeObject[]): StripeObject {
  return { object: 'list', data, has_more: false, url };
}
