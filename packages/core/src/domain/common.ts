import { z } from 'zod';

/** An entity id: 1–128 printable characters without spaces (`cus_01J…`, or the host's own ids). */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", ".", ":" or "-"');

/** An instant as an ISO-8601 string in UTC with milliseconds (`2026-01-31T00:00:00.000Z`), as stored. */
export const TimestampSchema = z.iso.datetime({ offset: false, precision: 3 });

/** An instant given by a caller: a `Date` or any ISO-8601 date-time string; normalised to a {@link TimestampSchema} string. */
export const InstantInputSchema = z
  .union([z.date(), z.iso.datetime({ offset: true, local: false })])
  .transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'not a valid date' });
      return z.NEVER;
    }
    return date.toISOString();
  });

/**
 * Free-form custom fields on an entity: at most 50 keys of up to 40 characters, string values of up to
 * 500 characters (the same limits Stripe uses, so fields move between systems).
 */
export const MetadataSchema = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((record) => Object.keys(record).length <= 50, 'at most 50 custom fields');

/** Custom fields, see {@link MetadataSchema}. */
export type Metadata = z.infer<typeof MetadataSchema>;

/** A postal address. `country` is an ISO 3166-1 alpha-2 code (`DE`, `US`). */
export const AddressSchema = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().max(20).optional(),
  region: z.string().max(100).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "DE"'),
});

/** A postal address, see {@link AddressSchema}. */
export type Address = z.infer<typeof AddressSchema>;

/** A tax registration of a customer or seller: `{ type: "eu_vat", value: "DE123456789" }`. */
export const TaxIdSchema = z.object({
  type: z.string().min(1).max(20),
  value: z.string().min(1).max(40),
});

/** A tax registration, see {@link TaxIdSchema}. */
export type TaxId = z.infer<typeof TaxIdSchema>;

/** Which page of a list to read: at most `limit` items after the opaque `cursor` of the previous page. */
export const PageRequestSchema = z.object({
  limit: z.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

/** A page request, see {@link PageRequestSchema}. */
export type PageRequest = z.input<typeof PageRequestSchema>;

/** One page of a list in a stable order; `nextCursor` is absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}
