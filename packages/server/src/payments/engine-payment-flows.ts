import { type AttemptProgress, type Billing, type CustomerPaymentMethod, isBillingError } from '@billfold/core';
import type {
  PaymentIntentView,
  PaymentMethodSetupView,
  PaymentMethodView,
  PortalPaymentFlows,
} from './portal-payment-flows';

/** Characters and length a provider takes in an idempotency key (Stripe, PayPal). */
const PROVIDER_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * The key sent to the provider for a portal request: the portal's `portal:<customerId>:<client key>` as is when the
 * provider takes it, else `portal:<customerId>:` and the SHA-256 of the client key (the same request always maps to
 * the same key, so a retried click reaches the same payment).
 */
async function providerKey(portalKey: string, customerId: string): Promise<string> {
  if (PROVIDER_KEY.test(portalKey)) return portalKey;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(portalKey));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `portal:${customerId}:${hex}`.slice(0, 100);
}

/** What the browser needs from an attempt: its state and the provider's next step. */
function intentView({ attempt, nextAction }: AttemptProgress): PaymentIntentView {
  const status =
    attempt.status === 'succeeded' || attempt.status === 'failed' || attempt.status === 'requires_action'
      ? attempt.status
      : attempt.status === 'canceled'
        ? 'failed'
        : 'processing';
  return {
    paymentId: attempt.id,
    gateway: attempt.gateway,
    status,
    amount: attempt.amount,
    currency: attempt.currency,
    ...(nextAction?.type === 'client_secret' ? { clientSecret: nextAction.clientSecret } : {}),
    ...(nextAction?.type === 'redirect' ? { approvalUrl: nextAction.url } : {}),
  };
}

/** A saved method as its owner sees it. */
function methodView(method: CustomerPaymentMethod): PaymentMethodView {
  return {
    id: method.id,
    gateway: method.gateway,
    type: method.type,
    ...(method.card !== undefined
      ? {
          brand: method.card.brand,
          last4: method.card.last4,
          ...(method.card.expMonth !== undefined ? { expMonth: method.card.expMonth } : {}),
          ...(method.card.expYear !== undefined ? { expYear: method.card.expYear } : {}),
        }
      : {}),
    isDefault: method.isDefault,
  };
}

/** `undefined` for the engine's `not_found` (another customer's record): the portal answers 404. */
async function ownedOrUndefined<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (isBillingError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

/**
 * The portal's payment flows over the engine's gateways (`createBilling({ gateways })`): paying invoices through
 * `billing.payments.payInvoices` (a second click joins the payment in flight, so one invoice is charged once),
 * confirming after 3-D Secure or PayPal approval, and the customer's saved methods through `billing.paymentMethods`
 * (listing them saves a method the customer just finished setting up in the provider's fields).
 * Every lookup is scoped to the session's customer. The portal's idempotency keys (`portal:<customerId>:…`) go to
 * the provider as they are (hashed when the provider would refuse their characters).
 * @example
 * ```ts
 * const billing = createBilling({ storage, gateways: [createStripeGateway({ secretKey, webhookSecret })] });
 * const portal = createPortalHandler({ billing, auth, documents, payments: createEnginePaymentFlows(billing) });
 * ```
 */
export function createEnginePaymentFlows(billing: Billing): PortalPaymentFlows {
  return {
    async payInvoices(input) {
      const progress = await billing.payments.payInvoices({
        customerId: input.customerId,
        invoiceIds: input.invoices.map((invoice) => invoice.id),
        ...(input.gateway !== undefined ? { gateway: input.gateway } : {}),
        ...(input.paymentMethodId !== undefined ? { paymentMethodId: input.paymentMethodId } : {}),
        ...(input.returnUrl !== undefined ? { returnUrl: input.returnUrl } : {}),
        idempotencyKey: await providerKey(input.idempotencyKey, input.customerId),
      });
      return intentView(progress);
    },
    async confirmPayment(input) {
      const progress = await billing.payments.confirm({ customerId: input.customerId, attemptId: input.paymentId });
      return progress === undefined ? undefined : intentView(progress);
    },
    async listPaymentMethods(customerId) {
      return (await billing.paymentMethods.sync(customerId)).map(methodView);
    },
    async setupPaymentMethod(input): Promise<PaymentMethodSetupView> {
      const setup = await billing.paymentMethods.setup({
        customerId: input.customerId,
        ...(input.gateway !== undefined ? { gateway: input.gateway } : {}),
        ...(input.returnUrl !== undefined ? { returnUrl: input.returnUrl } : {}),
        idempotencyKey: await providerKey(input.idempotencyKey, input.customerId),
      });
      const action = setup.nextAction;
      return {
        setupId: setup.id,
        gateway: setup.gateway,
        ...(action?.type === 'client_secret' ? { clientSecret: action.clientSecret } : {}),
        ...(action?.type === 'redirect' ? { approvalUrl: action.url } : {}),
      };
    },
    async setDefaultPaymentMethod(input) {
      const method = await ownedOrUndefined(() => billing.paymentMethods.setDefault(input));
      return method === undefined ? undefined : methodView(method);
    },
    async removePaymentMethod(input) {
      return (await ownedOrUndefined(() => billing.paymentMethods.remove(input))) !== undefined;
    },
  };
}
