import { BoundedNonNegativeDecimalSchema } from '../money/schemas';

/**
 * A decimal string greater than zero (`"1"`, `"0.5"`): a package size or a tier bound.
 * @internal
 */
export const PositiveDecimalSchema = BoundedNonNegativeDecimalSchema.superRefine((text, ctx) => {
  // Canonical and non-negative already (checked just before): zero is "0" or "0.000…".
  if (/^0(\.0+)?$/.test(text)) ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
});
