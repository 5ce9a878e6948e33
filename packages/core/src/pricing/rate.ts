import { validate } from '../errors/validate';
import { currencyMinorUnits } from '../money/currency';
import { type Fixed, parseFixed } from '../money/fixed';
import type { RoundingMode } from '../money/rounding-mode';
import { NonNegativeDecimalSchema } from '../money/schemas';
import { type ModelCharge, settleCharge } from './charge';
import { compiledSchema } from './compiled-schema';
import { validatePrice } from './frozen-price';
import { rateFlat } from './flat';
import { rateGraduated } from './graduated';
import { ratePackage } from './package';
import { ratePercentage } from './percentage';
import { ratePerUnit } from './per-unit';
import { type Price, PriceSchema, type ReadonlyPrice } from './price-schema';
import { type RatedPrice, type RateOptions, RateOptionsSchema } from './rated-price';
import { rateVolume } from './volume';

const priceSchema = compiledSchema(PriceSchema);
const quantitySchema = compiledSchema(NonNegativeDecimalSchema);
const optionsSchema = compiledSchema(RateOptionsSchema);

/**
 * Rates a quantity (a decimal string; for `percentage`, one transaction's amount) against a price: the charge
 * rounded once to the currency's minor units, its exact per-tier breakdown and any commitment adjustment.
 * A deeply frozen price (the price, its tiers array and each tier frozen) is validated once and remembered;
 * any other price is validated on every call.
 * @throws BillingError `invalid_input` with the `path` of the bad field (`["price", "tiers", 2, "upTo"]`, `["quantity"]`).
 * @example
 * ```ts
 * const price: Price = {
 *   model: 'graduated', currency: 'EUR',
 *   tiers: [{ upTo: '1000', unitAmount: '0' }, { upTo: null, unitAmount: '0.002', flatAmount: '5' }],
 * };
 * rate(price, '12345');
 * // { amount: '27.69', currency: 'EUR', unroundedAmount: '27.69', adjustment: null, tiers: [
 * //   { index: 0, from: '0', upTo: '1000', quantity: '1000', unitAmount: '0', flatAmount: '0', amount: '0.00' },
 * //   { index: 1, from: '1000', upTo: null, quantity: '11345', unitAmount: '0.002', flatAmount: '5', amount: '27.69' } ] }
 * ```
 */
export function rate(price: ReadonlyPrice, quantity: string, options?: RateOptions): RatedPrice {
  const spec = validatePrice(priceSchema(), price);
  const units = parseFixed(validate(quantitySchema(), quantity, 'quantity'));
  const mode = validate(optionsSchema(), options, 'options')?.roundingMode ?? 'half-up';
  return rateValid(spec, units, mode);
}

/**
 * {@link rate} of a price and quantity validated already (by `PriceSchema` and `NonNegativeDecimalSchema`, e.g.
 * as parts of a validated invoice input): the same result without parsing them again.
 * @internal
 */
export function rateValid(spec: Price, units: Fixed, mode: RoundingMode): RatedPrice {
  const minorUnits = currencyMinorUnits(spec.currency);
  let charge: ModelCharge;
  switch (spec.model) {
    case 'flat':
      charge = rateFlat(spec, units, minorUnits);
      break;
    case 'per_unit':
      charge = ratePerUnit(spec, units, minorUnits);
      break;
    case 'package':
      charge = ratePackage(spec, units, minorUnits);
      break;
    case 'graduated':
      charge = rateGraduated(spec, units, minorUnits);
      break;
    case 'volume':
      charge = rateVolume(spec, units, minorUnits);
      break;
    case 'percentage':
      charge = ratePercentage(spec, [units], minorUnits);
      break;
    default: {
      const unhandled: never = spec;
      throw new Error(`unhandled price model ${String((unhandled as { model: unknown }).model)}`);
    }
  }
  return settleCharge(spec, charge, minorUnits, mode);
}
