import { z } from 'zod';
import { RoundingModeSchema } from '../money/rounding-mode';

/**
 * One line of a rating breakdown: a tier that applies (or the single line of a non-tiered model).
 * Decimal strings; `amount` is exact (unrounded), so the lines plus the adjustment sum to `unroundedAmount`.
 */
export interface RatedTier {
  /** Index of the tier in the price's `tiers` (0 for non-tiered models). */
  readonly index: number;
  /** Lower bound of the tier: the previous tier's `upTo` (units above it fall here), `"0"` for the first. */
  readonly from: string;
  /** Inclusive upper bound of the tier, `null` when open-ended. */
  readonly upTo: string | null;
  /** Units priced on this line: packages for `package`, transaction amounts for `percentage`. */
  readonly quantity: string;
  /** Price of one unit (of one package; for `percentage` the rate as a fraction, `"0.029"` for 2.9%). */
  readonly unitAmount: string;
  /** Flat amount charged on this line (for `percentage`, the fixed fees of all its transactions). */
  readonly flatAmount: string;
  /** `quantity × unitAmount + flatAmount`, exact; for `percentage`, the fees after their per-transaction bounds. */
  readonly amount: string;
}

/** How a minimum or maximum commitment changed a charge: `amount` is what it added (negative for a maximum). */
export interface CommitmentAdjustment {
  readonly kind: 'minimum' | 'maximum';
  /** The price's `minimumAmount` or `maximumAmount`. */
  readonly commitment: string;
  /** The commitment minus the tiers' total, exact. */
  readonly amount: string;
}

/** The result of rating a quantity against a price, ready to show as invoice lines. */
export interface RatedPrice {
  /** The charge rounded once to the currency's minor units, e.g. `"37.50"`. */
  readonly amount: string;
  /** ISO 4217 code of the price. */
  readonly currency: string;
  /** The exact charge before rounding (tiers plus adjustment). */
  readonly unroundedAmount: string;
  /** The breakdown: one line per tier that applies, or one line for a non-tiered model. */
  readonly tiers: readonly RatedTier[];
  /** Set when a minimum or maximum commitment changed the charge, else `null`. */
  readonly adjustment: CommitmentAdjustment | null;
}

/** Options of `rate` and `rateTransactions`: the rounding mode of the final amount (default `half-up`). */
export const RateOptionsSchema = z.strictObject({ roundingMode: RoundingModeSchema.optional() }).optional();

/** Options of `rate` and `rateTransactions`; see {@link RateOptionsSchema}. */
export type RateOptions = z.infer<typeof RateOptionsSchema>;
