import { addFixed, compareFixed, type Fixed, formatFixed, mulFixed } from '../money/fixed';
import { type ModelCharge, parseOptional, ZERO } from './charge';
import type { PercentagePrice } from './price-schema';
import { parseSpecDecimal } from './spec-decimal';

/**
 * Rates a `percentage` price over transactions: per transaction, `rate`% of its amount plus the fixed fee,
 * kept between the minimum and maximum fee; the fees are summed exactly (one line for all transactions).
 * @internal
 */
export function ratePercentage(
  price: PercentagePrice,
  transactions: readonly Fixed[],
  minorUnits: number,
): ModelCharge {
  // rate is a percent: rate / 100 is exact, just two more decimals.
  const percent = parseSpecDecimal(price.rate);
  const rate: Fixed = { units: percent.units, scale: percent.scale + 2 };
  const fixedFee = parseOptional(price.fixedFee);
  const minimumFee = price.minimumFee === undefined ? undefined : parseSpecDecimal(price.minimumFee);
  const maximumFee = price.maximumFee === undefined ? undefined : parseSpecDecimal(price.maximumFee);
  let volume = ZERO;
  let fees = ZERO;
  for (const transaction of transactions) {
    let fee = addFixed(mulFixed(transaction, rate), fixedFee);
    if (minimumFee !== undefined && compareFixed(fee, minimumFee) < 0) fee = minimumFee;
    if (maximumFee !== undefined && compareFixed(fee, maximumFee) > 0) fee = maximumFee;
    volume = addFixed(volume, transaction);
    fees = addFixed(fees, fee);
  }
  const line = {
    index: 0,
    from: '0',
    upTo: null,
    quantity: formatFixed(volume, minorUnits),
    unitAmount: formatFixed(rate),
    flatAmount: formatFixed(mulFixed(fixedFee, { units: BigInt(transactions.length), scale: 0 }), minorUnits),
    amount: formatFixed(fees, minorUnits),
  };
  return { total: fees, tiers: [line] };
}
