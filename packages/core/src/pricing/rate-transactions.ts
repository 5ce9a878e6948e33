import { z } from 'zod';
import { validate } from '../errors/validate';
import { currencyMinorUnits } from '../money/currency';
import { parseFixed } from '../money/fixed';
import { NonNegativeDecimalSchema } from '../money/schemas';
import { settleCharge } from './charge';
import { compiledSchema } from './compiled-schema';
import { ratePercentage } from './percentage';
import { type PercentagePrice, PercentagePriceSchema } from './price-schema';
import { type RatedPrice, type RateOptions, RateOptionsSchema } from './rated-price';

const priceSchema = compiledSchema(PercentagePriceSchema);
const amountsSchema = compiledSchema(z.array(NonNegativeDecimalSchema));
const optionsSchema = compiledSchema(RateOptionsSchema);

/**
 * Rates many transactions (decimal-string amounts) against a `percentage` price: each transaction's fee with
 * its fixed fee and per-transaction minimum/maximum, summed exactly, the period commitment applied, rounded once.
 * @throws BillingError `invalid_input` with the `path` of the bad field (`["amounts", 3]`, `["price", "rate"]`).
 * @example
 * ```ts
 * rateTransactions({ model: 'percentage', currency: 'USD', rate: '2.9', fixedFee: '0.30' }, ['10.00', '20.00']).amount;
 * // 10 × 2.9% + 0.30 = 0.59; 20 × 2.9% + 0.30 = 0.88 → "1.47"
 * ```
 */
export function rateTransactions(
  price: PercentagePrice,
  amounts: readonly string[],
  options?: RateOptions,
): RatedPrice {
  const spec = validate(priceSchema(), price, 'price');
  const transactions = validate(amountsSchema(), amounts, 'amounts').map(parseFixed);
  const mode = validate(optionsSchema(), options, 'options')?.roundingMode ?? 'half-up';
  const minorUnits = currencyMinorUnits(spec.currency);
  return settleCharge(spec, ratePercentage(spec, transactions, minorUnits), minorUnits, mode);
}
