import type { CatalogPrice } from '../../domain/catalog';
import type { RoundingMode } from '../../money/rounding-mode';
import { money } from '../../money/money';
import { prorate } from '../../periods/prorate';
import { rate } from '../../pricing/rate';
import type { Span } from './schedule';

/**
 * What a licensed price charges for `span` of its schedule `period` at `quantity`: `undefined` when the span is
 * the whole period (the invoice then rates the price itself), else the period's charge prorated by the second
 * and rounded once.
 */
export function partialCharge(
  price: CatalogPrice,
  quantity: string,
  span: Span,
  period: Span,
  roundingMode: RoundingMode,
): string | undefined {
  if (span.start === period.start && span.end === period.end) return undefined;
  const rated = rate(price.spec, quantity);
  return prorate(money(rated.unroundedAmount, rated.currency), period, span, { roundingMode }).toString();
}
