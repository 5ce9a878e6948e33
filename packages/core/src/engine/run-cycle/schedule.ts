import type { Subscription } from '../../domain/subscription';
import { validBillingPeriods } from '../../periods/billing-periods';

/** A half-open span of time `[start, end)` as ISO UTC timestamps. */
export interface Span {
  readonly start: string;
  readonly end: string;
}

/**
 * The period of a subscription's schedule that contains `instant`: periods repeat from the subscription's
 * `anchor` every `intervalCount` `interval`s, in the customer's time zone, month-end anchors clamping
 * (Jan 31 → Feb 28 → Mar 31).
 */
export function schedulePeriod(
  subscription: Pick<Subscription, 'anchor' | 'interval' | 'intervalCount'>,
  timeZone: string,
  instant: string,
): Span {
  // Stored subscriptions and customers were validated when written: no need to parse their fields again.
  const [period] = validBillingPeriods({
    anchor: new Date(subscription.anchor),
    interval: subscription.interval,
    intervalCount: subscription.intervalCount,
    timeZone,
    from: new Date(instant),
    count: 1,
  });
  if (period === undefined) throw new Error('billingPeriods returned no period');
  return { start: period.start.toISOString(), end: period.end.toISOString() };
}

/** The later of two ISO UTC timestamps. */
export function later(a: string, b: string): string {
  return a > b ? a : b;
}
