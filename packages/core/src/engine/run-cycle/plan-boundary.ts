import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import { type Span, later, schedulePeriod } from './schedule';

/** What one billing boundary of a subscription charges, and the subscription after it. */
export interface BoundaryPlan {
  /** The boundary `B`: the subscription's `nextBillingAt` before this step. */
  readonly boundary: string;
  /**
   * `subscription_create` for the first boundary (the start), `subscription_cycle` after; `subscription_update`
   * for the end of a subscription cancelled at the very start of its period: that period's invoice already holds
   * the unique (subscriptionId, periodStart), and the final invoice carries only pending lines.
   */
  readonly billingReason: Extract<
    Invoice['billingReason'],
    'subscription_create' | 'subscription_cycle' | 'subscription_update'
  >;
  /** The in-arrears window ending at `B` (after any trial); absent when none. */
  readonly arrears?: { readonly span: Span };
  /** The in-advance span starting at `B` and its schedule period; absent when trialing, paused or ending. */
  readonly advance?: { readonly span: Span; readonly period: Span };
  /** The invoice's period: from `B` to the next boundary (no end when the subscription ends at `B`). */
  readonly invoicePeriod: { readonly start: string; readonly end?: string };
  /** The subscription after the step: period moved on, pending lines cleared, status updated. Version unchanged. */
  readonly after: Subscription;
}

/**
 * Plans the next billing boundary `B = nextBillingAt` of a subscription (pure). At `B` one invoice carries
 * the in-arrears charges of `[currentPeriodStart, B)` (usage during a trial is free) and the in-advance charges
 * of `[B, next boundary)`. The first boundary (`nextBillingAt === currentPeriodStart`, the start) has no arrears.
 * The subscription ends at `B` when it was cancelled now (`endedAt <= B`) or at period end (`B` is its period
 * end): then nothing is charged in advance and `nextBillingAt` is removed; cancelled at the very start of its
 * period (`B = currentPeriodStart`), the final invoice is a `subscription_update` (see `billingReason`). Otherwise the next boundary is the
 * end of the schedule period containing `B`, or the trial end when that comes first; a span shorter than its
 * schedule period (a first period before the anchor, the first period after a trial) is prorated later.
 * @param timeZone the customer's time zone, in which the schedule's periods are computed.
 * @param updatedAt the instant written to `updatedAt`.
 */
export function planBoundary(subscription: Subscription, timeZone: string, updatedAt: string): BoundaryPlan {
  const boundary = subscription.nextBillingAt;
  if (boundary === undefined) throw new Error(`subscription ${subscription.id} has nothing left to bill`);
  const { currentPeriodStart, currentPeriodEnd, trialEnd, endedAt } = subscription;
  const endsNow = endedAt !== undefined && boundary >= endedAt;
  // A started subscription cancelled at the instant its period began also has `nextBillingAt === currentPeriodStart`:
  // that is its final boundary, not its opening one (which was billed already).
  const opening = boundary === currentPeriodStart && !endsNow;
  const billingReason = opening
    ? 'subscription_create'
    : boundary === currentPeriodStart
      ? 'subscription_update'
      : 'subscription_cycle';

  let arrears: BoundaryPlan['arrears'];
  if (!opening) {
    const from = trialEnd === undefined ? currentPeriodStart : later(currentPeriodStart, trialEnd);
    if (from < boundary) arrears = { span: { start: from, end: boundary } };
  }

  const ends = endsNow || (subscription.cancelAtPeriodEnd && !opening && boundary === currentPeriodEnd);
  if (ends) {
    const { nextBillingAt: _billed, ...rest } = subscription;
    const after: Subscription = {
      ...rest,
      status: 'canceled',
      cancelAtPeriodEnd: false,
      canceledAt: subscription.canceledAt ?? boundary,
      endedAt: endedAt ?? boundary,
      pendingLines: [],
      updatedAt,
    };
    return { boundary, billingReason, ...(arrears ? { arrears } : {}), invoicePeriod: { start: boundary }, after };
  }

  const period = schedulePeriod(subscription, timeZone, boundary);
  let next = period.end;
  if (trialEnd !== undefined && trialEnd > boundary && trialEnd < next) next = trialEnd;
  if (endedAt !== undefined && endedAt > boundary && endedAt < next) next = endedAt;
  const trialing = trialEnd !== undefined && boundary < trialEnd;
  const status =
    subscription.status === 'active' || subscription.status === 'trialing'
      ? trialing
        ? 'trialing'
        : 'active'
      : subscription.status;
  const advance = trialing || status === 'paused' ? undefined : { span: { start: boundary, end: next }, period };
  const after: Subscription = {
    ...subscription,
    status,
    currentPeriodStart: boundary,
    currentPeriodEnd: next,
    nextBillingAt: next,
    pendingLines: [],
    updatedAt,
  };
  return {
    boundary,
    billingReason,
    ...(arrears ? { arrears } : {}),
    ...(advance ? { advance } : {}),
    invoicePeriod: { start: boundary, end: next },
    after,
  };
}
