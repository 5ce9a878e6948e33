import { type GatewayEvent, webhookInvalid } from '@billfold/core/payments';
import { PaypalAnswer, type PaypalClient } from './paypal-client';
import { fromPaypalMoney } from './paypal-currencies';
import {
  invoiceIdsOfCustomId,
  type PaypalCapture,
  type PaypalMoney,
  type PaypalRefund,
  paypalDecline,
} from './paypal-objects';
import type { ResolvedPaypalOptions } from './paypal-options';

const HEADERS = [
  'paypal-transmission-id',
  'paypal-transmission-time',
  'paypal-transmission-sig',
  'paypal-cert-url',
  'paypal-auth-algo',
] as const;

/**
 * Verifies a PayPal webhook with PayPal's `verify-webhook-signature` API (the transmission id, time, signature,
 * certificate URL and algorithm headers, the webhook id, and the event exactly as received) after checking that the
 * transmission time is within the tolerance. Returns the event JSON and its delivery id (the transmission id).
 */
export async function verifyPaypalEvent(
  client: PaypalClient,
  options: ResolvedPaypalOptions,
  headers: Readonly<Record<string, string>>,
  rawBody: string,
): Promise<{ event: Record<string, unknown>; deliveryId: string }> {
  if (options.webhookId === undefined) throw webhookInvalid('No webhook id is configured for PayPal');
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const values = HEADERS.map((name) => lower[name]);
  if (values.some((v) => v === undefined || v === ''))
    throw webhookInvalid('PayPal webhook refused: a transmission header is missing');
  const [id, time, sig, certUrl, algo] = values as string[];
  const sent = Date.parse(time as string);
  const age = (options.clock.now().getTime() - sent) / 1000;
  if (Number.isNaN(sent) || Math.abs(age) > options.webhookToleranceSeconds)
    throw webhookInvalid('PayPal webhook refused: its transmission time is stale');
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    throw webhookInvalid('PayPal webhook refused: the body is not JSON');
  }
  // The event goes back byte for byte: re-serialising it would change what PayPal signed.
  const prefix = JSON.stringify({
    transmission_id: id,
    transmission_time: time,
    cert_url: certUrl,
    auth_algo: algo,
    transmission_sig: sig,
    webhook_id: options.webhookId,
  });
  const verdict = await client.request<{ verification_status: string }>({
    method: 'POST',
    path: '/v1/notifications/verify-webhook-signature',
    rawJson: `${prefix.slice(0, -1)},"webhook_event":${rawBody}}`,
  });
  if (verdict instanceof PaypalAnswer || verdict.verification_status !== 'SUCCESS') {
    throw webhookInvalid('PayPal webhook refused: its signature does not verify');
  }
  return { event, deliveryId: id as string };
}

function upId(refund: PaypalRefund): string {
  const up = refund.links?.find((link) => link.rel === 'up')?.href ?? '';
  return up.split('/').pop() ?? '';
}

/**
 * A verified PayPal event in Billfold's terms. Captures name their order (`supplementary_data.related_ids.order_id`);
 * refunds and disputes name only the capture, so their `paymentId` is the capture id (`GatewayPayment.chargeId`).
 */
export function toGatewayEvent(event: Record<string, unknown>, deliveryId: string): GatewayEvent {
  const type = String(event.event_type ?? '');
  const resource = (event.resource ?? {}) as Record<string, unknown>;
  const base = {
    gateway: 'paypal',
    eventId: String(event.id ?? ''),
    deliveryId,
    occurredAt: new Date(String(event.create_time ?? 0)).toISOString(),
    providerType: type,
  };
  switch (type) {
    case 'PAYMENT.CAPTURE.COMPLETED':
    case 'PAYMENT.CAPTURE.DECLINED':
    case 'PAYMENT.CAPTURE.DENIED': {
      const capture = resource as unknown as PaypalCapture;
      const payment = {
        ...base,
        paymentId: capture.supplementary_data?.related_ids?.order_id ?? capture.id,
        ...fromPaypalMoney(capture.amount),
        invoiceIds: invoiceIdsOfCustomId(capture.custom_id),
      };
      if (type === 'PAYMENT.CAPTURE.COMPLETED') {
        const fee = capture.seller_receivable_breakdown?.paypal_fee;
        return {
          ...payment,
          type: 'payment.succeeded',
          chargeId: capture.id,
          ...(fee === undefined ? {} : { fee: fromPaypalMoney(fee) }),
        };
      }
      return { ...payment, type: 'payment.failed', decline: paypalDecline(capture.processor_response?.response_code) };
    }
    case 'PAYMENT.CAPTURE.REFUNDED': {
      const refund = resource as unknown as PaypalRefund;
      return {
        ...base,
        type: 'refund.succeeded',
        refundId: refund.id,
        paymentId: upId(refund),
        ...fromPaypalMoney(refund.amount),
      };
    }
    case 'CUSTOMER.DISPUTE.CREATED':
    case 'CUSTOMER.DISPUTE.RESOLVED': {
      const transactions = (resource.disputed_transactions ?? []) as { seller_transaction_id?: string }[];
      const common = {
        ...base,
        disputeId: String(resource.dispute_id ?? ''),
        paymentId: transactions[0]?.seller_transaction_id ?? '',
        ...fromPaypalMoney(resource.dispute_amount as PaypalMoney),
      };
      if (type === 'CUSTOMER.DISPUTE.CREATED')
        return { ...common, type: 'dispute.opened', reason: String(resource.reason ?? '') };
      const outcome = (resource.dispute_outcome as { outcome_code?: string } | undefined)?.outcome_code;
      return { ...common, type: 'dispute.closed', outcome: outcome === 'RESOLVED_SELLER_FAVOUR' ? 'won' : 'lost' };
    }
    case 'VAULT.PAYMENT-TOKEN.CREATED': {
      const customer = (resource.customer as { id?: string } | undefined)?.id;
      if (customer === undefined) break;
      const id = String(resource.id ?? '');
      return { ...base, type: 'setup.succeeded', setupId: id, customerReference: customer, paymentMethodId: id };
    }
    default:
      break;
  }
  return { ...base, type: 'ignored' };
}
