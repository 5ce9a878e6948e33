import type { CatalogPrice } from '../../domain/catalog';
import type { PendingLine } from '../../domain/subscription';
import { addFixed, compareFixed, type Fixed, formatFixed, parseFixed } from '../../money/fixed';
import { money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { prorate } from '../../periods/prorate';
import type { Price } from '../../pricing/price-schema';
import { rate } from '../../pricing/rate';
import { rateTransactions } from '../../pricing/rate-transactions';
import type { DraftLine } from '../invoices/build-invoice';
import type { Span } from './schedule';

const ONE: Fixed = { units: 1n, scale: 0 };

/** What a boundary line charges: a price rated at a quantity, or a ready amount (with what to print beside it). */
export type Charge =
  | { readonly price: Price; readonly quantity: string }
  | { readonly amount: string; readonly quantity?: string; readonly unitAmount?: string };

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

/**
 * The quantity and unit price printed on a prorated licensed line of `amount`: a `flat` price is one unit of the
 * prorated amount; `per_unit` (and `package` of size 1) keeps the item's quantity and the price's unit amount
 * (the line says "(prorated)"); other models print nothing.
 */
export function partialUnits(
  price: CatalogPrice,
  quantity: string,
  amount: string,
): { quantity?: string; unitAmount?: string } {
  const { spec } = price;
  if (spec.model === 'flat') return { quantity: '1', unitAmount: amount };
  if (spec.model === 'per_unit') return { quantity, unitAmount: spec.unitAmount };
  if (spec.model === 'package' && compareFixed(parseFixed(spec.packageSize), ONE) === 0) {
    return { quantity, unitAmount: spec.packageAmount };
  }
  return {};
}

/**
 * The charge of a metered `percentage` price over a window: each transaction amount rated on its own
 * (`rateTransactions`: fee, fixed fee, per-transaction minimum and maximum, then the period commitment), rounded
 * once; the line's quantity is the transaction volume.
 */
export function perTransactionCharge(
  price: CatalogPrice,
  amounts: readonly string[],
  roundingMode: RoundingMode,
): Charge {
  if (price.spec.model !== 'percentage') throw new Error(`price ${price.id} is not a percentage price`);
  const rated = rateTransactions(price.spec, amounts, { roundingMode });
  const volume = amounts.reduce<Fixed>((sum, amount) => addFixed(sum, parseFixed(amount)), { units: 0n, scale: 0 });
  return { amount: rated.amount, quantity: formatFixed(volume) };
}

/**
 * A pending line (proration, one-off) as a draft line: a proration line is never discounted again (it already
 * carries the coupon), a one-time item only when it says so; printed with its quantity and unit price, else as
 * one unit of its amount.
 */
export function pendingDraftLine(pending: PendingLine): DraftLine {
  return {
    kind: pending.kind,
    description: pending.description,
    ...(pending.billingCode === undefined ? {} : { billingCode: pending.billingCode }),
    ...(pending.priceId === undefined ? {} : { priceId: pending.priceId }),
    amount: pending.amount,
    quantity: pending.quantity ?? '1',
    unitAmount: pending.unitAmount ?? pending.amount,
    ...(pending.periodStart === undefined ? {} : { periodStart: pending.periodStart }),
    ...(pending.periodEnd === undefined ? {} : { periodEnd: pending.periodEnd }),
    discountable: pending.kind === 'one_off' && pending.discountable === true,
  };
}
