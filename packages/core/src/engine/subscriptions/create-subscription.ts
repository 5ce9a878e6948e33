import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { billingPeriods } from '../../periods/billing-periods';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { assertPolicyName } from '../collections/collections-policy';
import { lockCustomerLedgers } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { billSubscriptions } from '../run-cycle/bill-subscriptions';
import { loadCatalogFor, subscriptionPriceIds } from '../run-cycle/catalog';
import { usableCouponDiscount } from '../run-cycle/coupon-discount';
import { rethrowRunError } from '../run-cycle/run-error';
import { schedulePeriod } from '../run-cycle/schedule';
import { oneTimeItem } from './one-time-item';
import { resolveItems } from './resolve-items';
import { type CreateSubscriptionInput, CreateSubscriptionInputSchema } from './subscription-input';
import type { SubscriptionResult } from './subscription-result';

/**
 * Creates a subscription to recurring prices, all in the customer's currency and on one schedule, and bills
 * its first boundary at once when it starts now (or in the past): the invoice (`subscription_create`) carries the
 * in-advance charges of the first period, prorated when an explicit `anchor` makes that period short; during a
 * trial nothing is invoiced until the trial ends. One-time items (`oneTimeItems`: a setup fee, hardware) go on
 * that first invoice (at the start, also during a trial). A future `startAt` is billed by the billing run at that
 * instant. Prices must be on sale (neither they nor their products archived) and have an amount in the customer's
 * currency (the price's own, or a currency option).
 * Periods follow `anchor` (default: the trial end, else the start) in the customer's time zone, month ends clamped.
 * With an `idempotencyKey`, a retried request returns the first result and creates nothing.
 * @throws BillingError `invalid_input`, `not_found` (customer, price, coupon) or `currency_mismatch`
 * (`["input", "items", 1, "priceId"]`), and nothing is stored.
 * @example
 * ```ts
 * const { subscription, invoices } = await createSubscription(ctx, {
 *   customerId: 'cus_1', items: [{ priceId: 'price_pro' }, { priceId: 'price_data' }], couponId: 'coupon_launch',
 * });
 * ```
 */
export async function createSubscription(
  ctx: EngineContext,
  input: CreateSubscriptionInput,
): Promise<SubscriptionResult> {
  const parsed = validate(CreateSubscriptionInputSchema, input, 'input');
  const { idempotencyKey, ...request } = parsed;
  assertPolicyName(ctx.config.collections, request.collectionsPolicy, ['input', 'collectionsPolicy']);
  const now = ctx.clock.now().toISOString();
  const key = idempotencyKey === undefined ? undefined : `subscriptions.create:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, async (session, outbox): Promise<SubscriptionResult> => {
    await lockCustomerLedgers(session, [request.customerId]);
    const customer = await requireRecord(session.customers, request.customerId, 'customer', ['input', 'customerId']);
    const { items, interval, intervalCount } = await resolveItems(
      session,
      request.items,
      { currency: customer.currency },
      ['input'],
    );
    if (request.couponId !== undefined) {
      const coupon = await requireRecord(session.coupons, request.couponId, 'coupon', ['input', 'couponId']);
      usableCouponDiscount(coupon, customer.currency, ['input', 'couponId']);
    }
    const startAt = request.startAt ?? now;
    const trialEnd =
      request.trialEnd ??
      (request.trialDays === undefined ? undefined : daysLater(startAt, request.trialDays, customer.timeZone));
    if (trialEnd !== undefined && trialEnd <= startAt) {
      throw new BillingError(BillingErrorCode.invalidInput, 'Invalid input.trialEnd: must be after the start', {
        path: ['input', 'trialEnd'],
      });
    }
    const oneTime = [];
    for (const [index, item] of (request.oneTimeItems ?? []).entries()) {
      oneTime.push(
        await oneTimeItem(session, ctx, item, customer, customer.currency, ['input', 'oneTimeItems', index]),
      );
    }
    const anchor = request.anchor ?? trialEnd ?? startAt;
    const firstPeriodEnd = schedulePeriod({ anchor, interval, intervalCount }, customer.timeZone, startAt).end;
    const subscription: Subscription = {
      id: ctx.ids('sub'),
      customerId: customer.id,
      currency: customer.currency,
      status: trialEnd === undefined ? 'active' : 'trialing',
      items: items.map((item) => ({ id: ctx.ids('si'), priceId: item.priceId, quantity: item.quantity })),
      interval,
      intervalCount,
      anchor,
      // Before the first boundary is billed, nextBillingAt equals currentPeriodStart (see planBoundary).
      currentPeriodStart: startAt,
      currentPeriodEnd: trialEnd !== undefined && trialEnd < firstPeriodEnd ? trialEnd : firstPeriodEnd,
      nextBillingAt: startAt,
      ...(trialEnd === undefined ? {} : { trialEnd }),
      cancelAtPeriodEnd: false,
      ...(request.couponId === undefined ? {} : { couponId: request.couponId }),
      ...(request.collectionsPolicy === undefined ? {} : { collectionsPolicy: request.collectionsPolicy }),
      ...(request.collectionMethod === undefined ? {} : { collectionMethod: request.collectionMethod }),
      couponPeriodsUsed: 0,
      // One-time items wait for the first boundary: its invoice carries them.
      pendingLines: oneTime,
      metadata: request.metadata,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await session.subscriptions.insert(subscription);
    if (startAt > now) return { subscription, invoices: [] };
    const catalog = await loadCatalogFor(session, {
      priceIds: subscriptionPriceIds(subscription),
      couponIds: request.couponId === undefined ? [] : [request.couponId],
    });
    const billed = await billSubscriptions(session, ctx, [subscription], { catalog, now });
    if (billed.errors[0] !== undefined) rethrowRunError(billed.errors[0]);
    outbox.push(...billed.notifications);
    return { subscription: billed.advanced[0] as Subscription, invoices: billed.invoices };
  });
}

/** The instant `days` local days after `start` in `timeZone` (same wall-clock time across DST changes). */
function daysLater(start: string, days: number, timeZone: string): string {
  const [period] = billingPeriods({
    anchor: start,
    interval: 'day',
    intervalCount: days,
    timeZone,
    from: start,
    count: 1,
  });
  return (period as { end: Date }).end.toISOString();
}
