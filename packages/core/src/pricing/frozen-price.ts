import type { z } from 'zod';
import { validate } from '../errors/validate';
import type { Price } from './price-schema';

/** Validated copies of deeply frozen prices: a frozen price cannot change, so it is validated once. */
const validatedFrozen = new WeakMap<object, Price>();

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const child of Object.values(value)) if (!isDeeplyFrozen(child)) return false;
  return true;
}

/**
 * Validates a price spec with `schema`, remembering the result for a deeply frozen price (`Object.freeze` on the
 * price, its tiers array and each tier): it can never change, so it need not be validated again. Prices that are
 * not frozen are validated on every call.
 * @internal
 */
export function validatePrice(schema: z.ZodType<Price>, price: unknown): Price {
  if (typeof price === 'object' && price !== null) {
    const known = validatedFrozen.get(price);
    if (known !== undefined) return known;
  }
  const spec = validate(schema, price, 'price');
  if (typeof price === 'object' && price !== null && isDeeplyFrozen(price)) validatedFrozen.set(price, spec);
  return spec;
}
