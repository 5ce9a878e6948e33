import type { Payment, Refund } from '../../domain/payment';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { money } from '../../money/money';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { writeRefund } from '../payments/refund-payment';
import { gatewayNamed } from './gateway-registry';

/** Whether a payment was taken through one of the engine's gateways (and so is refunded through it). */
export function refundsThroughGateway(ctx: EngineContext, payment: Payment): boolean {
  return (
    payment.method === 'gateway' &&
    payment.gateway !== undefined &&
    payment.providerPaymentId !== undefined &&
    ctx.gateways?.has(payment.gateway) === true
  );
}

/**
 * Refunds (part of) a gateway payment at its provider, then records the ledger refund with the provider's refund id
 * (see `writeRefund`), once: the refund's webhook, arriving before or after, finds it and changes nothing. The key
 * sent to the provider is `<paymentId>:refund:<idempotencyKey>`, or the payment's next refund number without one, so
 * a retried call never refunds twice. The amount is checked against the ledger before the provider is asked.
 * @throws BillingError `invalid_input` (more than refundable), `gateway_rejected` (the provider refused or failed the
 * refund), `gateway_unavailable` (no answer: call again with the same `idempotencyKey`).
 */
export async function refundThroughGateway(
  ctx: EngineContext,
  payment: Payment,
  request: { readonly amount: string; readonly reason?: string | undefined },
  idempotencyKey: string | undefined,
): Promise<Refund> {
  const gateway = gatewayNamed(ctx, payment.gateway, ['input', 'paymentId']);
  const m = (amount: string) => money(amount, payment.currency);
  const refundable = m(payment.amount).subtract(m(payment.amountRefunded));
  if (m(request.amount).compare(refundable) > 0) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `At most ${refundable} of payment ${payment.id} can be refunded`,
      {
        path: ['input', 'amount'],
      },
    );
  }
  const refunds = await ctx.storage.refunds.list({ paymentId: payment.id, limit: 1000 });
  const key = `${payment.id}:refund:${idempotencyKey ?? refunds.items.length + 1}`.slice(0, 100);
  const refunded = await gateway.refundPayment({
    paymentId: payment.providerPaymentId as string,
    amount: request.amount,
    currency: payment.currency,
    idempotencyKey: key.replace(/[^A-Za-z0-9_.:-]/g, '_'),
  });
  if (refunded.status === 'failed' || refunded.status === 'canceled') {
    throw new BillingError(
      BillingErrorCode.gatewayRejected,
      `${gateway.name} ${refunded.status} refund ${refunded.id}`,
      {
        gateway: { gateway: gateway.name, retryable: false, outcomeUnknown: false },
      },
    );
  }
  return runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
    const locked = await readUnderLedgerLock(session, session.payments, payment.id, 'payment', ['input', 'paymentId']);
    const recorded = await session.refunds.list({ paymentId: payment.id, limit: 1000 });
    const known = recorded.items.find((refund) => refund.providerRefundId === refunded.id);
    if (known !== undefined) return known;
    return writeRefund(
      session,
      ctx,
      locked,
      { amount: refunded.amount, reason: request.reason, providerRefundId: refunded.id },
      outbox,
    );
  });
}
