import type { Decline, GatewayPayment, GatewayRefund, SavedPaymentMethod } from '@billfold/core/payments';
import { fromPaypalMoney } from './paypal-currencies';

/** PayPal's `{ currency_code, value }`. */
export interface PaypalMoney {
  readonly currency_code: string;
  readonly value: string;
}

/** The parts of a PayPal capture this adapter reads. */
export interface PaypalCapture {
  readonly id: string;
  readonly status: string;
  readonly amount: PaypalMoney;
  readonly custom_id?: string;
  readonly processor_response?: { readonly response_code?: string };
  readonly seller_receivable_breakdown?: { readonly paypal_fee?: PaypalMoney };
  readonly supplementary_data?: { readonly related_ids?: { readonly order_id?: string } };
}

/** The parts of a PayPal refund this adapter reads. */
export interface PaypalRefund {
  readonly id: string;
  readonly status: string;
  readonly amount: PaypalMoney;
  readonly links?: readonly { readonly href: string; readonly rel: string }[];
}

/** The parts of a PayPal order this adapter reads. */
export interface PaypalOrder {
  readonly id: string;
  readonly status: string;
  readonly links?: readonly { readonly href: string; readonly rel: string }[];
  readonly purchase_units?: readonly {
    readonly amount: PaypalMoney;
    readonly custom_id?: string;
    readonly payments?: { readonly captures?: readonly PaypalCapture[]; readonly refunds?: readonly PaypalRefund[] };
  }[];
  readonly payment_source?: {
    readonly paypal?: { readonly attributes?: { readonly vault?: { readonly id?: string } } };
  };
}

/** The parts of a vault payment token this adapter reads. */
export interface PaypalPaymentToken {
  readonly id: string;
  readonly customer?: { readonly id?: string };
  readonly payment_source?: {
    readonly paypal?: { readonly email_address?: string };
    readonly card?: { readonly brand?: string; readonly last_digits?: string; readonly expiry?: string };
  };
}

/** Processor response codes after which the same instrument must not be charged again automatically. */
const HARD_RESPONSES = new Set(['1330', '5180', '5400', '5700', '9500', '9510', '9520']);

/** A declined capture's processor response as a Billfold decline. */
export function paypalDecline(code: string | undefined): Decline {
  const responseCode = code ?? 'DECLINED';
  return {
    code: responseCode,
    message: `PayPal declined the payment (processor response ${responseCode})`,
    kind: HARD_RESPONSES.has(responseCode) ? 'hard' : 'soft',
  };
}

/** The invoice ids the adapter carried in `custom_id` (`inv_1,inv_2`). */
export function invoiceIdsOfCustomId(customId: string | undefined): string[] {
  return customId === undefined || customId === '' ? [] : customId.split(',');
}

function sum(amounts: readonly string[], currency: string): string {
  // Exact: PayPal values have at most two decimals; scale to hundredths as BigInt.
  const cents = amounts.reduce((total, value) => {
    const [whole = '0', fraction = ''] = value.split('.');
    return total + BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
  }, 0n);
  const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return fromPaypalMoney({ currency_code: currency, value: text }).amount;
}

/** A PayPal order in Billfold's terms. */
export function toGatewayPayment(order: PaypalOrder): GatewayPayment {
  const unit = order.purchase_units?.[0];
  const { amount, currency } = fromPaypalMoney(unit?.amount ?? { currency_code: 'USD', value: '0' });
  const capture = unit?.payments?.captures?.[0];
  const refunds = (unit?.payments?.refunds ?? []).filter((r) => r.status === 'COMPLETED');
  const approve = order.links?.find((link) => link.rel === 'approve' || link.rel === 'payer-action');
  let status: GatewayPayment['status'];
  if (capture !== undefined) {
    status =
      capture.status === 'COMPLETED' || capture.status === 'PARTIALLY_REFUNDED' || capture.status === 'REFUNDED'
        ? 'succeeded'
        : capture.status === 'DECLINED' || capture.status === 'FAILED'
          ? 'failed'
          : 'processing';
  } else if (order.status === 'APPROVED') status = 'requires_capture';
  else if (order.status === 'VOIDED') status = 'canceled';
  else if (order.status === 'COMPLETED') status = 'processing';
  else status = 'requires_action';
  const fee = capture?.seller_receivable_breakdown?.paypal_fee;
  const vault = order.payment_source?.paypal?.attributes?.vault?.id;
  return {
    gateway: 'paypal',
    id: order.id,
    status,
    amount,
    currency,
    amountCaptured:
      status === 'succeeded' && capture !== undefined ? fromPaypalMoney(capture.amount).amount : sum([], currency),
    amountRefunded: sum(
      refunds.map((r) => r.amount.value),
      currency,
    ),
    ...(status === 'requires_action' && approve !== undefined
      ? { nextAction: { type: 'redirect', url: approve.href } }
      : {}),
    ...(status === 'failed' ? { decline: paypalDecline(capture?.processor_response?.response_code) } : {}),
    ...(fee === undefined ? {} : { fee: fromPaypalMoney(fee) }),
    ...(vault === undefined ? {} : { paymentMethodId: vault }),
    ...(capture === undefined ? {} : { chargeId: capture.id }),
    invoiceIds: invoiceIdsOfCustomId(unit?.custom_id),
  };
}

/** A PayPal refund in Billfold's terms. */
export function toGatewayRefund(refund: PaypalRefund, paymentId: string): GatewayRefund {
  const status =
    refund.status === 'COMPLETED'
      ? 'succeeded'
      : refund.status === 'FAILED'
        ? 'failed'
        : refund.status === 'CANCELLED'
          ? 'canceled'
          : 'pending';
  return { gateway: 'paypal', id: refund.id, paymentId, status, ...fromPaypalMoney(refund.amount) };
}

/** A vault payment token as a saved method: its id, the PayPal account's e-mail or the card's brand and last digits. */
export function toSavedMethod(token: PaypalPaymentToken, customerReference: string): SavedPaymentMethod {
  const card = token.payment_source?.card;
  const email = token.payment_source?.paypal?.email_address;
  return {
    gateway: 'paypal',
    id: token.id,
    customerReference: token.customer?.id ?? customerReference,
    type: card !== undefined ? 'card' : 'paypal',
    ...(card === undefined ? {} : { card: { brand: card.brand ?? 'card', last4: card.last_digits ?? '' } }),
    ...(email === undefined ? {} : { email }),
  };
}
