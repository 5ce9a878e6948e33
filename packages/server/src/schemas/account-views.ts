import { AddressSchema, CustomerSchema, IdSchema } from '@billfold/core';
import { z } from 'zod';
import { PortalPermissionSchema } from '../auth/permissions';
import { InvoiceViewSchema } from './document-views';
import { TaxIdInputSchema } from './tax-id';

const MoneyLineSchema = z.object({ currency: z.string(), amount: z.string() });

/** `GET /account`: what the customer owes, holds and will be billed next. */
export const AccountOverviewSchema = z.object({
  customer: z.object({ id: IdSchema, name: z.string(), email: z.string(), currency: z.string() }),
  /** Credit to spend, per currency (overpayments, credit-note surpluses, proration credits). */
  balances: z.array(MoneyLineSchema),
  /** Σ `amountRemaining` of the open invoices, per currency. */
  amountDue: z.array(MoneyLineSchema),
  /** Open invoices, earliest due first. */
  openInvoices: z.array(
    z.object({
      id: IdSchema,
      number: z.string().optional(),
      currency: z.string(),
      amountRemaining: z.string(),
      dueAt: z.string().optional(),
      overdue: z.boolean(),
    }),
  ),
  /** The due date of the oldest overdue invoice, or `null` when nothing is overdue. */
  overdueSince: z.string().nullable(),
  /** Per live subscription, the invoice its next boundary will make (`null`: nothing to charge). */
  upcomingInvoices: z.array(z.object({ subscriptionId: IdSchema, invoice: InvoiceViewSchema.nullable() })),
  /**
   * Whether the service is on (`active`), limited while an invoice is past due (`grace`) or `suspended` for
   * non-payment by the collections policy's dunning, why, and since when (`billing.collections.access`).
   */
  serviceAccess: z.object({
    state: z.enum(['active', 'grace', 'suspended']),
    reason: z.enum(['paid_up', 'past_due', 'overdue', 'non_payment']),
    since: z.string().optional(),
    invoiceIds: z.array(IdSchema),
    subscriptionIds: z.array(IdSchema),
  }),
});

/** The profile fields a customer sees and may change. */
export const ProfileSchema = z.object({
  name: CustomerSchema.shape.name,
  email: CustomerSchema.shape.email,
  phone: z.string().optional(),
  address: AddressSchema.optional(),
  taxIds: z.array(z.object({ type: z.string(), value: z.string() })),
  locale: z.string(),
});

/** `PATCH /profile`: the fields to change; `null` removes the phone or the address. */
export const ProfileUpdateSchema = z
  .strictObject({
    name: CustomerSchema.shape.name.optional(),
    email: CustomerSchema.shape.email.optional(),
    phone: z
      .string()
      .max(40)
      .regex(/^\+?[0-9 ()./-]{3,40}$/, 'a phone number')
      .nullable()
      .optional(),
    address: AddressSchema.strict().nullable().optional(),
    taxIds: z.array(TaxIdInputSchema).max(10).optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "de-DE"')
      .max(35)
      .optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'change at least one field');

/** `GET /session`: who is signed in and what the session allows. */
export const SessionInfoSchema = z.object({
  customerId: IdSchema,
  permissions: z.array(PortalPermissionSchema),
  expiresAt: z.string(),
});

/** `POST /auth/magic-link`: the token from the e-mailed link. */
export const MagicLinkRedeemSchema = z.strictObject({ token: z.string().min(1).max(4000) });

/** A session minted by a magic link. */
export const SessionTokenSchema = SessionInfoSchema.extend({ token: z.string() });

/** `GET /health` and `GET /ready`. */
export const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']) });
