import type { CatalogPrice } from '../../domain/catalog';
import type { Customer } from '../../domain/customer';
import type { PendingLine, Subscription, SubscriptionItem } from '../../domain/subscription';
import type { LineTexts } from '../../invoice/line-texts';
import type { DraftDiscount, DraftInvoiceInput, DraftLine } from '../invoices/build-invoice';
import { ratesPerTransaction } from '../usage/transactions';
import type { Catalog } from './catalog';
import {
  customerTaxRates,
  lineTaxRates,
  priceIn,
  requireCoupon,
  requireMeter,
  requirePrice,
  requireProduct,
} from './catalog-lookup';
import { couponActive, couponDiscount } from './coupon-discount';
import { type Charge, partialCharge, partialUnits, pendingDraftLine, perTransactionCharge } from './period-charge';
import type { BoundaryPlan } from './plan-boundary';
import { type Span, schedulePeriod } from './schedule';

/** What {@link boundaryDraft} needs besides the plan: all resolved, so it reads no storage. */
export interface BoundaryDraftContext {
  readonly customer: Customer;
  readonly catalog: Catalog;
  /** The aggregated usage of a metered item over `plan.arrears.span` (a decimal string). */
  readonly usage: (itemId: string) => string;
  /** The transaction amounts of a metered `percentage` item over `plan.arrears.span`, each rated on its own. */
  readonly transactions: (itemId: string) => readonly string[];
  /** The customer's spendable credit in the subscription's currency. */
  readonly creditBalance: string;
  readonly roundingMode: 'half-up' | 'half-even' | 'down' | 'up';
  /** The wording of the lines, in the customer's language. */
  readonly texts: LineTexts;
}

/** The draft invoice input of one boundary (absent when nothing is charged) and the subscription after it. */
export interface BoundaryDraft {
  readonly input?: DraftInvoiceInput;
  /** `plan.after` with `couponPeriodsUsed` counted when the coupon discounted this invoice. */
  readonly after: Subscription;
}

/**
 * The lines of the invoice at one boundary (pure): in-arrears usage of the window ending at the boundary,
 * rated per meter (a `percentage` price per transaction), and licensed in-arrears items, on the items the
 * subscription had in that window; the in-advance items of the span starting at it (prorated when the span is
 * shorter than its period), on the items it has from then on (`plan.after`, a scheduled change applied); the
 * subscription's pending lines (proration, never discounted; one-time items); and the coupon as a discount while
 * it lasts. Each line is taxed at its product's tax code's rates for the customer, or the customer's own rates,
 * and worded in the customer's language (`context.texts`). Nothing to charge gives no input.
 * @throws BillingError `not_found` for a price, product, meter, coupon or tax rate missing from the catalog (or no
 * rate of a product's tax code for the customer's location); `currency_mismatch` for a price without an amount in
 * the subscription's currency, or an amount-off coupon in another currency.
 */
export function boundaryDraft(
  subscription: Subscription,
  plan: BoundaryPlan,
  context: BoundaryDraftContext,
): BoundaryDraft {
  const { catalog, customer, texts } = context;
  const owner = `subscription ${subscription.id}`;
  const lines: DraftLine[] = [];
  const line = (
    kind: 'subscription' | 'usage',
    price: CatalogPrice,
    describe: (product: string) => string,
    span: Span,
    charge: Charge,
  ) => {
    const product = requireProduct(catalog, price, owner);
    lines.push({
      kind,
      description: describe(product.name),
      billingCode: product.billingCode,
      priceId: price.id,
      productId: product.id,
      taxRates: lineTaxRates(catalog, customer, product.taxCode),
      ...charge,
      periodStart: span.start,
      periodEnd: span.end,
    });
  };
  /** A licensed item for `span` of `period`: the price rated, or its prorated charge when the span is shorter. */
  const licensed = (price: CatalogPrice, quantity: string, span: Span, period: Span) => {
    const partial = partialCharge(price, quantity, span, period, context.roundingMode);
    const charge: Charge =
      partial === undefined
        ? { price: price.spec, quantity }
        : { amount: partial, ...partialUnits(price, quantity, partial) };
    const describe = (product: string) => {
      const item = texts.quantity(product, quantity);
      return partial === undefined ? item : texts.prorated(item);
    };
    line('subscription', price, describe, span, charge);
  };
  const priced = (item: SubscriptionItem) =>
    priceIn(requirePrice(catalog, item.priceId, owner), subscription.currency, owner);

  // Lines follow the items' order; a change scheduled for the boundary puts the new items' lines after the usage.
  const changed = plan.after.items !== subscription.items;
  for (const item of subscription.items) {
    const price = priced(item);
    if (price.timing === 'in_advance' && plan.advance !== undefined && !changed) {
      licensed(price, item.quantity, plan.advance.span, plan.advance.period);
    }
    if (price.timing === 'in_arrears' && plan.arrears !== undefined) {
      const { span } = plan.arrears;
      if (price.meterId !== undefined) {
        const meter = requireMeter(catalog, price.meterId, owner);
        const charge: Charge = ratesPerTransaction(price)
          ? perTransactionCharge(price, context.transactions(item.id), context.roundingMode)
          : { price: price.spec, quantity: context.usage(item.id) };
        line('usage', price, (product) => texts.usage(product, meter.name), span, charge);
      } else {
        // The arrears window lies in the schedule period of the period that ends (computed only when needed).
        const period = schedulePeriod(subscription, customer.timeZone, subscription.currentPeriodStart);
        licensed(price, item.quantity, span, period);
      }
    }
  }
  if (plan.advance !== undefined && changed) {
    for (const item of plan.after.items) {
      const price = priced(item);
      if (price.timing === 'in_advance') licensed(price, item.quantity, plan.advance.span, plan.advance.period);
    }
  }

  const discounts: DraftDiscount[] = [];
  let couponPeriodsUsed = subscription.couponPeriodsUsed;
  if (subscription.couponId !== undefined && lines.length > 0) {
    const coupon = requireCoupon(catalog, subscription.couponId, owner);
    if (couponActive(coupon, couponPeriodsUsed)) {
      discounts.push(couponDiscount(coupon, subscription.currency));
      couponPeriodsUsed += 1;
    }
  }

  lines.push(...subscription.pendingLines.map((pending) => pendingLine(pending, context)));

  const after: Subscription = { ...plan.after, couponPeriodsUsed };
  if (lines.length === 0) return { after };
  const { invoicePeriod } = plan;
  return {
    after,
    input: {
      customer,
      taxRates: customerTaxRates(catalog, customer),
      billingReason: plan.billingReason,
      subscriptionId: subscription.id,
      currency: subscription.currency,
      periodStart: invoicePeriod.start,
      ...(invoicePeriod.end === undefined ? {} : { periodEnd: invoicePeriod.end }),
      lines,
      discounts,
      creditBalance: context.creditBalance,
    },
  };
}

/**
 * A pending line as a draft line of the boundary's invoice: taxed at its tax code's rates for the customer (or the
 * customer's own), and matched to its price's product for a coupon limited to products.
 */
function pendingLine(pending: PendingLine, context: BoundaryDraftContext): DraftLine {
  const productId = pending.priceId === undefined ? undefined : context.catalog.prices.get(pending.priceId)?.productId;
  return {
    ...pendingDraftLine(pending),
    ...(productId === undefined ? {} : { productId }),
    ...(pending.taxCode === undefined
      ? {}
      : { taxRates: lineTaxRates(context.catalog, context.customer, pending.taxCode) }),
  };
}
