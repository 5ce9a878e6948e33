import { NonNegativeDecimalSchema } from '../money/schemas';

/**
 * A decimal string greater than zero (`"1"`, `"0.5"`): a package size or a tier bound.
 * @internal
 */
export const PositiveDecimalSchema = NonNegativeDecimalSchema.refine(
  (s) => /[1-9]/.test(s),
  'must be greater than zero',
);
