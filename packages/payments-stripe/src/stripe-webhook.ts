import type { Clock } from '@billfold/core';
import { type GatewayEvent, webhookInvalid } from '@billfold/core/payments';
import type Stripe from 'stripe';
import { fromStripeAmount } from './stripe-currencies';
import { stripeDecline } from './stripe-declines';
import { invoiceIdsOf, METADATA } from './stripe-payment';

/** What {@link verifyStripeEvent} needs. */
export interface StripeWebhookVerifier {
  readonly stripe: Stripe;
  readonly secret: string | undefined;
  readonly toleranceSeconds: number;
  readonly clock: Clock;
}

/**
 * Verifies the `Stripe-Signature` header (`t=…,v1=…`: HMAC-SHA256 of `${t}.${rawBody}` with the endpoint secret,
 * within the tolerance by `clock`) with the official SDK and returns the event and its delivery id (`t` and the
 * signature: a later request with both is a replay).
 */
export async function verifyStripeEvent(
  verifier: StripeWebhookVerifier,
  headers: Readonly<Record<string, string>>,
  rawBody: string,
): Promise<{ event: Stripe.Event; deliveryId: string }> {
  if (verifier.secret === undefined) throw webhookInvalid('No webhook secret is configured for Stripe');
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === 'stripe-signature')?.[1];
  if (header === undefined) throw webhookInvalid('The Stripe-Signature header is missing');
  let event: Stripe.Event;
  try {
    event = await verifier.stripe.webhooks.constructEventAsync(
      rawBody,
      header,
      verifier.secret,
      verifier.toleranceSeconds,
      undefined,
      verifier.clock.now().getTime(),
    );
  } catch (error) {
    const reason =
      error instanceof Error && /tolerance/i.test(error.message)
        ? 'its timestamp is stale'
        : 'its signature does not match';
    throw webhookInvalid(`Stripe webhook refused: ${reason}`);
  }
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1] ?? '';
  const v1 = /(?:^|,)v1=([0-9a-f]+)/.exec(header)?.[1] ?? '';
  return { event, deliveryId: `${t}.${v1}` };
}

function paymentIntentId(value: string | Stripe.PaymentIntent | null): string {
  return typeof value === 'string' ? value : (value?.id ?? '');
}

/** A verified Stripe event in Billfold's terms; types the engine does not act on are `ignored`. */
export function toGatewayEvent(event: Stripe.Event, deliveryId: string): GatewayEvent {
  const base = {
    gateway: 'stripe',
    eventId: event.id,
    deliveryId,
    occurredAt: new Date(event.created * 1000).toISOString(),
    providerType: event.type,
  };
  switch (event.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const key = intent.metadata?.[METADATA.idempotencyKey];
      const payment = {
        ...base,
        paymentId: intent.id,
        ...fromStripeAmount(intent.amount, intent.currency),
        invoiceIds: invoiceIdsOf(intent.metadata),
        ...(key === undefined ? {} : { idempotencyKey: key }),
      };
      if (event.type === 'payment_intent.succeeded') {
        const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
        return { ...payment, type: 'payment.succeeded', ...(chargeId === undefined ? {} : { chargeId }) };
      }
      return { ...payment, type: 'payment.failed', decline: stripeDecline(intent.last_payment_error ?? {}) };
    }
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated': {
      const refund = event.data.object;
      if (refund.status !== 'succeeded' && refund.status !== 'failed') break;
      return {
        ...base,
        type: refund.status === 'succeeded' ? 'refund.succeeded' : 'refund.failed',
        refundId: refund.id,
        paymentId: paymentIntentId(refund.payment_intent),
        ...fromStripeAmount(refund.amount, refund.currency),
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      const common = {
        ...base,
        disputeId: dispute.id,
        paymentId: paymentIntentId(dispute.payment_intent),
        ...fromStripeAmount(dispute.amount, dispute.currency),
      };
      if (event.type === 'charge.dispute.created') return { ...common, type: 'dispute.opened', reason: dispute.reason };
      return { ...common, type: 'dispute.closed', outcome: dispute.status === 'lost' ? 'lost' : 'won' };
    }
    case 'setup_intent.succeeded': {
      const setup = event.data.object;
      const method = typeof setup.payment_method === 'string' ? setup.payment_method : setup.payment_method?.id;
      const customer = typeof setup.customer === 'string' ? setup.customer : setup.customer?.id;
      if (method === undefined || customer === undefined) break;
      return {
        ...base,
        type: 'setup.succeeded',
        setupId: setup.id,
        customerReference: customer,
        paymentMethodId: method,
      };
    }
    default:
      break;
  }
  return { ...base, type: 'ignored' };
}
