import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';

/** Whether the subscription's first boundary (its start) is not billed yet. */
export function notStarted(subscription: Subscription): boolean {
  return subscription.nextBillingAt !== undefined && subscription.nextBillingAt === subscription.currentPeriodStart;
}

/** Refuses a subscription that has ended or is cancelled (nothing can change on it any more). */
export function assertLive(subscription: Subscription, path: readonly (string | number)[]): void {
  if (subscription.status === 'canceled' || subscription.endedAt !== undefined) {
    throw new BillingError(BillingErrorCode.invalidState, `Subscription ${subscription.id} is canceled`, { path });
  }
}

/** Refuses a paused subscription: it is resumed (`subscriptions.resume`) before it is changed. */
export function assertNotPaused(subscription: Subscription, path: readonly (string | number)[]): void {
  if (subscription.status === 'paused') {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Subscription ${subscription.id} is paused: resume it before changing it`,
      { path },
    );
  }
}

/**
 * Refuses a change at `at` unless `at` lies in the current period and every boundary up to `at` is billed
 * (otherwise the change would be prorated against a period that was never invoiced: run the billing cycle first).
 */
export function assertInCurrentPeriod(
  subscription: Subscription,
  at: string,
  atPath: readonly (string | number)[],
): void {
  const { currentPeriodStart, currentPeriodEnd, nextBillingAt } = subscription;
  if (nextBillingAt !== undefined && nextBillingAt <= at) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Subscription ${subscription.id} has an unbilled boundary at ${nextBillingAt}: run the billing cycle first`,
      { path: atPath },
    );
  }
  if (at < currentPeriodStart || at >= currentPeriodEnd) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid ${atPath.join('.')}: must lie in the current period [${currentPeriodStart}, ${currentPeriodEnd})`,
      { path: atPath },
    );
  }
}
