import { z } from 'zod';

/** The characters an id may hold: ASCII letters, digits, `_`, `.`, `:` or `-`. @internal */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** The longest id. @internal */
export const ID_MAX_LENGTH = 128;

/** An entity id: 1–128 printable characters without spaces (`cus_01J…`, or the host's own ids). */
export const IdSchema = z
  .string()
  .min(1)
  .max(ID_MAX_LENGTH)
  .regex(ID_PATTERN, 'letters, digits, "_", ".", ":" or "-"');

/** An instant as an ISO-8601 string in UTC with milliseconds (`2026-01-31T00:00:00.000Z`), as stored. */
export const TimestampSchema = z.iso.datetime({ offset: false, precision: 3 });

/**
 * The instants Billfold takes from a caller: from 1970-01-01 (inclusive) to 2200-01-01 (exclusive), in UTC. Every
 * supported storage keeps them exactly, their ISO text has a four-digit year (so text order is time order), and
 * periods computed from them (up to 36 years long) stay far from any storage's or `Date`'s limits.
 */
export const INSTANT_RANGE = { from: '1970-01-01T00:00:00.000Z', to: '2200-01-01T00:00:00.000Z' } as const;

const EARLIEST = Date.parse(INSTANT_RANGE.from);
const LATEST = Date.parse(INSTANT_RANGE.to);

/** Why an instant (milliseconds since the epoch) cannot be taken, or `undefined` when it is in {@link INSTANT_RANGE}. */
export function instantRangeProblem(time: number): string | undefined {
  if (Number.isNaN(time)) return 'not a valid date';
  if (time < EARLIEST || time >= LATEST) {
    return `must be from ${INSTANT_RANGE.from} and before ${INSTANT_RANGE.to}`;
  }
  return undefined;
}

/**
 * An instant given by a caller: a `Date` or any ISO-8601 date-time string, within {@link INSTANT_RANGE};
 * normalised to a {@link TimestampSchema} string.
 */
export const InstantInputSchema = z
  .union([z.date(), z.iso.datetime({ offset: true, local: false })])
  .transform((value, ctx) => {
    const time = value instanceof Date ? value.getTime() : Date.parse(value);
    const problem = instantRangeProblem(time);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return new Date(time).toISOString();
  });

/** Keys no record of custom fields may use: they name parts of every JavaScript object. @internal */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The key of a custom field (metadata, a usage property): 1 to `max` characters, not `__proto__`, `constructor`
 * or `prototype`.
 */
export function customFieldKey(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((key) => !RESERVED_KEYS.has(key), { error: (issue) => `"${String(issue.input)}" is a reserved key` });
}

/**
 * Free-form custom fields on an entity: at most 50 keys of up to 40 characters, string values of up to
 * 500 characters (the same limits Stripe uses, so fields move between systems). `__proto__`, `constructor` and
 * `prototype` are refused as keys.
 */
export const MetadataSchema = z
  .record(customFieldKey(40), z.string().max(500))
  .refine((record) => Object.keys(record).length <= 50, 'at most 50 custom fields');

/** Custom fields, see {@link MetadataSchema}. */
export type Metadata = z.infer<typeof MetadataSchema>;

/** A postal address. `country` is an ISO 3166-1 alpha-2 code (`DE`, `US`). */
export const AddressSchema = z.strictObject({
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
export const TaxIdSchema = z.strictObject({
  type: z.string().min(1).max(20),
  value: z.string().min(1).max(40),
});

/** A tax registration, see {@link TaxIdSchema}. */
export type TaxId = z.infer<typeof TaxIdSchema>;

/**
 * The name of a collections policy in the engine's `collectionsPolicies` (`vip`, `b2b-strict`): lower-case letters,
 * digits, `-` and `_`, 1–40 characters.
 */
export const CollectionsPolicyNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, "-" or "_", e.g. "vip"');

/** Which page of a list to read: at most `limit` items after the opaque `cursor` of the previous page. */
export const PageRequestSchema = z.strictObject({
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
