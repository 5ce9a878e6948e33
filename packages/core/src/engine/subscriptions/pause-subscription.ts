import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { onLockedSubscription, storeUpdate } from './locked-subscription';
import { assertInCurrentPeriod, assertNotPaused, notStarted } from './period-guard';
import { type PauseSubscriptionInput, PauseSubscriptionInputSchema } from './subscription-input';
import type { SubscriptionResult } from './subscription-result';
import { creditUnusedTime } from './unused-time-credit';
import { assertNoUsageFrom } from './usage-after-end';

/**
 * Pauses a subscription from `at` (default now, inside its current period, every boundary before it billed) until
 * it is resumed (`subscriptions.resume`, or `resumeAt` given here). How it is billed while paused is `behavior`:
 * - `restart`: its period ends at `at`. What the current period was paid for beyond `at` (after discount, with tax,
 *   less credit notes) becomes customer credit (`creditIssued`) and pending proration lines are cut back to `at`;
 *   the next run bills the usage up to `at`. Nothing is billed and no usage is taken while paused (refused while
 *   usage is recorded at or after `at`). Resuming starts a new billing period there, invoiced at once.
 * - `keep_schedule`: its periods run on; periods that start while it is paused are charged nothing in advance (their
 *   usage is billed as usual), nothing is credited, and resuming inside such a period charges its rest, prorated.
 * Pausing is refused during a trial, before the start, when the subscription is to end (at period end, or by a
 * scheduled cancellation), and when it is already paused. Changes are refused while paused; scheduled changes apply at the first boundary billed at or
 * after their instant. With an `idempotencyKey`, a retried request returns the first result and changes nothing.
 * @throws BillingError `not_found`, `invalid_input` (`at` outside the current period, `resumeAt` not after `at`) or
 * `invalid_state`; nothing is stored.
 * @example
 * ```ts
 * await pauseSubscription(ctx, { subscriptionId: 'sub_1', behavior: 'restart', resumeAt: '2026-08-01T00:00:00Z' });
 * // { subscription: { status: 'paused', pause: { behavior: 'restart', pausedAt: …, resumeAt: … }, … }, creditIssued: '12.34' }
 * ```
 */
export async function pauseSubscription(
  ctx: EngineContext,
  input: PauseSubscriptionInput,
): Promise<SubscriptionResult> {
  const request = validate(PauseSubscriptionInputSchema, input, 'input');
  const at = request.at ?? ctx.clock.now().toISOString();
  return onLockedSubscription(ctx, 'pause', request, async (session, current) => {
    const refuse = (why: string): never => {
      throw new BillingError(BillingErrorCode.invalidState, `Subscription ${current.id} ${why}: it cannot be paused`, {
        path: ['input', 'subscriptionId'],
      });
    };
    assertNotPaused(current, ['input', 'subscriptionId']);
    if (notStarted(current)) refuse('has not started');
    if (current.cancelAtPeriodEnd) refuse('ends at the end of its period');
    const end = current.scheduledChanges?.find((change) => change.action === 'cancel');
    if (end !== undefined) refuse(`is scheduled to end at ${end.at}`);
    if (current.trialEnd !== undefined && at < current.trialEnd) refuse(`is in its trial until ${current.trialEnd}`);
    assertInCurrentPeriod(current, at, ['input', 'at']);
    if (request.resumeAt !== undefined && request.resumeAt <= at) {
      throw new BillingError(BillingErrorCode.invalidInput, `Invalid input.resumeAt: must be after ${at}`, {
        path: ['input', 'resumeAt'],
      });
    }
    const pause = {
      behavior: request.behavior,
      pausedAt: at,
      ...(request.resumeAt === undefined ? {} : { resumeAt: request.resumeAt }),
    };
    if (request.behavior === 'keep_schedule') {
      return { subscription: await storeUpdate(session, ctx, current, { status: 'paused', pause }), invoices: [] };
    }
    await assertNoUsageFrom(session, current, at, ['input', 'at']);
    const customer = await requireRecord(session.customers, current.customerId, 'customer', [
      'input',
      'subscriptionId',
    ]);
    const texts = ctx.config.lineTexts(customer.locale);
    const { creditIssued, pendingLines } = await creditUnusedTime(session, ctx, current, at, texts);
    // The period ends at the pause: the next run bills its usage, and the subscription then waits for its resumption.
    const subscription: Subscription = await storeUpdate(session, ctx, current, {
      status: 'paused',
      pause,
      pendingLines,
      currentPeriodEnd: at,
      nextBillingAt: at,
    });
    return { subscription, invoices: [], ...(creditIssued === undefined ? {} : { creditIssued }) };
  });
}
