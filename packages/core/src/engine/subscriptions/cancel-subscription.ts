import type { Subscription, SubscriptionPause } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { StorageSession } from '../../storage/storage-adapter';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { lockSubscriptionForUpdate } from '../ledger/ledger-lock';
import { endedAtPause } from './end-at-pause';
import { assertInCurrentPeriod, assertLive, notStarted } from './period-guard';
import { type CancelSubscriptionInput, CancelSubscriptionInputSchema } from './subscription-input';
import type { SubscriptionResult } from './subscription-result';
import { creditUnusedTime } from './unused-time-credit';
import { assertNoUsageFrom } from './usage-after-end';

/**
 * Cancels a subscription.
 * - `atPeriodEnd: true`: it runs to the end of the current period; the run at that boundary bills the last
 *   in-arrears usage, charges nothing in advance and ends it.
 * - `atPeriodEnd: false`: it ends at `at` (default now). Usage up to `at` is billed by the next run (on a final
 *   invoice); nothing more is charged in advance. With `prorate: true`, what the invoices of the current period
 *   charged for its unused rest (after discount, with tax, less credit notes; void invoices charged nothing;
 *   the proration lines of immediate plan changes count too) becomes customer credit (`creditIssued`), and
 *   pending proration lines are cut back to `at`. A subscription that has not started yet simply ends.
 * A subscription paused with `restart` billing ends at its pause (its unused time was credited then); one paused
 * on its schedule is cancelled as any other (at period end it stays paused until then).
 * Either way it is refused while usage is recorded at or after the instant it would end (that usage could never
 * be billed): end it after its last usage. With an `idempotencyKey`, a retried request returns the first result
 * (not `invalid_state`) and changes nothing.
 * @throws BillingError `not_found`, `invalid_state` (already canceled, a boundary before `at` not billed yet, or
 * usage recorded after the end) or `invalid_input`; nothing is stored.
 * @example
 * ```ts
 * await cancelSubscription(ctx, { subscriptionId: 'sub_1', atPeriodEnd: false, prorate: true });
 * // { subscription: { status: 'canceled', endedAt: … }, invoices: [], creditIssued: '12.34' }
 * ```
 */
export async function cancelSubscription(
  ctx: EngineContext,
  input: CancelSubscriptionInput,
): Promise<SubscriptionResult> {
  const { idempotencyKey, ...request } = validate(CancelSubscriptionInputSchema, input, 'input');
  const now = ctx.clock.now().toISOString();
  const key = idempotencyKey === undefined ? undefined : `subscriptions.cancel:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, async (session): Promise<SubscriptionResult> => {
    const current = await lockSubscriptionForUpdate(session, request.subscriptionId, ['input', 'subscriptionId']);
    assertLive(current, ['input', 'subscriptionId']);
    const { pause, ...unpaused } = current;
    const base = { ...unpaused, updatedAt: now, version: current.version + 1 };
    if (pause?.behavior === 'restart')
      return { subscription: await endAtPause(session, base, pause, request.at ?? now), invoices: [] };
    if (request.atPeriodEnd) {
      await assertNoUsageFrom(session, current, current.currentPeriodEnd, ['input', 'atPeriodEnd']);
      // A subscription paused on its schedule stays paused until it ends.
      const subscription: Subscription = {
        ...base,
        ...(pause === undefined ? {} : { pause }),
        cancelAtPeriodEnd: true,
        canceledAt: now,
      };
      await session.subscriptions.update(subscription);
      return { subscription, invoices: [] };
    }
    const at = request.at ?? now;
    await assertNoUsageFrom(session, current, at, ['input', 'at']);
    if (notStarted(current)) {
      const { nextBillingAt: _never, ...rest } = base;
      const subscription: Subscription = {
        ...rest,
        status: 'canceled',
        cancelAtPeriodEnd: false,
        canceledAt: at,
        endedAt: at,
      };
      await session.subscriptions.update(subscription);
      return { subscription, invoices: [] };
    }
    assertInCurrentPeriod(current, at, ['input', 'at']);
    let creditIssued: string | undefined;
    let pendingLines = current.pendingLines;
    if (request.prorate) {
      const customer = await session.customers.get(current.customerId);
      const texts = ctx.config.lineTexts(customer?.locale ?? 'en');
      ({ creditIssued, pendingLines } = await creditUnusedTime(session, ctx, current, at, texts));
    }
    // The next run bills the final boundary at `at`: the usage of [currentPeriodStart, at) and pending lines.
    const subscription: Subscription = {
      ...base,
      status: 'canceled',
      cancelAtPeriodEnd: false,
      canceledAt: at,
      endedAt: at,
      currentPeriodEnd: at,
      nextBillingAt: at,
      pendingLines,
    };
    await session.subscriptions.update(subscription);
    return { subscription, invoices: [], ...(creditIssued === undefined ? {} : { creditIssued }) };
  });
}

/**
 * Ends a subscription paused with `restart` billing where it stopped: at its pause (see {@link endedAtPause}).
 * @throws BillingError `invalid_input` at `["input", "at"]` for an instant before the pause.
 */
async function endAtPause(
  session: StorageSession,
  base: Subscription,
  pause: SubscriptionPause,
  at: string,
): Promise<Subscription> {
  if (at < pause.pausedAt) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid input.at: subscription ${base.id} is paused since ${pause.pausedAt}; it ends there, not before`,
      { path: ['input', 'at'] },
    );
  }
  const subscription = endedAtPause(base, pause, at);
  await session.subscriptions.update(subscription);
  return subscription;
}
