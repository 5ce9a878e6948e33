import { z } from 'zod';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import { IdSchema, MetadataSchema, TimestampSchema } from './common';
import { ProviderFeeSchema } from './payment-attempt';

/**
 * A chargeback on a gateway payment: while `open` the provider holds `amount`; `won` gives it back, `lost` keeps it
 * (recorded as a refund of the payment, so the invoice is owed again).
 */
export const DisputeSchema = z.object({
  /** The provider's dispute id. */
  id: z.string().min(1).max(255),
  status: z.enum(['open', 'won', 'lost']),
  /** What the provider holds while the dispute is open. */
  amount: DecimalStringSchema,
  reason: z.string().max(200),
  openedAt: TimestampSchema,
  closedAt: TimestampSchema.optional(),
});

/** A chargeback on a gateway payment; see {@link DisputeSchema}. */
export type Dispute = z.infer<typeof DisputeSchema>;

/** How money arrived: recorded by hand (cash, cheque, bank transfer, a card paid elsewhere) or through a gateway. */
export const PaymentMethodSchema = z.enum(['cash', 'cheque', 'bank_transfer', 'card_external', 'gateway']);

/** How money arrived. */
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** The part of a payment settled against one invoice. */
export const PaymentAllocationSchema = z.object({ invoiceId: IdSchema, amount: DecimalStringSchema });

/** The part of a payment settled against one invoice. */
export type PaymentAllocation = z.infer<typeof PaymentAllocationSchema>;

/**
 * A payment received from a customer, allocated to one or several invoices; what no invoice needed
 * (`unapplied`) became customer credit.
 */
export const PaymentSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  currency: CurrencySchema,
  amount: DecimalStringSchema,
  method: PaymentMethodSchema,
  /** Cheque number, bank reference, gateway charge id. */
  reference: z.string().max(200).optional(),
  status: z.enum(['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded']),
  allocations: z.array(PaymentAllocationSchema),
  unapplied: DecimalStringSchema,
  amountRefunded: DecimalStringSchema,
  receivedAt: TimestampSchema,
  /** The gateway that took a `gateway` payment (`stripe`, `paypal`). */
  gateway: z.string().min(1).max(40).optional(),
  /** The provider's payment id (Stripe PaymentIntent, PayPal order). */
  providerPaymentId: z.string().min(1).max(255).optional(),
  /** The provider's fee, where it reports one. */
  fee: ProviderFeeSchema.optional(),
  /** The latest chargeback on the payment. */
  dispute: DisputeSchema.optional(),
  metadata: MetadataSchema,
  version: z.number().int().min(1),
});

/** A payment as stored. */
export type Payment = z.infer<typeof PaymentSchema>;

/** Money given back on a payment. */
export const RefundSchema = z.object({
  id: IdSchema,
  paymentId: IdSchema,
  customerId: IdSchema,
  currency: CurrencySchema,
  amount: DecimalStringSchema,
  reason: z.string().max(500).optional(),
  /** The provider's refund id, for a refund of a gateway payment (at most one ledger refund per provider refund). */
  providerRefundId: z.string().min(1).max(255).optional(),
  createdAt: TimestampSchema,
});

/** A refund as stored. */
export type Refund = z.infer<typeof RefundSchema>;

/**
 * One entry of a customer's credit ledger; the balance is the sum of the entries per currency.
 * Positive `amount` is credit owed to the customer (credit note, overpayment, proration credit);
 * negative is credit used (applied to an invoice, refunded).
 */
export const BalanceTransactionSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  currency: CurrencySchema,
  amount: DecimalStringSchema,
  type: z.enum(['credit_note', 'overpayment', 'proration', 'applied_to_invoice', 'refund', 'adjustment']),
  /** The credit note, payment, invoice or refund behind the entry. */
  referenceId: IdSchema.optional(),
  createdAt: TimestampSchema,
});

/** One entry of a customer's credit ledger. */
export type BalanceTransaction = z.infer<typeof BalanceTransactionSchema>;
