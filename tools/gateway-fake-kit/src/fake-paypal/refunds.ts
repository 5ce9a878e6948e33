import type { FakeResponse } from '../loopback-fake';
import { capturesOf, type Json, money, notFound, type PaypalStore, unprocessable } from './paypal-store';

const toCents = (value: string) => Math.round(Number(value) * 100);

/** `POST /v2/payments/captures/{capture_id}/refund`: all that is left, or `amount`, never more. */
export function refundCapture(store: PaypalStore, captureId: string, body: Json): FakeResponse {
  const order = [...store.orders.values()].find((o) => capturesOf(o).some((c) => c.id === captureId));
  const capture = order === undefined ? undefined : capturesOf(order).find((c) => c.id === captureId);
  if (order === undefined || capture === undefined) return notFound('No such capture.');
  const unit = (order.purchase_units as Json[])[0] as Json;
  const payments = unit.payments as Json;
  const refunds = (payments.refunds as Json[] | undefined) ?? [];
  const currency = (capture.amount as Json).currency_code as string;
  const refunded = refunds.reduce((t, r) => t + toCents((r.amount as Json).value as string), 0);
  const left = toCents((capture.amount as Json).value as string) - refunded;
  const requested = body.amount === undefined ? left : toCents((body.amount as Json).value as string);
  if (requested > left || left === 0) {
    return unprocessable(
      'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
      'REFUND_AMOUNT_EXCEEDED',
    );
  }
  const refund = {
    id: store.id('REF'),
    status: 'COMPLETED',
    amount: money(currency, (requested / 100).toFixed(2)),
    create_time: store.now().toISOString(),
    links: [{ href: `https://api-m.sandbox.paypal.com/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' }],
  };
  payments.refunds = [...refunds, refund];
  capture.status = requested === left ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  store.emit('PAYMENT.CAPTURE.REFUNDED', refund);
  return { status: 201, body: refund };
}
