import type { FakeResponse } from '../loopback-fake';
import { balanceTransaction, list, paymentMethod, type StripeObject, stripeError } from './stripe-objects';
import { recordBalance } from './payouts';
import type { ChargeOutcome, StripeStore } from './stripe-store';

/** The card error of a queued decline: code, decline code and message as Stripe words them. */
function declineOf(outcome: ChargeOutcome): [string, string, string] {
  if (outcome === 'decline_generic') return ['card_declined', 'generic_decline', 'Your card was declined.'];
  if (outcome === 'requires_action') {
    return [
      'authentication_required',
      'authentication_required',
      'Your card was declined. This transaction requires authentication.',
    ];
  }
  return outcome === 'decline_hard'
    ? ['card_declined', 'stolen_card', 'Your card was declined.']
    : ['card_declined', 'insufficient_funds', 'Your card has insufficient funds.'];
}

/** What confirming with `method` does: the next queued outcome, else what its test card does. */
function outcomeOf(store: StripeStore, method: string, authenticated: boolean): ChargeOutcome | undefined {
  const queued = store.outcomes.shift();
  if (queued !== undefined) return queued;
  const card = store.cardOutcomes.get(method);
  return card === 'requires_action' && authenticated ? undefined : card;
}

/**
 * Confirms `intent` with `method` by the next queued outcome (else by its test card): succeeds (a charge, captured
 * unless the intent is manual), declines (a 402 with the intent) or needs 3-D Secure (on session; off session that
 * is a decline). The 3-D Secure step is the fake's challenge link in `next_action.use_stripe_sdk` (the shape Stripe.js
 * reads); `authenticated` confirms after it was passed.
 */
export function chargeIntent(
  store: StripeStore,
  intent: StripeObject,
  method: string,
  offSession: boolean,
  authenticated = false,
): FakeResponse | undefined {
  const outcome = outcomeOf(store, method, authenticated);
  intent.payment_method = method;
  if (outcome === 'requires_action' && !offSession) {
    const challenge = `${store.baseUrl}/fake/3ds/${intent.id as string}`;
    Object.assign(intent, {
      status: 'requires_action',
      last_payment_error: null,
      next_action: {
        type: 'use_stripe_sdk',
        use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: challenge },
      },
    });
    return undefined;
  }
  if (outcome !== undefined) {
    const [code, decline, message] = declineOf(outcome);
    const failure = {
      type: 'card_error',
      code,
      decline_code: decline,
      message,
      payment_method: store.methods.get(method),
    };
    Object.assign(intent, { status: 'requires_payment_method', last_payment_error: failure, next_action: null });
    store.emit('payment_intent.payment_failed', intent);
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
  const chargeId = store.id('ch');
  const manual = intent.capture_method === 'manual';
  const balance = manual ? null : balanceTransaction(store.id('txn'), store.now(), amount, currency);
  if (balance !== null) recordBalance(store, balance, chargeId);
  store.charges.set(chargeId, {
    id: chargeId,
    object: 'charge',
    amount,
    amount_captured: manual ? 0 : amount,
    amount_refunded: 0,
    balance_transaction: balance,
    billing_details: paymentMethod('', 0, { brand: 'visa', last4: '4242' }, null).billing_details,
    captured: !manual,
    created: store.now(),
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
  if (!manual) store.emit('payment_intent.succeeded', intent);
  return undefined;
}
