import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { statusForDunning } from '../collections/dunning';
import type { EngineContext } from '../context';
import { billSubscriptions } from '../run-cycle/bill-subscriptions';
import { loadCatalogFor, subscriptionPriceIds } from '../run-cycle/catalog';
import { rethrowRunError } from '../run-cycle/run-error';
import { onLockedSubscription, storeUpdate } from './locked-subscription';
import { type ResumeSubscriptionInput, ResumeSubscriptionInputSchema } from './subscription-input';
import type { SubscriptionResult } from './subscription-result';

/**
 * Resumes a paused subscription at `at` (default now; not before the pause). With `restart` billing a new billing
 * period starts at `at`, anchored there and charged in advance. With `keep_schedule` billing, resuming inside the
 * period the pause began in charges nothing (that period was paid); resuming in a later period charges its rest
 * from `at`, prorated. The boundaries due by now are billed at once (the invoices are returned); a later `at` is
 * billed by the billing run then. Resuming again before that moves the resumption. A subscription resumed while an
 * invoice of it is still overdue is `past_due` or `unpaid` again, as its dunning stands (see `collections.run`).
 * @throws BillingError `not_found`, `invalid_input` (`at` before the pause, or, with `restart` billing, at the start
 * of a period already invoiced: the pause's billed boundary, or a pause at the very start of its period) or
 * `invalid_state` (not paused, canceled); nothing is stored.
 * @example
 * ```ts
 * const { subscription, invoices } = await resumeSubscription(ctx, { subscriptionId: 'sub_1' });
 * ```
 */
export async function resumeSubscription(
  ctx: EngineContext,
  input: ResumeSubscriptionInput,
): Promise<SubscriptionResult> {
  const request = validate(ResumeSubscriptionInputSchema, input, 'input');
  const now = ctx.clock.now().toISOString();
  const at = request.at ?? now;
  return onLockedSubscription(ctx, 'resume', request, async (session, current, outbox) => {
    const { pause } = current;
    if (current.status !== 'paused' || pause === undefined) {
      throw new BillingError(BillingErrorCode.invalidState, `Subscription ${current.id} is not paused`, {
        path: ['input', 'subscriptionId'],
      });
    }
    const refuse = (message: string): never => {
      throw new BillingError(BillingErrorCode.invalidInput, `Invalid input.at: ${message}`, { path: ['input', 'at'] });
    };
    if (at < pause.pausedAt) refuse(`the subscription is paused since ${pause.pausedAt}; it resumes after that`);
    const resumed = { ...pause, resumeAt: at };
    let subscription: Subscription;
    if (pause.behavior === 'restart') {
      // Once the pause's own boundary is billed, the resumption is the next boundary.
      const waiting = current.nextBillingAt !== pause.pausedAt;
      // `at` is never before the pause, nor the pause before the period: this is a resumption at the instant of the
      // pause's billed boundary, or of a pause at the start of a period already invoiced. A period from there would
      // be that boundary's period a second time.
      if (at <= current.currentPeriodStart) {
        refuse(`the period from ${current.currentPeriodStart} is invoiced; resume after it`);
      }
      subscription = await storeUpdate(session, ctx, current, {
        pause: resumed,
        ...(waiting ? { currentPeriodEnd: at, nextBillingAt: at } : {}),
      });
    } else if (current.currentPeriodStart <= pause.pausedAt && at <= now) {
      // Still in the period the pause began in, which was paid in full: nothing to charge.
      const { pause: _done, ...rest } = current;
      subscription = await storeUpdate(session, ctx, rest, { status: statusForDunning(current.dunning) });
    } else if (current.currentPeriodStart <= pause.pausedAt || at >= current.currentPeriodEnd) {
      // Resumed by the boundary at or after `at` (the run puts one at a resumption inside a period).
      subscription = await storeUpdate(session, ctx, current, { pause: resumed });
    } else {
      if (at <= current.currentPeriodStart)
        refuse(`the boundary at ${current.currentPeriodStart} was billed while paused`);
      // A resumption inside a period that began while paused: a boundary at `at` charges the period's rest.
      subscription = await storeUpdate(session, ctx, current, {
        pause: resumed,
        currentPeriodEnd: at,
        nextBillingAt: at,
      });
    }
    if (subscription.nextBillingAt === undefined || subscription.nextBillingAt > now) {
      return { subscription, invoices: [] };
    }
    const catalog = await loadCatalogFor(session, {
      priceIds: subscriptionPriceIds(subscription),
      couponIds: subscription.couponId === undefined ? [] : [subscription.couponId],
    });
    const billed = await billSubscriptions(session, ctx, [subscription], { catalog, now });
    if (billed.errors[0] !== undefined) rethrowRunError(billed.errors[0]);
    outbox.push(...billed.notifications);
    return { subscription: billed.advanced[0] as Subscription, invoices: billed.invoices };
  });
}
