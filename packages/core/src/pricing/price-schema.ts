import { z } from 'zod';
import { compareFixed } from '../money/fixed';
import { CurrencySchema, BoundedNonNegativeDecimalSchema } from '../money/schemas';
import { PositiveDecimalSchema } from './positive-decimal';
import { isDecimalText, parseSpecDecimal } from './spec-decimal';
import { TiersSchema } from './tiers';

/** Refuses a `maximum` below its `minimum` (both optional), reporting it on the maximum's field. */
function atLeast(minimumKey: string, maximumKey: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const minimum = value[minimumKey];
    const maximum = value[maximumKey];
    // zod runs this refinement even when a field failed its own check (reported there): compare valid ones only.
    if (!isDecimalText(minimum) || !isDecimalText(maximum)) return;
    if (compareFixed(parseSpecDecimal(maximum), parseSpecDecimal(minimum)) < 0) {
      ctx.addIssue({ code: 'custom', path: [maximumKey], message: `must be at least ${minimumKey} (${minimum})` });
    }
  };
}

const commitment = atLeast('minimumAmount', 'maximumAmount');

/** Fields every price model has: its currency and an optional per-period minimum and maximum charge. */
const common = {
  currency: CurrencySchema,
  minimumAmount: BoundedNonNegativeDecimalSchema.optional(),
  maximumAmount: BoundedNonNegativeDecimalSchema.optional(),
};

/** A fixed `amount` per period, whatever the quantity. */
export const FlatPriceSchema = z
  .strictObject({ model: z.literal('flat'), ...common, amount: BoundedNonNegativeDecimalSchema })
  .superRefine(commitment);

/** `unitAmount` per unit; the unit amount may be finer than the currency (`"0.0004"` USD per API call). */
export const PerUnitPriceSchema = z
  .strictObject({ model: z.literal('per_unit'), ...common, unitAmount: BoundedNonNegativeDecimalSchema })
  .superRefine(commitment);

/** `packageAmount` per package of `packageSize` units; a started package counts with `round: "up"`. */
export const PackagePriceSchema = z
  .strictObject({
    model: z.literal('package'),
    ...common,
    packageAmount: BoundedNonNegativeDecimalSchema,
    packageSize: PositiveDecimalSchema,
    round: z.enum(['up', 'down']),
  })
  .superRefine(commitment);

/** Each tier's units at that tier's unit amount, plus the flat amount of every tier usage reaches into. */
export const GraduatedPriceSchema = z
  .strictObject({ model: z.literal('graduated'), ...common, tiers: TiersSchema })
  .superRefine(commitment);

/** All units at the unit amount of the tier the total quantity falls in, plus that tier's flat amount. */
export const VolumePriceSchema = z
  .strictObject({ model: z.literal('volume'), ...common, tiers: TiersSchema })
  .superRefine(commitment);

/**
 * A fee of `rate` percent (`"2.9"`) of each transaction amount plus `fixedFee`, kept between
 * `minimumFee` and `maximumFee` per transaction.
 */
export const PercentagePriceSchema = z
  .strictObject({
    model: z.literal('percentage'),
    ...common,
    rate: BoundedNonNegativeDecimalSchema,
    fixedFee: BoundedNonNegativeDecimalSchema.optional(),
    minimumFee: BoundedNonNegativeDecimalSchema.optional(),
    maximumFee: BoundedNonNegativeDecimalSchema.optional(),
  })
  .superRefine(commitment)
  .superRefine(atLeast('minimumFee', 'maximumFee'));

/**
 * A price as plain JSON, one of six models told apart by `model`. Amounts are decimal strings in major
 * units of `currency`; `minimumAmount`/`maximumAmount` bound the charge per period.
 */
export const PriceSchema = z.discriminatedUnion('model', [
  FlatPriceSchema,
  PerUnitPriceSchema,
  PackagePriceSchema,
  GraduatedPriceSchema,
  VolumePriceSchema,
  PercentagePriceSchema,
]);

/** A price; see {@link PriceSchema}. */
export type Price = z.infer<typeof PriceSchema>;

/** `T` with every property and array read-only, all the way down. */
export type DeeplyReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeeplyReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeeplyReadonly<T[K]> }
    : T;

/** A price spec as `rate` accepts it: a {@link Price}, or the same read-only (`as const`, or deeply frozen). */
export type ReadonlyPrice = DeeplyReadonly<Price>;
/** A `flat` price; see {@link FlatPriceSchema}. */
export type FlatPrice = z.infer<typeof FlatPriceSchema>;
/** A `per_unit` price; see {@link PerUnitPriceSchema}. */
export type PerUnitPrice = z.infer<typeof PerUnitPriceSchema>;
/** A `package` price; see {@link PackagePriceSchema}. */
export type PackagePrice = z.infer<typeof PackagePriceSchema>;
/** A `graduated` price; see {@link GraduatedPriceSchema}. */
export type GraduatedPrice = z.infer<typeof GraduatedPriceSchema>;
/** A `volume` price; see {@link VolumePriceSchema}. */
export type VolumePrice = z.infer<typeof VolumePriceSchema>;
/** A `percentage` price; see {@link PercentagePriceSchema}. */
export type PercentagePrice = z.infer<typeof PercentagePriceSchema>;
