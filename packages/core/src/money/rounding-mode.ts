import { z } from 'zod';

/**
 * How a value is rounded at a named rounding point. All modes are symmetric around zero:
 * - `half-up` (default): to nearest, ties away from zero (2.345 → 2.35, −2.345 → −2.35);
 * - `half-even`: to nearest, ties to the even neighbour (banker's rounding: 2.345 → 2.34);
 * - `down`: toward zero (truncate);
 * - `up`: away from zero.
 */
export const RoundingModeSchema = z.enum(['half-up', 'half-even', 'down', 'up']);

/** One of the rounding modes of {@link RoundingModeSchema}. */
export type RoundingMode = z.infer<typeof RoundingModeSchema>;
