import type { FakeResponse } from '../loopback-fake';
import { stripeError } from './stripe-objects';
import { recordBalance, refundBalance } from './payouts';
import { type Form, missing, type StripeStore, str } from './stripe-store';

const refused = (message: string, code?: string): FakeResponse => ({
  status: 400,
  body: stripeError('invalid_request_error', message, code === undefined ? {} : { code }),
});

/** `POST /v1/refunds` of a PaymentIntent's charge: all that is left, or `amount`, never more. */
export function createRefund(store: StripeStore, form: Form): FakeResponse {
  const id = str(form, 'payment_intent') ?? '';
  const intent = store.intents.get(id);
  if (intent === undefined) return missing('payment_intent', id);
  const charge = intent.latest_charge === null ? undefined : store.charges.get(intent.latest_charge as string);
  if (charge === undefined || charge.status !== 'succeeded') {
    return refused('This PaymentIntent has no successful charge to refund.');
  }
  const left = (charge.amount_captured as number) - (charge.amount_refunded as number);
  const amount = form.amount === undefined ? left : Number(form.amount);
  if (left === 0) return refused(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
  if (amount > left) {
    return refused(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      'amount_too_large',
    );
  }
  const refundId = store.id('re');
  const refund = {
    id: refundId,
    object: 'refund',
    amount,
    charge: charge.id,
    created: store.now(),
    currency: intent.currency,
    metadata: {},
    payment_intent: intent.id,
    reason: str(form, 'reason') ?? null,
    status: 'succeeded',
  };
  store.refunds.set(refundId, refund);
  recordBalance(store, refundBalance(store, refund), refundId);
  Object.assign(charge, { amount_refunded: (charge.amount_refunded as number) + amount, refunded: amount === left });
  store.emit('charge.refund.updated', refund);
  return { status: 200, body: refund };
}
