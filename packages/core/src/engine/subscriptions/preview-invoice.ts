import type { Invoice } from '../../domain/invoice';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { formatFixed, parseFixed } from '../../money/fixed';
import type { EngineContext } from '../context';
import { buildDraftInvoice } from '../invoices/build-invoice';
import { creditBalance } from '../ledger/credit-balance';
import { requireRecord } from '../require-record';
import { boundaryDraft } from '../run-cycle/boundary-draft';
import { loadCatalogFor, subscriptionPriceIds } from '../run-cycle/catalog';
import { planBoundary } from '../run-cycle/plan-boundary';
import { meteredItems } from '../usage/metered-prices';
import { ratesPerTransaction, transactionsOf } from '../usage/transactions';
import { type PreviewInvoiceInput, PreviewInvoiceInputSchema } from './subscription-input';

/**
 * The draft invoice the billing run will make at the subscription's next boundary (`nextBillingAt`), built
 * exactly as the run builds it but not stored: usage counted up to `at` (default now), pending lines, coupon,
 * tax and the customer's current credit. `undefined` when that boundary charges nothing (e.g. inside a trial).
 * @throws BillingError `not_found`; `invalid_state` when the subscription has ended and is fully billed, or is paused
 * with `restart` billing and no resumption set (nothing is billed until then).
 */
export async function previewInvoice(ctx: EngineContext, input: PreviewInvoiceInput): Promise<Invoice | undefined> {
  const request = validate(PreviewInvoiceInputSchema, input, 'input');
  const storage = ctx.storage;
  const subscription = await requireRecord(storage.subscriptions, request.subscriptionId, 'subscription', [
    'input',
    'subscriptionId',
  ]);
  if (subscription.nextBillingAt === undefined) {
    const why =
      subscription.status === 'paused'
        ? 'is paused: nothing is billed until it resumes'
        : 'has ended and is fully billed';
    throw new BillingError(BillingErrorCode.invalidState, `Subscription ${subscription.id} ${why}`, {
      path: ['input', 'subscriptionId'],
    });
  }
  const at = request.at ?? ctx.clock.now().toISOString();
  const customer = await requireRecord(storage.customers, subscription.customerId, 'customer', [
    'input',
    'subscriptionId',
  ]);
  const catalog = await loadCatalogFor(storage, {
    priceIds: subscriptionPriceIds(subscription),
    couponIds: subscription.couponId === undefined ? [] : [subscription.couponId],
  });
  const plan = planBoundary(subscription, customer.timeZone, ctx.clock.now().toISOString());
  const metered = plan.arrears === undefined ? [] : meteredItems(subscription, catalog);
  const window = plan.arrears?.span;
  const to = window === undefined || at > window.end ? window?.end : at;
  const queries = metered.map(({ meter }) => ({
    subscriptionId: subscription.id,
    eventName: meter.eventName,
    aggregation: meter.aggregation,
    ...(meter.property === undefined ? {} : { property: meter.property }),
    from: window?.start ?? subscription.currentPeriodStart,
    to: to ?? subscription.currentPeriodStart,
  }));
  const empty = window === undefined || to === undefined || to <= window.start;
  const quantities = empty ? metered.map(() => '0') : await storage.usage.aggregate(queries);
  const perTransaction = metered.map(({ price }) => !empty && ratesPerTransaction(price));
  const transactions = await transactionsOf(storage, queries, perTransaction);
  const amounts = new Map(metered.map((item, i) => [item.itemId, transactions[i] ?? []]));
  const usage = new Map(metered.map((item, i) => [item.itemId, formatFixed(parseFixed(quantities[i] ?? '0'))]));
  const step = boundaryDraft(subscription, plan, {
    customer,
    catalog,
    usage: (itemId) => usage.get(itemId) ?? '0',
    transactions: (itemId) => amounts.get(itemId) ?? [],
    creditBalance: await creditBalance(storage, customer.id, subscription.currency),
    roundingMode: ctx.config.roundingMode,
    texts: ctx.config.lineTexts(customer.locale),
  });
  return step.input === undefined ? undefined : buildDraftInvoice(ctx, step.input);
}
