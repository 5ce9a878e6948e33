import { z } from 'zod';
import { compareFixed, type Fixed } from '../money/fixed';
import { BoundedNonNegativeDecimalSchema } from '../money/schemas';
import { PositiveDecimalSchema } from './positive-decimal';
import { isDecimalText, parseSpecDecimal } from './spec-decimal';

/**
 * One tier of a `graduated` or `volume` price: units up to and including `upTo` (`null` on the last tier:
 * everything above) cost `unitAmount` each, and `flatAmount` is charged once when usage reaches into the tier.
 */
export const TierSchema = z.strictObject({
  upTo: PositiveDecimalSchema.nullable(),
  unitAmount: BoundedNonNegativeDecimalSchema,
  flatAmount: BoundedNonNegativeDecimalSchema.optional(),
});

/** One tier of a tiered price; see {@link TierSchema}. */
export type Tier = z.infer<typeof TierSchema>;

/**
 * The tiers of a tiered price: at least one, `upTo` strictly increasing, and exactly the last tier open-ended
 * (`upTo: null`), so every quantity falls in exactly one tier.
 */
export const TiersSchema = z
  .array(TierSchema)
  .min(1, 'needs at least one tier; the last one has upTo: null')
  .superRefine((tiers, ctx) => {
    const last = tiers.length - 1;
    let previous: Fixed | undefined;
    for (let i = 0; i <= last; i++) {
      // zod runs this refinement even when a tier failed its own checks (reported there): read defensively.
      const tier: unknown = tiers[i];
      const upTo = typeof tier === 'object' && tier !== null ? (tier as { upTo?: unknown }).upTo : undefined;
      if (upTo === null) {
        if (i < last)
          ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'only the last tier may have upTo: null' });
        continue;
      }
      if (i === last) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'upTo'],
          message: 'the last tier must have upTo: null (all remaining units)',
        });
      }
      if (!isDecimalText(upTo)) {
        previous = undefined;
        continue;
      }
      const bound = parseSpecDecimal(upTo);
      if (previous !== undefined && compareFixed(bound, previous) <= 0) {
        ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: "must be greater than the previous tier's upTo" });
      }
      previous = bound;
    }
  });
