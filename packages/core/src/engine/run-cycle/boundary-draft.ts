import type { CatalogPrice } from '../../domain/catalog';
import type { Customer } from '../../domain/customer';
import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { DraftDiscount, DraftInvoiceInput, DraftLine } from '../invoices/build-invoice';
import { ratesPerTransaction } from '../usage/transactions';
import type { Catalog } from './catalog';
import { customerTaxRates, requireCoupon, requireMeter, requirePrice, requireProduct } from './catalog-lookup';
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
}

/** The draft invoice input of one boundary (absent when nothing is charged) and the subscription after it. */
export interface BoundaryDraft {
  readonly input?: DraftInvoiceInput;
  /** `plan.after` with `couponPeriodsUsed` counted when the coupon discounted this invoice. */
  readonly after: Subscription;
}

const times = (quantity: string) => (quantity === '1' ? '' : ` × ${quantity}`);

/**
 * The lines of the invoice at one boundary (pure): in-arrears usage of the window ending at the boundary,
 * rated per meter (a `percentage` price per transaction), and licensed in-arrears items; the in-advance items of the span starting at it (prorated
 * when the span is shorter than its period); the subscription's pending lines (proration, one-off; never
 * discounted); and the coupon as a discount while it lasts. Nothing to charge gives no input.
 * @throws BillingError `not_found` for a price, product, meter, coupon or tax rate missing from the catalog;
 * `currency_mismatch` for a price or amount-off coupon in another currency than the subscription's.
 */
export function boundaryDraft(
  subscription: Subscription,
  plan: BoundaryPlan,
  context: BoundaryDraftContext,
): BoundaryDraft {
  const { catalog, customer } = context;
  const owner = `subscription ${subscription.id}`;
  const lines: DraftLine[] = [];
  const line = (
    kind: 'subscription' | 'usage',
    price: CatalogPrice,
    description: string,
    span: Span,
    charge: Charge,
  ) => {
    const product = requireProduct(catalog, price, owner);
    lines.push({
      kind,
      description: `${product.name}${description}`,
      billingCode: product.billingCode,
      priceId: price.id,
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
    line('subscription', price, `${times(quantity)}${partial === undefined ? '' : ' (prorated)'}`, span, charge);
  };

  for (const item of subscription.items) {
    const price = requirePrice(catalog, item.priceId, owner);
    if (price.spec.currency !== subscription.currency) {
      throw new BillingError(
        BillingErrorCode.currencyMismatch,
        `Price ${price.id} is in ${price.spec.currency}; ${owner} bills in ${subscription.currency}`,
      );
    }
    if (price.timing === 'in_arrears' && plan.arrears !== undefined) {
      const { span } = plan.arrears;
      if (price.meterId !== undefined) {
        const meter = requireMeter(catalog, price.meterId, owner);
        const charge: Charge = ratesPerTransaction(price)
          ? perTransactionCharge(price, context.transactions(item.id), context.roundingMode)
          : { price: price.spec, quantity: context.usage(item.id) };
        line('usage', price, ` (${meter.name})`, span, charge);
      } else {
        // The arrears window lies in the schedule period of the period that ends (computed only when needed).
        const period = schedulePeriod(subscription, customer.timeZone, subscription.currentPeriodStart);
        licensed(price, item.quantity, span, period);
      }
    }
    if (price.timing === 'in_advance' && plan.advance !== undefined) {
      licensed(price, item.quantity, plan.advance.span, plan.advance.period);
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

  lines.push(...subscription.pendingLines.map(pendingDraftLine));

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
