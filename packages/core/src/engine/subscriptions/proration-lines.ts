import type { CatalogPrice, Product } from '../../domain/catalog';
import type { PendingLine } from '../../domain/subscription';
import type { LineTexts } from '../../invoice/line-texts';
import { compareFixed, parseFixed } from '../../money/fixed';
import type { Money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { rate } from '../../pricing/rate';
import type { DraftDiscount } from '../invoices/build-invoice';
import type { Span } from '../run-cycle/schedule';
import { addRatio, divRatio, mulRatio, type Ratio, ratioOf, roundRatio, shareFrom, ZERO_RATIO } from './exact-share';
import type { ResolvedItem } from './resolve-items';

/** What {@link prorationLines} compares: the items before and after a change, and when and in which period. */
export interface ProrationChange {
  readonly before: readonly ResolvedItem[];
  readonly after: readonly ResolvedItem[];
  /** The schedule period the change falls in. */
  readonly period: Span;
  /** When the change takes effect, inside `period`. */
  readonly at: string;
  readonly products: ReadonlyMap<string, Product>;
  /** Catalog prices by id, to name a price credited that is no longer on the subscription. */
  readonly prices?: ReadonlyMap<string, CatalogPrice>;
  /**
   * What the customer was charged (invoiced or pending, after discount, before tax) for the time from `at` on,
   * by price id: the credit for unused time. Without it, each old item's price is prorated (no history).
   */
  readonly paid?: ReadonlyMap<string, Money>;
  /** The coupon that discounted the current period: the new charges it applies to get the same discount. */
  readonly coupon?: DraftDiscount;
  readonly roundingMode: RoundingMode;
  /** The wording of the lines, in the customer's language. */
  readonly texts: LineTexts;
}

const ONE: Ratio = { num: 1n, den: 1n };

/** Whether a coupon discounts an item's lines: every item, or those of the products and prices it is limited to. */
const couponCovers = (coupon: DraftDiscount, item: ResolvedItem) =>
  coupon.appliesTo === undefined ||
  coupon.appliesTo.priceIds?.includes(item.priceId) === true ||
  coupon.appliesTo.productIds?.includes(item.price.productId) === true;

/** The full-period charge of an item, exact. */
const periodCharge = (item: ResolvedItem): Ratio =>
  ratioOf(parseFixed(rate(item.price.spec, item.quantity).unroundedAmount));

/**
 * The share of a new item's charge the customer pays under `coupon`: `1 − percentOff/100`, or for an amount
 * off, `(T − min(amountOff, T)) / T` with `T` the plan's in-advance charge for a whole period on the items the
 * coupon covers; 1 for an item it does not cover.
 */
function payableShare(coupon: DraftDiscount | undefined, after: readonly ResolvedItem[], item: ResolvedItem): Ratio {
  if (coupon === undefined || !couponCovers(coupon, item)) return ONE;
  if (coupon.percentOff !== undefined) {
    const off = ratioOf(parseFixed(coupon.percentOff));
    return { num: off.den * 100n - off.num, den: off.den * 100n };
  }
  if (coupon.amountOff === undefined) return ONE;
  const covered = after.filter((other) => couponCovers(coupon, other));
  const total = covered.reduce((sum, other) => addRatio(sum, periodCharge(other)), ZERO_RATIO);
  if (total.num <= 0n) return ONE;
  const off = ratioOf(parseFixed(coupon.amountOff));
  const taken = off.num * total.den < total.num * off.den ? off : total;
  return divRatio(addRatio(total, { num: -taken.num, den: taken.den }), total);
}

/**
 * The proration lines of a mid-period change of in-advance items (pure), over `[at, period end)`: a credit
 * (negative) for the unused time of each old charge — what the customer was charged for that time (`paid`,
 * after coupon, less credit notes), so a credit never exceeds what was charged — and a debit for the same
 * time on its replacement — the price prorated by the second, times the share the coupon leaves to pay.
 * Items are paired by price (a quantity change), then removed and added items in order (a plan change);
 * an item left unpaired is only credited or only debited. A price still charged for that time but no longer on
 * the subscription (after a change with `prorate: 'none'`) is credited too. Unchanged items and in-arrears
 * (metered) items give no lines; zero amounts are left out.
 */
export function prorationLines(change: ProrationChange): PendingLine[] {
  const { period, at, roundingMode } = change;
  const before = change.before.filter((item) => item.price.timing === 'in_advance');
  const after = change.after.filter((item) => item.price.timing === 'in_advance');
  const samePrice = (a: ResolvedItem) => (b: ResolvedItem) => a.priceId === b.priceId;
  const removed = before.filter((item) => !after.some(samePrice(item)));
  const added = after.filter((item) => !before.some(samePrice(item)));
  const pairs: [ResolvedItem | undefined, ResolvedItem | undefined][] = [];
  const unchanged = new Set<string>();
  for (const item of before) {
    const next = after.find(samePrice(item));
    if (next === undefined) continue;
    if (compareFixed(parseFixed(next.quantity), parseFixed(item.quantity)) !== 0) pairs.push([item, next]);
    else unchanged.add(item.priceId);
  }
  for (let i = 0; i < Math.max(removed.length, added.length); i++) pairs.push([removed[i], added[i]]);

  const span: Span = { start: at, end: period.end };
  const lines: PendingLine[] = [];
  const { texts } = change;
  const push = (
    priceId: string,
    productId: string | undefined,
    amount: Money,
    label: (item: string) => string,
    quantity = '1',
  ) => {
    if (amount.isZero()) return;
    const product = productId === undefined ? undefined : change.products.get(productId);
    lines.push({
      kind: 'proration',
      description: label(texts.quantity(product?.name ?? priceId, quantity)),
      amount: amount.toString(),
      ...(product === undefined ? {} : { billingCode: product.billingCode }),
      ...(product?.taxCode === undefined ? {} : { taxCode: product.taxCode }),
      priceId,
      periodStart: span.start,
      periodEnd: span.end,
    });
  };
  const exactShare = (item: ResolvedItem) => shareFrom(periodCharge(item), period, at);
  const credited = new Set<string>();
  const credit = (item: ResolvedItem) => {
    credited.add(item.priceId);
    const currency = item.price.spec.currency;
    const paid =
      change.paid === undefined
        ? roundRatio(exactShare(item), currency, roundingMode)
        : (change.paid.get(item.priceId) ?? roundRatio(ZERO_RATIO, currency, roundingMode));
    push(item.priceId, item.price.productId, paid.negate(), texts.unusedTime, item.quantity);
  };
  const debit = (item: ResolvedItem) => {
    const share = payableShare(change.coupon, after, item);
    const amount = roundRatio(mulRatio(exactShare(item), share), item.price.spec.currency, roundingMode);
    push(item.priceId, item.price.productId, amount, texts.remainingTime, item.quantity);
  };
  for (const [from, to] of pairs) {
    if (from !== undefined) credit(from);
    if (to !== undefined) debit(to);
  }
  for (const [priceId, paid] of change.paid ?? []) {
    if (credited.has(priceId) || unchanged.has(priceId)) continue;
    push(priceId, change.prices?.get(priceId)?.productId, paid.negate(), texts.unusedTime);
  }
  return lines;
}
