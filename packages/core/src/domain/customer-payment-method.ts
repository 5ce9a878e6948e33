import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/**
 * A payment method a customer saved at a gateway, for off-session charges: the provider's token (Stripe `pm_…`,
 * PayPal vault id) and what the customer recognises it by. Never a card number or CVC. Unique: (`gateway`,
 * `providerMethodId`).
 */
export const CustomerPaymentMethodSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  gateway: z.string().min(1).max(40),
  /** The provider's token, charged off-session. */
  providerMethodId: z.string().min(1).max(255),
  /** The provider's customer the method belongs to. */
  customerReference: z.string().min(1).max(255),
  type: z.enum(['card', 'paypal', 'other']),
  /** Brand, last four digits and expiry: not card data under PCI DSS. */
  card: z
    .object({
      brand: z.string().max(40),
      last4: z.string().regex(/^\d{4}$/),
      expMonth: z.number().int().min(1).max(12).optional(),
      expYear: z.number().int().min(2000).max(2200).optional(),
    })
    .optional(),
  /** A PayPal wallet's e-mail. */
  email: z.string().max(320).optional(),
  /** The method automatic collection charges; at most one active default per customer. */
  isDefault: z.boolean(),
  /** `detached`: removed by the customer; kept for the attempts that name it. */
  status: z.enum(['active', 'detached']),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** A payment method a customer saved at a gateway, as stored. */
export type CustomerPaymentMethod = z.infer<typeof CustomerPaymentMethodSchema>;

/**
 * How a customer's invoices are collected: `charge_automatically` charges the default saved method off-session when
 * an invoice is finalized (and retries on the collections policy's schedule); `send_invoice` (the default when
 * absent) sends the invoice and waits for the customer to pay.
 */
export const CollectionMethodSchema = z.enum(['charge_automatically', 'send_invoice']);

/** How a customer's invoices are collected; see {@link CollectionMethodSchema}. */
export type CollectionMethod = z.infer<typeof CollectionMethodSchema>;
