import type { Product } from '../../domain/catalog';
import type { PendingLine } from '../../domain/subscription';
import type { Money } from '../../money/money';
import { money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { planChange } from '../../periods/plan-change';
import { prorate } from '../../periods/prorate';
import { rate } from '../../pricing/rate';
import type { Span } from '../run-cycle/schedule';
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
  readonly roundingMode: RoundingMode;
}

const times = (quantity: string) => (quantity === '1' ? '' : ` × ${quantity}`);

/**
 * The proration lines of a mid-period change of in-advance items (pure), each prorated by the second over
 * `[at, period end)`: a credit (negative) for the unused time of each old charge and a debit for the same
 * time on its replacement, computed with `planChange`. Items are paired by price (a quantity change), then
 * removed and added items in order (a plan change); an item left unpaired is only credited or only debited.
 * Unchanged items and in-arrears (metered) items give no lines; zero amounts are left out.
 */
export function prorationLines(change: ProrationChange): PendingLine[] {
  const { period, at, roundingMode } = change;
  const before = change.before.filter((item) => item.price.timing === 'in_advance');
  const after = change.after.filter((item) => item.price.timing === 'in_advance');
  const samePrice = (a: ResolvedItem) => (b: ResolvedItem) => a.priceId === b.priceId;
  const removed = before.filter((item) => !after.some(samePrice(item)));
  const added = after.filter((item) => !before.some(samePrice(item)));
  const pairs: [ResolvedItem | undefined, ResolvedItem | undefined][] = [];
  for (const item of before) {
    const next = after.find(samePrice(item));
    if (next !== undefined && next.quantity !== item.quantity) pairs.push([item, next]);
  }
  for (let i = 0; i < Math.max(removed.length, added.length); i++) pairs.push([removed[i], added[i]]);

  const span: Span = { start: at, end: period.end };
  const lines: PendingLine[] = [];
  const push = (item: ResolvedItem, amount: Money, label: string) => {
    if (amount.isZero()) return;
    const product = change.products.get(item.price.productId);
    lines.push({
      kind: 'proration',
      description: `${label} ${product?.name ?? item.priceId}${times(item.quantity)}`,
      amount: amount.toString(),
      ...(product === undefined ? {} : { billingCode: product.billingCode }),
      priceId: item.priceId,
      periodStart: span.start,
      periodEnd: span.end,
    });
  };
  const alone = (item: ResolvedItem) => {
    const rated = rate(item.price.spec, item.quantity);
    return prorate(money(rated.unroundedAmount, rated.currency), period, span, { roundingMode });
  };
  for (const [from, to] of pairs) {
    if (from !== undefined && to !== undefined) {
      const { credit, debit } = planChange(
        {
          from: { price: from.price.spec, quantity: from.quantity },
          to: { price: to.price.spec, quantity: to.quantity },
          period,
          at,
        },
        { roundingMode },
      );
      push(from, credit, 'Unused time on');
      push(to, debit, 'Remaining time on');
    } else if (from !== undefined) {
      push(from, alone(from).negate(), 'Unused time on');
    } else if (to !== undefined) {
      push(to, alone(to), 'Remaining time on');
    }
  }
  return lines;
}
