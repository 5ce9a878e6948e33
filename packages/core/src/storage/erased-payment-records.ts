import type { CustomerPaymentMethod } from '../domain/customer-payment-method';
import type { OutboxEntry } from '../domain/outbox-entry';
import type { PaymentAttempt } from '../domain/payment-attempt';

/** What an erased saved payment method holds instead of the provider's customer reference. */
export const ERASED_PROVIDER_REFERENCE = 'erased';

/**
 * The token an erased saved payment method holds instead of the provider's: `erased:<method id>`, unique per
 * gateway like the tokens it replaces, and never chargeable.
 */
export function erasedProviderMethodId(methodId: string): string {
  return `erased:${methodId}`;
}

/**
 * A saved payment method of an erased customer: detached, not the default, its provider token and customer
 * reference replaced, no card (brand, last four, expiry) and no wallet e-mail; `undefined` when it is so already.
 * Its id, gateway and type stay, so the attempts that name it still do.
 */
export function erasedPaymentMethod(method: CustomerPaymentMethod): CustomerPaymentMethod | undefined {
  const token = erasedProviderMethodId(method.id);
  const clear =
    method.providerMethodId === token &&
    method.customerReference === ERASED_PROVIDER_REFERENCE &&
    method.card === undefined &&
    method.email === undefined &&
    method.status === 'detached' &&
    !method.isDefault;
  if (clear) return undefined;
  const { card: _card, email: _email, ...rest } = method;
  return {
    ...rest,
    providerMethodId: token,
    customerReference: ERASED_PROVIDER_REFERENCE,
    status: 'detached',
    isDefault: false,
  };
}

/**
 * A payment attempt of an erased customer: the decline keeps its code and kind but its provider message (free
 * text, which may quote the cardholder) becomes `""`; `undefined` when there is nothing to clear.
 */
export function erasedPaymentAttempt(attempt: PaymentAttempt): PaymentAttempt | undefined {
  if (attempt.decline === undefined || attempt.decline.message === '') return undefined;
  return { ...attempt, decline: { ...attempt.decline, message: '' } };
}

/**
 * An outbox entry of an erased customer: without `lastError`, and cancelled (`dead`, never sent) when it was still
 * pending; `undefined` when there is nothing to change.
 */
export function erasedOutboxEntry(entry: OutboxEntry): OutboxEntry | undefined {
  if (entry.lastError === undefined && entry.status !== 'pending') return undefined;
  const { lastError: _lastError, ...rest } = entry;
  return { ...rest, status: entry.status === 'pending' ? 'dead' : entry.status };
}
