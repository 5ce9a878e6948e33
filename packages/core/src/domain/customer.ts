import { z } from 'zod';
import { CurrencySchema } from '../money/schemas';
import { TaxStatusSchema } from '../tax/tax-status';
import { AddressSchema, IdSchema, MetadataSchema, TaxIdSchema, TimestampSchema } from './common';

/** An IANA time zone the runtime knows (`Europe/Berlin`). */
export const TimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as "Europe/Berlin"');

/** What a host gives to create a customer. */
export const CustomerInputSchema = z.object({
  name: z.string().min(1).max(10_000),
  email: z.email().max(320),
  phone: z.string().max(40).optional(),
  address: AddressSchema.optional(),
  taxIds: z.array(TaxIdSchema).max(10).default([]),
  locale: z.string().min(2).max(35).default('en-US'),
  timeZone: TimeZoneSchema.default('UTC'),
  currency: CurrencySchema,
  paymentTermsDays: z.number().int().min(0).max(365).default(14),
  taxStatus: TaxStatusSchema.default('taxable'),
  /** Ids of catalog tax rates applied to this customer's invoices (e.g. state + city). */
  taxRateIds: z.array(IdSchema).max(5).default([]),
  /** The customer's id in the host's CRM. */
  externalRef: z.string().max(200).optional(),
  metadata: MetadataSchema.default({}),
});

/** Input to create a customer (defaults applied by the schema). */
export type CustomerInput = z.input<typeof CustomerInputSchema>;

/** A customer with their billing profile and custom fields, as stored. */
export const CustomerSchema = CustomerInputSchema.extend({
  id: IdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** Increases by one with every update; storage refuses an update from a stale version. */
  version: z.number().int().min(1),
});

/** A customer as stored. */
export type Customer = z.infer<typeof CustomerSchema>;

/** A change to a customer's profile: any subset of the input fields. */
export const CustomerUpdateSchema = CustomerInputSchema.partial();

/** A change to a customer's profile. */
export type CustomerUpdate = z.input<typeof CustomerUpdateSchema>;
