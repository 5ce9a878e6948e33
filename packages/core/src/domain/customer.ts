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
