import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { PaymentGateway } from '../../payments/payment-gateway';
import type { EngineContext } from '../context';

/**
 * The gateway named `name`, or the engine's first (its default) when `name` is absent.
 * @throws BillingError `invalid_state` when the engine has no gateways; `invalid_input` at `path` for a name it has not.
 */
export function gatewayNamed(
  ctx: EngineContext,
  name: string | undefined,
  path: readonly (string | number)[] = ['gateway'],
): PaymentGateway {
  const gateways = ctx.gateways;
  if (gateways === undefined || gateways.size === 0) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      'No payment gateway is configured: pass createBilling({ gateways: [...] })',
    );
  }
  const gateway = name === undefined ? gateways.values().next().value : gateways.get(name);
  if (gateway === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid ${path.join('.')}: no gateway named "${name}" (the engine has ${[...gateways.keys()].join(', ')})`,
      { path },
    );
  }
  return gateway;
}

/**
 * The idempotency key an automatic charge sends to the provider: derived from the invoice and the attempt number,
 * never random, so a resend after a lost answer reaches the same provider payment (`inv_01J…:attempt:2`).
 */
export function attemptIdempotencyKey(invoiceId: string, attemptNumber: number): string {
  return `${invoiceId}:attempt:${attemptNumber}`;
}
