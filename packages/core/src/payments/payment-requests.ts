import { z } from 'zod';
import { IdSchema } from '../domain/common';
import { checkMinorUnits, PositiveAmountSchema } from '../engine/amount-schemas';
import { CurrencySchema } from '../money/schemas';

/**
 * An idempotency key a caller passes to a gateway, sent to the provider as is (Stripe `Idempotency-Key`, PayPal
 * `PayPal-Request-Id`). The engine derives it from the invoice and the attempt (`inv_01J…:attempt:2`), never at
 * random, so a retry after a lost answer reaches the same payment. At most 100 characters (PayPal stores 108).
 */
export const GatewayIdempotencyKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", ".", ":" or "-"');

/** An id the provider gave (`pi_3Nx…`, `5O190127TN364715T`, `pm_1Q…`): opaque to Billfold. */
export const ProviderIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'a provider id: letters, digits, "_", ".", ":" or "-"');

/** An absolute `https:` (or, for local development, `http:`) URL the customer is sent back to. */
export const ReturnUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

/** Adds an issue at `amount` when it is finer than the currency's ISO 4217 minor unit. */
function wholeMinorUnits(value: { amount?: string | undefined; currency: string }, ctx: z.RefinementCtx): void {
  if (value.amount !== undefined) checkMinorUnits(value.amount, value.currency, ['amount'], ctx);
}

/**
 * A request to take a payment. Unknown fields are refused: no card number or CVC can ride along.
 * - `on_session`: the customer is at the browser; the result usually `requires_action` and names what the browser
 *   needs (a Stripe client secret, a PayPal approval URL).
 * - `off_session`: the engine charges a saved method (`paymentMethodId`) with nobody present (automatic collection).
 * `capture: 'manual'` only authorizes: the money is taken by {@link PaymentGateway.capturePayment}.
 */
export const CreatePaymentRequestSchema = z
  .strictObject({
    /** Decimal string in major units (`"19.99"`, `"1500"` JPY, `"1.250"` KWD). */
    amount: PositiveAmountSchema,
    currency: CurrencySchema,
    /** Billfold's customer id, carried to the provider in metadata. */
    customerId: IdSchema,
    /** The provider's customer (from {@link PaymentGateway.ensureCustomer}); needed to charge a saved method. */
    customerReference: ProviderIdSchema.optional(),
    /** The saved method (provider token or vault id) to charge; required off-session. */
    paymentMethodId: ProviderIdSchema.optional(),
    session: z.enum(['on_session', 'off_session']),
    capture: z.enum(['automatic', 'manual']).default('automatic'),
    /** The invoices this payment is for, carried to the provider and back in webhook events. */
    invoiceIds: z.array(IdSchema).max(20).default([]),
    /** What the customer sees on their statement or approval page. */
    description: z.string().min(1).max(127).optional(),
    /** Where the provider sends the customer after approval or 3-D Secure. */
    returnUrl: ReturnUrlSchema.optional(),
    /** Where PayPal sends a customer who cancels the approval. */
    cancelUrl: ReturnUrlSchema.optional(),
    idempotencyKey: GatewayIdempotencyKeySchema,
  })
  .superRefine((value, ctx) => {
    wholeMinorUnits(value, ctx);
    if (value.session === 'off_session' && value.paymentMethodId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['paymentMethodId'],
        message: 'an off-session payment needs a saved method',
      });
    }
  });

/** A request to take a payment, as given (defaults not yet applied). */
export type CreatePaymentRequest = z.input<typeof CreatePaymentRequestSchema>;

/** A request to capture an authorized (or, at PayPal, approved) payment, all of it or `amount`. */
export const CapturePaymentRequestSchema = z
  .strictObject({
    paymentId: ProviderIdSchema,
    /** Less than authorized to capture part; the rest is released. Omit to capture everything. */
    amount: PositiveAmountSchema.optional(),
    currency: CurrencySchema,
    idempotencyKey: GatewayIdempotencyKeySchema,
  })
  .superRefine(wholeMinorUnits);

/** A request to capture an authorized payment. */
export type CapturePaymentRequest = z.input<typeof CapturePaymentRequestSchema>;

/** A request to give back all of a payment (no `amount`) or part of it. */
export const RefundPaymentRequestSchema = z
  .strictObject({
    paymentId: ProviderIdSchema,
    /** Omit to refund what is left of the payment. */
    amount: PositiveAmountSchema.optional(),
    currency: CurrencySchema,
    reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent']).optional(),
    idempotencyKey: GatewayIdempotencyKeySchema,
  })
  .superRefine(wholeMinorUnits);

/** A request to refund a payment. */
export type RefundPaymentRequest = z.input<typeof RefundPaymentRequestSchema>;

/** A request for the provider's customer record of a Billfold customer (created once, found afterwards). */
export const EnsureCustomerRequestSchema = z.strictObject({
  customerId: IdSchema,
  email: z.email().max(254).optional(),
  name: z.string().min(1).max(200).optional(),
  idempotencyKey: GatewayIdempotencyKeySchema,
});

/** A request for the provider's customer record. */
export type EnsureCustomerRequest = z.input<typeof EnsureCustomerRequestSchema>;

/**
 * A request to start saving a payment method for later off-session charges. The customer enters the card (or logs
 * in to PayPal) in the provider's own fields; Billfold only ever gets the resulting token.
 */
export const SetupPaymentMethodRequestSchema = z.strictObject({
  customerId: IdSchema,
  customerReference: ProviderIdSchema,
  returnUrl: ReturnUrlSchema.optional(),
  cancelUrl: ReturnUrlSchema.optional(),
  idempotencyKey: GatewayIdempotencyKeySchema,
});

/** A request to start saving a payment method. */
export type SetupPaymentMethodRequest = z.input<typeof SetupPaymentMethodRequestSchema>;

/** A request to finish a setup the customer completed: yields the saved method. */
export const CompleteSetupRequestSchema = z.strictObject({
  setupId: ProviderIdSchema,
  customerReference: ProviderIdSchema,
  idempotencyKey: GatewayIdempotencyKeySchema,
});

/** A request to finish a setup. */
export type CompleteSetupRequest = z.input<typeof CompleteSetupRequestSchema>;

/** A lookup of the payment a create request made, by its idempotency key. */
export const FindPaymentRequestSchema = z.strictObject({
  idempotencyKey: GatewayIdempotencyKeySchema,
  /** Narrows the search to one provider customer, when known. */
  customerReference: ProviderIdSchema.optional(),
});

/** A lookup of a payment by idempotency key. */
export type FindPaymentRequest = z.input<typeof FindPaymentRequestSchema>;

/** Which payouts `listPayouts` asks the provider for: those arriving in `[arrivalFrom, arrivalTo)` (`YYYY-MM-DD`). */
export const ListPayoutsRequestSchema = z
  .strictObject({ arrivalFrom: z.iso.date(), arrivalTo: z.iso.date() })
  .refine((range) => range.arrivalFrom < range.arrivalTo, { path: ['arrivalTo'], message: 'must be after arrivalFrom' });

/** Which payouts to list; see {@link ListPayoutsRequestSchema}. */
export type ListPayoutsRequest = z.input<typeof ListPayoutsRequestSchema>;

/** A webhook request as it arrived: its headers and its body exactly as received (signatures cover the bytes). */
export const WebhookRequestSchema = z.strictObject({
  headers: z.record(z.string(), z.string()),
  rawBody: z.string().max(1_000_000),
});

/** A webhook request as it arrived. */
export type WebhookRequest = z.input<typeof WebhookRequestSchema>;
