/**
 * Pricing: price models as validated plain JSON (`flat`, `per_unit`, `package`, `graduated`, `volume`,
 * `percentage`) and rating a quantity or transactions against them, exactly, with a per-tier breakdown.
 * @module
 */
export { rate } from './rate';
export { rateTransactions } from './rate-transactions';
export {
  PriceSchema,
  FlatPriceSchema,
  PerUnitPriceSchema,
  PackagePriceSchema,
  GraduatedPriceSchema,
  VolumePriceSchema,
  PercentagePriceSchema,
} from './price-schema';
export type {
  Price,
  ReadonlyPrice,
  DeeplyReadonly,
  FlatPrice,
  PerUnitPrice,
  PackagePrice,
  GraduatedPrice,
  VolumePrice,
  PercentagePrice,
} from './price-schema';
export { TierSchema, TiersSchema } from './tiers';
export type { Tier } from './tiers';
export { RateOptionsSchema } from './rated-price';
export type { RatedPrice, RatedTier, CommitmentAdjustment, RateOptions } from './rated-price';
