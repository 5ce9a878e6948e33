import type { Invoice } from '@billfold/core';
import type { z } from 'zod';
import type {
  PaymentIntentViewSchema,
  PaymentMethodSetupViewSchema,
  PaymentMethodViewSchema,
} from '../schemas/payment-views';

/** What the browser needs to finish a payment. */
export type PaymentIntentView = z.input<typeof PaymentIntentViewSchema>;
/** A saved payment method as its owner sees it. */
export type PaymentMethodView = z.input<typeof PaymentMethodViewSchema>;
/** What the browser needs to run a provider's setup flow. */
export type PaymentMethodSetupView = z.input<typeof PaymentMethodSetupViewSchema>;

/**
 * The payment side of the portal, implemented over the engine's gateways (Stripe, PayPal) once they are wired.
 * The portal calls these only for the verified session's customer (`customerId`) and after its own checks
 * (every invoice is the customer's, open and in one currency). An implementation must scope every lookup by
 * `customerId` and answer `undefined` / `false` for another customer's payment or payment method, so the
 * portal answers 404 as it does for invoices. Without `payments`, these routes answer 501 `not_implemented`.
 */
export interface PortalPaymentFlows {
  /** Creates the gateway payment for the invoices (idempotent by `idempotencyKey`). */
  payInvoices(input: {
    readonly customerId: string;
    readonly invoices: readonly Invoice[];
    readonly gateway?: string;
    readonly paymentMethodId?: string;
    readonly returnUrl?: string;
    readonly idempotencyKey: string;
  }): Promise<PaymentIntentView>;
  /** Finishes a payment after 3-D Secure or an approval redirect; `undefined` when it is not the customer's. */
  confirmPayment(input: {
    readonly customerId: string;
    readonly paymentId: string;
    readonly providerReference?: string;
    readonly idempotencyKey: string;
  }): Promise<PaymentIntentView | undefined>;
  listPaymentMethods(customerId: string): Promise<readonly PaymentMethodView[]>;
  setupPaymentMethod(input: {
    readonly customerId: string;
    readonly gateway?: string;
    readonly returnUrl?: string;
    readonly idempotencyKey: string;
  }): Promise<PaymentMethodSetupView>;
  /** `undefined` when the payment method is not the customer's. */
  setDefaultPaymentMethod(input: {
    readonly customerId: string;
    readonly paymentMethodId: string;
  }): Promise<PaymentMethodView | undefined>;
  /** `false` when the payment method is not the customer's. */
  removePaymentMethod(input: { readonly customerId: string; readonly paymentMethodId: string }): Promise<boolean>;
}
