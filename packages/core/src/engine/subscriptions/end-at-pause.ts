import type { Subscription, SubscriptionPause } from '../../domain/subscription';

/**
 * A subscription paused with `restart` billing, ended where it stopped (pure): at its pause, where its last period
 * ended (the time paid for beyond it was credited then). Its last boundary is the pause, billed by the next run (usage
 * up to the pause and any pending line; a pause boundary already billed leaves only pending lines, on a
 * `subscription_update` invoice). Used by `subscriptions.cancel` and by dunning's `canceled` stage. Version and
 * `updatedAt` unchanged: the caller writes it.
 */
export function endedAtPause(subscription: Subscription, pause: SubscriptionPause, canceledAt: string): Subscription {
  const { pause: _ended, ...rest } = subscription;
  return {
    ...rest,
    status: 'canceled',
    cancelAtPeriodEnd: false,
    canceledAt,
    endedAt: pause.pausedAt,
    currentPeriodEnd: pause.pausedAt,
    nextBillingAt: pause.pausedAt,
  };
}
