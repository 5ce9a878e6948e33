import { type BillingError, BillingErrorCode, isBillingError } from '../../errors/billing-error';
import type { Decline, GatewayPayment } from '../../payments/gateway-results';
import type { PaymentGateway } from '../../payments/payment-gateway';
import type { EngineContext } from '../context';
import type { ChargeOrder } from './begin-attempts';
import { gatewayNamed } from './gateway-registry';

/** What a gateway said about an attempt. */
export type AttemptOutcome =
  /** The provider answered with its payment (succeeded, failed with a decline, waiting for the customer, …). */
  | { readonly kind: 'answered'; readonly payment: GatewayPayment }
  /** The provider refused the request itself (a detached method, parameters it does not take): a hard failure. */
  | { readonly kind: 'refused'; readonly decline: Decline }
  /** No answer: the attempt stays `pending` and is sent again under the same key once its lease ends. */
  | { readonly kind: 'unknown'; readonly error: BillingError };

/** Whether a gateway error leaves the provider's action unknown (or not yet taken) rather than refused. */
const unanswered = (error: unknown): error is BillingError =>
  isBillingError(error) && error.code === BillingErrorCode.gatewayUnavailable;

/**
 * Sends one reserved attempt to its gateway: a payment of the attempt's amount on the saved method for its invoices,
 * under the attempt's idempotency key — off-session, except for the portal's attempts: the customer is at the pay
 * button, so the provider asks for 3-D Secure there and then (a `requires_action` payment) instead of declining. When the answer is lost (timeout, reset, 5xx: the charge may have happened),
 * it finds the payment by key where the gateway can (`findPayment`), else sends the same request with the same key
 * again, which the provider answers with the payment it made; still no answer leaves the outcome `unknown`. Never
 * throws for gateway failures.
 */
export async function sendAttempt(ctx: EngineContext, order: ChargeOrder): Promise<AttemptOutcome> {
  const { attempt, method } = order;
  let gateway: PaymentGateway;
  try {
    gateway = gatewayNamed(ctx, attempt.gateway);
  } catch (error) {
    return { kind: 'unknown', error: error as BillingError };
  }
  const request = {
    amount: attempt.amount,
    currency: attempt.currency,
    customerId: attempt.customerId,
    customerReference: method.customerReference,
    paymentMethodId: method.providerMethodId,
    session: attempt.trigger === 'portal' ? ('on_session' as const) : ('off_session' as const),
    invoiceIds: attempt.invoiceIds ?? [attempt.invoiceId],
    idempotencyKey: attempt.idempotencyKey,
  };
  const refusedOrThrow = (error: unknown): AttemptOutcome => {
    if (unanswered(error)) return { kind: 'unknown', error };
    if (isBillingError(error)) {
      return { kind: 'refused', decline: { code: error.code, message: error.message, kind: 'hard' } };
    }
    throw error;
  };
  try {
    return { kind: 'answered', payment: await gateway.createPayment(request) };
  } catch (error) {
    if (!unanswered(error)) return refusedOrThrow(error);
  }
  try {
    if (gateway.capabilities.findByIdempotencyKey && gateway.findPayment !== undefined) {
      const found = await gateway.findPayment({
        idempotencyKey: attempt.idempotencyKey,
        customerReference: method.customerReference,
      });
      if (found !== null) return { kind: 'answered', payment: found };
    }
    return { kind: 'answered', payment: await gateway.createPayment(request) };
  } catch (error) {
    return refusedOrThrow(error);
  }
}
