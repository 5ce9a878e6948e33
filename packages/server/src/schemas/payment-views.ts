import { IdSchema } from '@billfold/core';
import { z } from 'zod';

/*
 * The contract of the payment routes, ready for the gateways: the portal validates these and checks that every
 * invoice is the customer's before it hands the request to the host's `payments` flows (see PortalPaymentFlows).
 */

/** `POST /payments`: pay one or several open invoices of the same currency through a gateway. */
export const PayInvoicesInputSchema = z.strictObject({
  invoiceIds: z
    .array(IdSchema)
    .min(1)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'each invoice at most once'),
  /** The gateway to pay through (`stripe`, `paypal`); default: the host's first. */
  gateway: z.string().min(1).max(40).optional(),
  /** A saved payment method of the customer; without it the gateway collects one (hosted fields, redirect). */
  paymentMethodId: IdSchema.optional(),
  /** Where the gateway sends the browser back after a redirect or 3-D Secure. */
  returnUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

/** What the browser needs to finish a payment: a client secret (hosted fields) or an approval URL (redirect). */
export const PaymentIntentViewSchema = z.object({
  paymentId: IdSchema,
  gateway: z.string(),
  status: z.enum(['requires_action', 'processing', 'succeeded', 'failed']),
  amount: z.string(),
  currency: z.string(),
  clientSecret: z.string().optional(),
  approvalUrl: z.string().optional(),
});

/** `POST /payments/{paymentId}/confirm`: after 3-D Secure or the provider's approval page. */
export const ConfirmPaymentInputSchema = z.strictObject({
  /** The provider's reference the browser got back (PayPal order id, Stripe payment intent id). */
  providerReference: z.string().min(1).max(200).optional(),
});

/** A saved payment method: only what identifies it to its owner, never a card number. */
export const PaymentMethodViewSchema = z.object({
  id: IdSchema,
  gateway: z.string(),
  type: z.enum(['card', 'sepa_debit', 'paypal', 'bank_account', 'other']),
  brand: z.string().optional(),
  last4: z.string().optional(),
  expMonth: z.number().int().optional(),
  expYear: z.number().int().optional(),
  isDefault: z.boolean(),
});

/** `POST /payment-methods/setup`: start the provider's flow that saves a payment method. */
export const PaymentMethodSetupInputSchema = z.strictObject({
  gateway: z.string().min(1).max(40).optional(),
  returnUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

/** What the browser needs to run the provider's setup flow. */
export const PaymentMethodSetupViewSchema = z.object({
  setupId: z.string(),
  gateway: z.string(),
  clientSecret: z.string().optional(),
  approvalUrl: z.string().optional(),
});
