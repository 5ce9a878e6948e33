import type { ScheduledChange, Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { schedulePeriod } from '../run-cycle/schedule';
import { onLockedSubscription, storeUpdate } from './locked-subscription';
import { assertNotPaused } from './period-guard';
import { resolveItems } from './resolve-items';
import {
  type ScheduleChangeInput,
  ScheduleChangeInputSchema,
  type UnscheduleChangeInput,
  UnscheduleChangeInputSchema,
} from './subscription-input';
import { assertNoUsageFrom } from './usage-after-end';

/** The most changes one subscription waits with. */
const MAX_SCHEDULED = 10;

/** What `scheduleChange` did: the change and the subscription waiting with it. */
export interface ScheduledChangeResult {
  readonly change: ScheduledChange;
  readonly subscription: Subscription;
}

/**
 * Schedules a change for a boundary of the subscription: new items (a downgrade, a switch to a yearly price) or its
 * end, at the next renewal (`at: "period_end"`, the current period's end) or at a later boundary of its schedule
 * (an instant where one of its periods starts). The billing run applies it at that boundary: usage up to it is
 * billed on the old items, the period from it is charged on the new ones (a new interval repeats from it); a
 * cancellation ends the subscription there. Nothing is prorated: a change at a boundary leaves no part of a period
 * to credit. Until then it is listed in `scheduledChanges` and can be unscheduled. New prices must be on sale and in
 * the subscription's currency, on one schedule (which may differ from the current one); a cancellation is refused
 * while usage is recorded at or after its instant, and usage dated after it is refused from then on. One change per
 * boundary, at most 10.
 * @throws BillingError `not_found`, `invalid_input` (`at` not a future boundary, an archived price),
 * `currency_mismatch`, or `invalid_state` (canceled, paused, ending at period end, a change already scheduled then,
 * or usage recorded after a scheduled end); nothing is stored.
 * @example
 * ```ts
 * await scheduleChange(ctx, { subscriptionId: 'sub_1', items: [{ priceId: 'price_basic' }] }); // at the next renewal
 * await scheduleChange(ctx, { subscriptionId: 'sub_1', cancel: true, at: '2026-07-01T00:00:00Z' });
 * ```
 */
export async function scheduleChange(ctx: EngineContext, input: ScheduleChangeInput): Promise<ScheduledChangeResult> {
  const request = validate(ScheduleChangeInputSchema, input, 'input');
  return onLockedSubscription(ctx, 'scheduleChange', request, async (session, current) => {
    const refuse = (message: string, code: BillingErrorCode = BillingErrorCode.invalidState): never => {
      throw new BillingError(code, message, { path: ['input', 'subscriptionId'] });
    };
    assertNotPaused(current, ['input', 'subscriptionId']);
    if (current.cancelAtPeriodEnd) refuse(`Subscription ${current.id} ends at the end of its period`);
    const scheduled = current.scheduledChanges ?? [];
    if (scheduled.length >= MAX_SCHEDULED)
      refuse(`Subscription ${current.id} already has ${MAX_SCHEDULED} changes scheduled`);
    const customer = await requireRecord(session.customers, current.customerId, 'customer', [
      'input',
      'subscriptionId',
    ]);
    const at = request.at === 'period_end' ? current.currentPeriodEnd : request.at;
    assertBoundary(current, customer.timeZone, at);
    const clash = scheduled.find((change) => change.at === at);
    if (clash !== undefined) {
      refuse(`Subscription ${current.id} already has a change scheduled at ${at} (${clash.id}): unschedule it first`);
    }
    if (scheduled.some((change) => change.action === 'cancel' && change.at < at)) {
      refuse(`Subscription ${current.id} is scheduled to end before ${at}`);
    }
    const base = { id: ctx.ids('sch'), at, createdAt: ctx.clock.now().toISOString() };
    let change: ScheduledChange;
    if (request.items === undefined) {
      await assertNoUsageFrom(session, current, at, ['input', 'at']);
      change = { ...base, action: 'cancel' };
    } else {
      const next = await resolveItems(session, request.items, { currency: current.currency, kept: current.items }, [
        'input',
      ]);
      change = {
        ...base,
        action: 'change_items',
        items: next.items.map((item) => ({
          id: current.items.find((old) => old.priceId === item.priceId)?.id ?? ctx.ids('si'),
          priceId: item.priceId,
          quantity: item.quantity,
        })),
        interval: next.interval,
        intervalCount: next.intervalCount,
      };
    }
    const scheduledChanges = [...scheduled, change].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const subscription = await storeUpdate(session, ctx, current, { scheduledChanges });
    return { change, subscription };
  });
}

/**
 * Refuses an `at` that is not a boundary the subscription will bill: the end of its current period, or the start of
 * a later period of its schedule.
 */
function assertBoundary(subscription: Subscription, timeZone: string, at: string): void {
  const ok =
    at === subscription.currentPeriodEnd ||
    (at > subscription.currentPeriodEnd && schedulePeriod(subscription, timeZone, at).start === at);
  if (ok) return;
  throw new BillingError(
    BillingErrorCode.invalidInput,
    `Invalid input.at: a scheduled change applies at a renewal of the subscription: ${subscription.currentPeriodEnd} (its next) or the start of a later period, not ${at}`,
    { path: ['input', 'at'] },
  );
}

/**
 * Removes a change before it applies.
 * @throws BillingError `not_found` (no such change waiting: never scheduled, unscheduled, or applied) or
 * `invalid_state` (canceled); nothing is stored then.
 */
export async function unscheduleChange(ctx: EngineContext, input: UnscheduleChangeInput): Promise<Subscription> {
  const request = validate(UnscheduleChangeInputSchema, input, 'input');
  return onLockedSubscription(ctx, 'unscheduleChange', request, async (session, current) => {
    const scheduled = current.scheduledChanges ?? [];
    const kept = scheduled.filter((change) => change.id !== request.changeId);
    if (kept.length === scheduled.length) {
      throw new BillingError(
        BillingErrorCode.notFound,
        `Subscription ${current.id} has no scheduled change "${request.changeId}" (already applied, or never scheduled)`,
        { path: ['input', 'changeId'] },
      );
    }
    const { scheduledChanges: _all, ...rest } = current;
    const subscription: Subscription = kept.length > 0 ? { ...rest, scheduledChanges: kept } : rest;
    return storeUpdate(session, ctx, subscription, {});
  });
}
