import type { GatewayPayment, GatewayRefund, NextAction, SavedPaymentMethod } from '@billfold/core/payments';
import type Stripe from 'stripe';
import { fromStripeAmount } from './stripe-currencies';
import { stripeDecline } from './stripe-declines';

/** Metadata keys the adapter writes on every PaymentIntent, read back from it and from webhook events. */
export const METADATA = {
  customerId: 'billfold_customer_id',
  invoiceIds: 'billfold_invoice_ids',
  idempotencyKey: 'billfold_idempotency_key',
} as const;

function clientSecretAction(secret: string | null): NextAction | undefined {
  return secret === null ? undefined : { type: 'client_secret', clientSecret: secret };
}

/** The invoice ids carried in a Stripe object's metadata. */
export function invoiceIdsOf(metadata: Stripe.Metadata | null | undefined): string[] {
  const text = metadata?.[METADATA.invoiceIds] ?? '';
  return text === '' ? [] : text.split(',');
}

function charged(intent: Stripe.PaymentIntent): Stripe.Charge | undefined {
  return typeof intent.latest_charge === 'object' && intent.latest_charge !== null ? intent.latest_charge : undefined;
}

/** A PaymentIntent in Billfold's terms. */
export function toGatewayPayment(intent: Stripe.PaymentIntent): GatewayPayment {
  const { amount, currency } = fromStripeAmount(intent.amount, intent.currency);
  const charge = charged(intent);
  const balance =
    typeof charge?.balance_transaction === 'object' && charge.balance_transaction !== null
      ? charge.balance_transaction
      : undefined;
  const failure = intent.last_payment_error;
  let status: GatewayPayment['status'];
  switch (intent.status) {
    case 'requires_payment_method':
      status = failure === null ? 'requires_action' : 'failed';
      break;
    case 'requires_confirmation':
    case 'requires_action':
      status = 'requires_action';
      break;
    case 'requires_capture':
      status = 'requires_capture';
      break;
    case 'succeeded':
      status = 'succeeded';
      break;
    case 'canceled':
      status = 'canceled';
      break;
    default:
      // `processing`, or a status newer than this adapter: wait for the outcome (a webhook follows).
      status = 'processing';
  }
  const nextAction = status === 'requires_action' ? clientSecretAction(intent.client_secret) : undefined;
  const paymentMethodId = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
  const key = intent.metadata?.[METADATA.idempotencyKey];
  return {
    gateway: 'stripe',
    id: intent.id,
    status,
    amount,
    currency,
    amountCaptured: fromStripeAmount(intent.amount_received, intent.currency).amount,
    amountRefunded: fromStripeAmount(charge?.amount_refunded ?? 0, intent.currency).amount,
    ...(nextAction === undefined ? {} : { nextAction }),
    ...(status === 'failed' && failure !== null ? { decline: stripeDecline(failure) } : {}),
    ...(balance === undefined ? {} : { fee: fromStripeAmount(balance.fee, balance.currency) }),
    ...(paymentMethodId === undefined ? {} : { paymentMethodId }),
    ...(charge === undefined ? {} : { chargeId: charge.id }),
    invoiceIds: invoiceIdsOf(intent.metadata),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  };
}

/** A Stripe Refund in Billfold's terms. */
export function toGatewayRefund(refund: Stripe.Refund, paymentId: string): GatewayRefund {
  const { amount, currency } = fromStripeAmount(refund.amount, refund.currency);
  const status =
    refund.status === 'succeeded' || refund.status === 'failed' || refund.status === 'canceled'
      ? refund.status
      : 'pending';
  return { gateway: 'stripe', id: refund.id, paymentId, status, amount, currency };
}

/** A saved Stripe PaymentMethod as a token and what identifies it; never card data. */
export function toSavedMethod(method: Stripe.PaymentMethod, customerReference: string): SavedPaymentMethod {
  const card = method.card;
  return {
    gateway: 'stripe',
    id: method.id,
    customerReference,
    type: method.type === 'card' ? 'card' : method.type === 'paypal' ? 'paypal' : 'other',
    ...(card == null
      ? {}
      : { card: { brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year } }),
  };
}
