import { z } from 'zod';
import { CurrencySchema } from '../money/schemas';
import { TimeZoneSchema } from '../periods/billing-periods';
import { TaxStatusSchema } from '../tax/tax-status';
import {
  AddressSchema,
  CollectionsPolicyNameSchema,
  IdSchema,
  MetadataSchema,
  TaxIdSchema,
  TimestampSchema,
} from './common';
import { CollectionMethodSchema } from './customer-payment-method';
import { displayText } from './display-text';

/** Re-exported for the engine: an IANA time zone the runtime knows. */
export { TimeZoneSchema };

/**
 * A bank account the customer gave for SEPA direct debit, with its mandate. The IBAN is encrypted at rest when the
 * host configures field protection (`createBilling({ protection })`).
 */
export const BankAccountSchema = z.strictObject({
  /** The IBAN, spaces allowed (`DE89 3704 0044 0532 0130 00`). */
  iban: z
    .string()
    .max(42)
    .regex(/^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{8,36}$/, 'an IBAN such as "DE89 3704 0044 0532 0130 00"'),
  /** The account holder as the bank knows them. */
  holderName: z.string().min(1).max(140).optional(),
  /** The mandate reference the creditor gave (SEPA: up to 35 characters). */
  mandateReference: z.string().min(1).max(35).optional(),
  /** When the mandate was signed. */
  mandateSignedAt: TimestampSchema.optional(),
});

/** A bank account with its direct-debit mandate. */
export type BankAccount = z.infer<typeof BankAccountSchema>;

/**
 * The erasure state of a customer (`customers.erase`): when personal data was pseudonymised, until when the tax
 * documents keep what the law requires, and when that was purged too.
 */
export const CustomerErasureSchema = z.object({
  erasedAt: TimestampSchema,
  /** The end of the last invoice's retention (issue date + the configured retention); absent without invoices. */
  retainUntil: TimestampSchema.optional(),
  /** When the retained data was purged; from then on nothing personal is left. */
  purgedAt: TimestampSchema.optional(),
});

/** The erasure state of a customer. */
export type CustomerErasure = z.infer<typeof CustomerErasureSchema>;

const customerFields = {
  name: displayText(10_000),
  email: z.email().max(320),
  phone: z.string().max(40).optional(),
  address: AddressSchema.optional(),
  taxIds: z.array(TaxIdSchema).max(10),
  locale: z.string().min(2).max(35),
  timeZone: TimeZoneSchema,
  currency: CurrencySchema,
  paymentTermsDays: z.number().int().min(0).max(365),
  taxStatus: TaxStatusSchema,
  /** Ids of catalog tax rates applied to this customer's invoices (e.g. state + city). */
  taxRateIds: z.array(IdSchema).max(5),
  /** The customer's id in the host's CRM. */
  externalRef: z.string().max(200).optional(),
  /** A named collections policy (engine config `collectionsPolicies`) instead of the account's. */
  collectionsPolicy: CollectionsPolicyNameSchema.optional(),
  /** `charge_automatically`: invoices are charged to the default saved method; absent: `send_invoice`. */
  collectionMethod: CollectionMethodSchema.optional(),
  metadata: MetadataSchema,
  bankAccount: BankAccountSchema.optional(),
};

/** What a host gives to create a customer. */
export const CustomerInputSchema = z.strictObject({
  ...customerFields,
  taxIds: customerFields.taxIds.default([]),
  locale: customerFields.locale.default('en-US'),
  timeZone: customerFields.timeZone.default('UTC'),
  paymentTermsDays: customerFields.paymentTermsDays.default(14),
  taxStatus: customerFields.taxStatus.default('taxable'),
  taxRateIds: customerFields.taxRateIds.default([]),
  metadata: customerFields.metadata.default({}),
});

/** Input to create a customer (defaults applied by the schema). */
export type CustomerInput = z.input<typeof CustomerInputSchema>;

/** A customer with their billing profile and custom fields, as stored. */
export const CustomerSchema = z.object(customerFields).extend({
  id: IdSchema,
  /** The provider's customer of each gateway (`{ stripe: "cus_Q…" }`), made on first use; set by the engine only. */
  gatewayCustomers: z.record(z.string(), z.string().min(1).max(255)).optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** Increases by one with every update; storage refuses an update from a stale version. */
  version: z.number().int().min(1),
  /**
   * Keyed hashes (`bfh1.…`) of the protected fields (IBAN, tax ids), written by the engine when field protection is
   * configured, so storage can find a customer by them without holding the values in clear. Never given by hosts.
   */
  searchTokens: z.array(z.string().max(200)).max(20).optional(),
  /** Set once the customer was erased; see {@link CustomerErasureSchema}. */
  erasure: CustomerErasureSchema.optional(),
});

/** A customer as stored. */
export type Customer = z.infer<typeof CustomerSchema>;

/** A change to a customer's profile: any subset of the fields; fields left out keep their value (no defaults fill in). */
export const CustomerUpdateSchema = z.strictObject(customerFields).partial();

/** A change to a customer's profile. */
export type CustomerUpdate = z.input<typeof CustomerUpdateSchema>;

/**
 * An email address as customer lookups compare it: ASCII letters in lower case, nothing else changed, so every
 * storage (JavaScript, SQL in any locale) folds alike. `foldEmail("Ada@Example.COM")` is `"ada@example.com"`.
 */
export function foldEmail(email: string): string {
  return email.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
