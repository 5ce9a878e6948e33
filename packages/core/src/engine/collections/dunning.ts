import type { Dunning, DunningStage, Subscription } from '../../domain/subscription';
import type { BillingNotification } from '../../notify/notifier';
import { endedAtPause } from '../subscriptions/end-at-pause';

const RANK: Readonly<Record<DunningStage, number>> = { past_due: 1, unpaid: 2, suspended: 3, canceled: 4 };

/** The statuses dunning sets; others (trialing, paused, canceled) are left as they are. */
const DUNNED: ReadonlySet<Subscription['status']> = new Set(['active', 'past_due', 'unpaid']);

/**
 * The status of a running subscription (not trialing, paused or canceled) with this dunning state: `active` without
 * one, `past_due` in its first stage, `unpaid` in the later ones. What dunning sets, and what a subscription returns
 * to when its pause or trial ends while an invoice of it is still overdue.
 */
export function statusForDunning(dunning: Pick<Dunning, 'stage'> | undefined): 'active' | 'past_due' | 'unpaid' {
  if (dunning === undefined) return 'active';
  return dunning.stage === 'past_due' ? 'past_due' : 'unpaid';
}

/** Whether dunning may still act on a subscription: it has not ended. */
export function inDunningReach(subscription: Subscription): boolean {
  return subscription.status !== 'canceled' && subscription.endedAt === undefined;
}

/** A subscription moved on by dunning, and what to tell the customer. */
export interface DunningMove {
  /** The subscription after the move (version and `updatedAt` unchanged: the caller writes it). */
  readonly subscription: Subscription;
  readonly notifications: readonly BillingNotification[];
}

/**
 * Moves a subscription's dunning to `stage` because of the overdue invoice `invoiceId` (pure), or returns
 * `undefined` when it is there or further already. `past_due` makes an active subscription `past_due`, later stages
 * make it `unpaid` (a paused or trialing one keeps its status; dunning is recorded all the same, and the status
 * follows it when the pause or trial ends); `suspended` is the access state `collections.access` reports; `canceled`
 * cancels it at the end of its current period, or ends one paused with `restart` billing at its pause (it has no
 * period running: see `subscriptions.cancel`). Entering dunning tells the customer `subscription.past_due`, reaching
 * suspension `subscription.suspended`.
 */
export function advanceDunning(
  subscription: Subscription,
  stage: DunningStage,
  invoiceId: string,
  now: string,
): DunningMove | undefined {
  const current = subscription.dunning;
  if (current !== undefined && RANK[current.stage] >= RANK[stage]) return undefined;
  const suspends = RANK[stage] >= RANK.suspended;
  const { pause } = subscription;
  const cancels = stage === 'canceled' && !subscription.cancelAtPeriodEnd;
  const moved: Subscription =
    cancels && pause?.behavior === 'restart'
      ? endedAtPause(subscription, pause, now)
      : {
          ...subscription,
          ...(DUNNED.has(subscription.status) ? { status: statusForDunning({ stage }) } : {}),
          ...(cancels ? { cancelAtPeriodEnd: true, canceledAt: now } : {}),
        };
  const next: Subscription = {
    ...moved,
    dunning: {
      stage,
      invoiceId: current?.invoiceId ?? invoiceId,
      since: current?.since ?? now,
      stageSince: now,
      ...(suspends ? { suspendedAt: current?.suspendedAt ?? now } : {}),
    },
  };
  const about = { customerId: subscription.customerId, subscriptionId: subscription.id, invoiceId, occurredAt: now };
  const notifications: BillingNotification[] = [];
  if (current === undefined) notifications.push({ type: 'subscription.past_due', ...about });
  if (suspends && current?.suspendedAt === undefined) notifications.push({ type: 'subscription.suspended', ...about });
  return { subscription: next, notifications };
}

/**
 * A subscription whose overdue invoices are settled, out of dunning (pure): `past_due` and `unpaid` become
 * `active` again, the suspension ends; a cancel dunning set stays (the subscription ends at its period end).
 * Version and `updatedAt` unchanged: the caller writes it.
 */
export function leaveDunning(subscription: Subscription): Subscription {
  const { dunning: _settled, ...rest } = subscription;
  return {
    ...rest,
    status: subscription.status === 'past_due' || subscription.status === 'unpaid' ? 'active' : rest.status,
  };
}
