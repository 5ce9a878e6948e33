import type { Invoice } from '../../domain/invoice';
import type { PendingLine, Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { lockSubscriptionForUpdate } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { loadCatalogFor } from '../run-cycle/catalog';
import { priceIn } from '../run-cycle/catalog-lookup';
import { usableCouponDiscount } from '../run-cycle/coupon-discount';
import { schedulePeriod } from '../run-cycle/schedule';
import { invoiceNow } from './invoice-now';
import { assertInCurrentPeriod, assertLive, assertNotPaused, notStarted } from './period-guard';
import { chargedAfterByPrice, currentPeriodCharges } from './period-charges';
import { prorationLines } from './proration-lines';
import { type ResolvedItem, resolveItems } from './resolve-items';
import { type ChangeSubscriptionInput, ChangeSubscriptionInputSchema } from './subscription-input';
import type { SubscriptionResult } from './subscription-result';

/**
 * Replaces a subscription's items (quantity changes, plan upgrades and downgrades) from `at` (default now),
 * prorating the in-advance charges of the current period by the second (see {@link prorationLines}): a credit
 * for the unused time on the old items — what the customer was charged for it, after coupon and credit notes —
 * and a debit for the rest of the period on the new ones, discounted by the coupon when it discounted the period. `next_invoice` adds the
 * lines to `pendingLines` for the next boundary's invoice; `immediate` invoices them now (a net credit becomes
 * customer credit); `none` prorates nothing. Before the start and during a trial nothing was charged, so
 * nothing is prorated. New prices must share the subscription's currency and schedule. Metered items are not
 * prorated: the next invoice rates the whole period's usage on the items then in place.
 * New prices must be active (an archived price or product may stay on the subscription, not be added to it).
 * A paused subscription is resumed first.
 * @throws BillingError `not_found`, `invalid_input` (`at` outside the current period, an archived price),
 * `currency_mismatch`, or `invalid_state` (canceled, paused, or a boundary before `at` not billed yet); nothing
 * is stored.
 * @example
 * ```ts
 * await changeSubscription(ctx, { subscriptionId: 'sub_1', items: [{ priceId: 'price_pro', quantity: '3' }], prorate: 'immediate' });
 * ```
 */
export async function changeSubscription(
  ctx: EngineContext,
  input: ChangeSubscriptionInput,
): Promise<SubscriptionResult> {
  const parsed = validate(ChangeSubscriptionInputSchema, input, 'input');
  const { idempotencyKey, ...request } = parsed;
  const now = ctx.clock.now().toISOString();
  const at = request.at ?? now;
  const key = idempotencyKey === undefined ? undefined : `subscriptions.change:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, async (session, outbox): Promise<SubscriptionResult> => {
    const current = await lockSubscriptionForUpdate(session, request.subscriptionId, ['input', 'subscriptionId']);
    assertLive(current, ['input', 'subscriptionId']);
    assertNotPaused(current, ['input', 'subscriptionId']);
    const started = !notStarted(current);
    if (started) assertInCurrentPeriod(current, at, ['input', 'at']);
    const customer = await requireRecord(session.customers, current.customerId, 'customer', [
      'input',
      'subscriptionId',
    ]);
    const terms = { currency: current.currency, interval: current.interval, intervalCount: current.intervalCount };
    const next = await resolveItems(session, request.items, { ...terms, kept: current.items }, ['input']);
    const items = next.items.map((item) => ({
      id: current.items.find((old) => old.priceId === item.priceId)?.id ?? ctx.ids('si'),
      priceId: item.priceId,
      quantity: item.quantity,
    }));

    const trialing = current.trialEnd !== undefined && at < current.trialEnd;
    let lines: PendingLine[] = [];
    if (request.prorate !== 'none' && started && !trialing) {
      const mode = ctx.config.roundingMode;
      const charged = await currentPeriodCharges(session, current);
      const paid = chargedAfterByPrice(charged, at, current.currency, mode);
      const catalog = await loadCatalogFor(session, {
        priceIds: [...current.items.map((item) => item.priceId), ...items.map((item) => item.priceId), ...paid.keys()],
        couponIds: charged.discounted && current.couponId !== undefined ? [current.couponId] : [],
      });
      const before: ResolvedItem[] = current.items.map((item) => ({
        priceId: item.priceId,
        quantity: item.quantity,
        price: priceIn(
          catalog.prices.get(item.priceId) ?? requireMissing(item.priceId),
          current.currency,
          `subscription ${current.id}`,
          ['input', 'subscriptionId'],
        ),
      }));
      const coupon = current.couponId === undefined ? undefined : catalog.coupons.get(current.couponId);
      lines = prorationLines({
        before,
        after: next.items,
        period: schedulePeriod(current, customer.timeZone, at),
        at,
        products: catalog.products,
        prices: catalog.prices,
        paid,
        ...(coupon === undefined
          ? {}
          : { coupon: usableCouponDiscount(coupon, current.currency, ['input', 'subscriptionId']) }),
        roundingMode: mode,
        texts: ctx.config.lineTexts(customer.locale),
      });
    }

    const invoices: Invoice[] = [];
    const pendingLines =
      request.prorate === 'next_invoice' ? [...current.pendingLines, ...lines] : current.pendingLines;
    const subscription: Subscription = {
      ...current,
      items,
      pendingLines,
      updatedAt: now,
      version: current.version + 1,
    };
    if (request.prorate === 'immediate' && lines.length > 0) {
      const billed = await invoiceNow(session, ctx, subscription, customer, lines);
      invoices.push(billed.invoice);
      outbox.push(...billed.notifications);
    }
    await session.subscriptions.update(subscription);
    return { subscription, invoices };
  });
}

function requireMissing(priceId: string): never {
  throw new BillingError(
    BillingErrorCode.notFound,
    `Price ${priceId} of the subscription is missing from the catalog`,
    {
      path: ['input', 'subscriptionId'],
    },
  );
}
