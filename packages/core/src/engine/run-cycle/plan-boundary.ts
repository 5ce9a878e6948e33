import type { Invoice } from '../../domain/invoice';
import type { ScheduledChange, Subscription } from '../../domain/subscription';
import { statusForDunning } from '../collections/dunning';
import { type Span, later, schedulePeriod } from './schedule';

/** What one billing boundary of a subscription charges, and the subscription after it. */
export interface BoundaryPlan {
  /** The boundary `B`: the subscription's `nextBillingAt` before this step. */
  readonly boundary: string;
  /**
   * `subscription_create` for the first boundary (the start), `subscription_cycle` after; `subscription_update`
   * for the end of a subscription cancelled, or the pause of one paused with `restart` billing, at the very start
   * of its period: that period's invoice already holds the unique (subscriptionId, periodStart), and this invoice
   * carries only pending lines.
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
  /**
   * The subscription after the step: period moved on, pending lines cleared, status updated, the changes
   * scheduled up to `B` applied (new items from `B`; an end at `B`). Version unchanged.
   */
  readonly after: Subscription;
}

/** The subscription with the changes scheduled at or before `boundary` applied, and whether one ends it there. */
function applyScheduled(subscription: Subscription, boundary: string): { state: Subscription; ends: boolean } {
  const changes = subscription.scheduledChanges;
  if (changes === undefined) return { state: subscription, ends: false };
  const due = changes.filter((change) => change.at <= boundary);
  if (due.length === 0) return { state: subscription, ends: false };
  const { scheduledChanges: _all, ...rest } = subscription;
  const left = changes.filter((change) => change.at > boundary);
  let state: Subscription = left.length > 0 ? { ...rest, scheduledChanges: left } : rest;
  let ends = false;
  for (const change of due.sort(byInstant)) {
    if (change.action === 'cancel') {
      ends = true;
      continue;
    }
    const reschedules = change.interval !== state.interval || change.intervalCount !== state.intervalCount;
    state = {
      ...state,
      items: change.items,
      interval: change.interval,
      intervalCount: change.intervalCount,
      // A new schedule repeats from the boundary it starts at.
      ...(reschedules ? { anchor: boundary } : {}),
    };
  }
  return { state, ends };
}

/**
 * The pending lines left once a boundary has billed them: none. The same empty list when there were none, so a run's
 * write of the subscription can leave that field out (see `subscriptions.updateMany`).
 */
const billed = (lines: Subscription['pendingLines']): Subscription['pendingLines'] => (lines.length === 0 ? lines : []);

const byInstant = (a: ScheduledChange, b: ScheduledChange) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/**
 * Plans the next billing boundary `B = nextBillingAt` of a subscription (pure). At `B` one invoice carries
 * the in-arrears charges of `[currentPeriodStart, B)` (usage during a trial is free) and the in-advance charges
 * of `[B, next boundary)`. The first boundary (`nextBillingAt === currentPeriodStart`, the start) has no arrears.
 * The subscription ends at `B` when it was cancelled now (`endedAt <= B`), at period end (`B` is its period
 * end) or by a cancellation scheduled for `B`: then nothing is charged in advance and `nextBillingAt` is removed;
 * cancelled at the very start of its period (`B = currentPeriodStart`), the final invoice is a
 * `subscription_update` (see `billingReason`), as is the pause's invoice of one paused there with `restart`
 * billing. Changes of items scheduled for `B` apply from `B` (the arrears window is still rated on the old items).
 * Otherwise the next boundary is the end of the schedule period containing `B`, or the trial end (or a resumption
 * inside the period) when that comes first; a span shorter than its schedule period (a first period before the
 * anchor, the first period after a trial, the rest of a period resumed in) is prorated later.
 *
 * A paused subscription (see `SubscriptionPauseSchema`) is charged nothing in advance. With `restart` billing its
 * period ends at the pause: that boundary bills the usage up to it, and the subscription waits (no `nextBillingAt`)
 * until it resumes; the resumption is a boundary with no usage behind it where a new schedule starts (anchored
 * there) and is charged in advance. With `keep_schedule` billing the boundaries go on (usage billed) until one at
 * or after its resumption, which charges in advance again.
 * @param timeZone the customer's time zone, in which the schedule's periods are computed.
 * @param updatedAt the instant written to `updatedAt`.
 */
export function planBoundary(subscription: Subscription, timeZone: string, updatedAt: string): BoundaryPlan {
  const boundary = subscription.nextBillingAt;
  if (boundary === undefined) throw new Error(`subscription ${subscription.id} has nothing left to bill`);
  const { currentPeriodStart, currentPeriodEnd, trialEnd, endedAt, pause } = subscription;
  const endsNow = endedAt !== undefined && boundary >= endedAt;
  const restarting = pause?.behavior === 'restart';
  // A started subscription cancelled, or paused with `restart` billing, at the instant its period began also has
  // `nextBillingAt === currentPeriodStart`: that is its final or pause boundary, not its opening one (which was
  // billed already).
  const pausesNow = restarting && boundary === pause.pausedAt;
  const opening = boundary === currentPeriodStart && !endsNow && !pausesNow;
  const billingReason = opening
    ? 'subscription_create'
    : boundary === currentPeriodStart
      ? 'subscription_update'
      : 'subscription_cycle';
  // With `restart` billing, the time from the pause on is no period: no usage was taken in it.
  const pausedSpan = restarting && currentPeriodStart >= pause.pausedAt;

  let arrears: BoundaryPlan['arrears'];
  if (!opening && !pausedSpan) {
    const from = trialEnd === undefined ? currentPeriodStart : later(currentPeriodStart, trialEnd);
    if (from < boundary) arrears = { span: { start: from, end: boundary } };
  }

  const scheduled = opening ? { state: subscription, ends: false } : applyScheduled(subscription, boundary);
  const ends =
    endsNow || scheduled.ends || (subscription.cancelAtPeriodEnd && !opening && boundary === currentPeriodEnd);
  if (ends) {
    const { nextBillingAt: _billed, pause: _paused, ...rest } = scheduled.state;
    const after: Subscription = {
      ...rest,
      status: 'canceled',
      cancelAtPeriodEnd: false,
      canceledAt: subscription.canceledAt ?? boundary,
      endedAt: endedAt ?? boundary,
      pendingLines: billed(rest.pendingLines),
      updatedAt,
    };
    return { boundary, billingReason, ...(arrears ? { arrears } : {}), invoicePeriod: { start: boundary }, after };
  }

  const resumes = pause?.resumeAt !== undefined && pause.resumeAt <= boundary;
  const stillPaused = subscription.status === 'paused' && !resumes;
  const { pause: _pause, ...unpaused } = scheduled.state;
  // Resuming from a `restart` pause starts a new schedule at the resumption.
  const state: Subscription = resumes ? (restarting ? { ...unpaused, anchor: boundary } : unpaused) : scheduled.state;
  if (stillPaused && restarting) {
    const waiting = waitForResumption(state, boundary, pause?.resumeAt, updatedAt);
    return { boundary, billingReason, ...(arrears ? { arrears } : {}), ...waiting };
  }

  const period = schedulePeriod(state, timeZone, boundary);
  let next = period.end;
  if (trialEnd !== undefined && trialEnd > boundary && trialEnd < next) next = trialEnd;
  if (endedAt !== undefined && endedAt > boundary && endedAt < next) next = endedAt;
  if (stillPaused && pause?.resumeAt !== undefined && pause.resumeAt > boundary && pause.resumeAt < next) {
    next = pause.resumeAt;
  }
  const trialing = trialEnd !== undefined && boundary < trialEnd;
  // Out of a pause or trial, the status follows dunning: `past_due` or `unpaid` while an invoice is still overdue.
  const status = stillPaused
    ? 'paused'
    : subscription.status === 'active' || subscription.status === 'trialing' || resumes
      ? trialing
        ? 'trialing'
        : statusForDunning(subscription.dunning)
      : subscription.status;
  const advance = trialing || status === 'paused' ? undefined : { span: { start: boundary, end: next }, period };
  const after: Subscription = {
    ...state,
    status,
    currentPeriodStart: boundary,
    currentPeriodEnd: next,
    nextBillingAt: next,
    pendingLines: billed(state.pendingLines),
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

/**
 * A boundary of a subscription paused with `restart` billing (its pause, or one while it lasts): no period runs
 * until the resumption, which is the next boundary when it is known; otherwise nothing is left to bill until then.
 */
function waitForResumption(
  state: Subscription,
  boundary: string,
  resumeAt: string | undefined,
  updatedAt: string,
): Pick<BoundaryPlan, 'invoicePeriod' | 'after'> {
  const { nextBillingAt: _billed, ...waiting } = state;
  return {
    invoicePeriod: { start: boundary, ...(resumeAt === undefined ? {} : { end: resumeAt }) },
    after: {
      ...waiting,
      currentPeriodStart: boundary,
      currentPeriodEnd: resumeAt ?? boundary,
      ...(resumeAt === undefined ? {} : { nextBillingAt: resumeAt }),
      pendingLines: billed(waiting.pendingLines),
      updatedAt,
    },
  };
}
