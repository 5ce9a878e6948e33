import type { Page } from '../../domain/common';
import type { Invoice } from '../../domain/invoice';
import type { PendingLine, ScheduledChange, Subscription } from '../../domain/subscription';
import { IdSchema } from '../../domain/common';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { applyCoupon } from './apply-coupon';
import { cancelSubscription } from './cancel-subscription';
import { changeSubscription } from './change-subscription';
import { createSubscription } from './create-subscription';
import { pauseSubscription } from './pause-subscription';
import { addPendingItem, type PendingItemResult, pendingItemsOf, removePendingItem } from './pending-items';
import { previewInvoice } from './preview-invoice';
import { resumeSubscription } from './resume-subscription';
import { type ScheduledChangeResult, scheduleChange, unscheduleChange } from './scheduled-changes';
import {
  type AddPendingItemInput,
  type ApplyCouponInput,
  type CancelSubscriptionInput,
  type ChangeSubscriptionInput,
  type CreateSubscriptionInput,
  type ListSubscriptionsInput,
  ListSubscriptionsInputSchema,
  type PauseSubscriptionInput,
  type PreviewInvoiceInput,
  type RemovePendingItemInput,
  type ResumeSubscriptionInput,
  type ScheduleChangeInput,
  type UnscheduleChangeInput,
} from './subscription-input';
import type { SubscriptionResult } from './subscription-result';

/**
 * Subscriptions: create (with one-time items), change with proration, cancel, pause and resume, schedule changes
 * for a renewal, one-time items for the next invoice, coupons, preview the next invoice, read.
 */
export interface SubscriptionService {
  /** Creates a subscription and bills its first period when it starts now; see `createSubscription`. */
  create(input: CreateSubscriptionInput): Promise<SubscriptionResult>;
  /** Changes items mid-period with proration; see `changeSubscription`. */
  change(input: ChangeSubscriptionInput): Promise<SubscriptionResult>;
  /** Cancels now or at period end; see `cancelSubscription`. */
  cancel(input: CancelSubscriptionInput): Promise<SubscriptionResult>;
  /** Pauses, billed as `behavior` says while paused; see `pauseSubscription`. */
  pause(input: PauseSubscriptionInput): Promise<SubscriptionResult>;
  /** Resumes a paused subscription; see `resumeSubscription`. */
  resume(input: ResumeSubscriptionInput): Promise<SubscriptionResult>;
  /** Schedules new items or the end for a renewal; see `scheduleChange`. */
  scheduleChange(input: ScheduleChangeInput): Promise<ScheduledChangeResult>;
  /** The changes waiting for a boundary, by instant. @throws BillingError `not_found`. */
  listScheduledChanges(subscriptionId: string): Promise<ScheduledChange[]>;
  /** Removes a scheduled change before it applies; see `unscheduleChange`. */
  unscheduleChange(input: UnscheduleChangeInput): Promise<Subscription>;
  /** Adds a one-time item to the next invoice; see `addPendingItem`. */
  addPendingItem(input: AddPendingItemInput): Promise<PendingItemResult>;
  /** The one-time items waiting for the next invoice. @throws BillingError `not_found`. */
  listPendingItems(subscriptionId: string): Promise<PendingLine[]>;
  /** Removes a one-time item before it is invoiced; see `removePendingItem`. */
  removePendingItem(input: RemovePendingItemInput): Promise<Subscription>;
  /** Puts a coupon on the subscription from its next invoice; see `applyCoupon`. */
  applyCoupon(input: ApplyCouponInput): Promise<Subscription>;
  /** The draft of the next boundary's invoice, not stored; see `previewInvoice`. */
  preview(input: PreviewInvoiceInput): Promise<Invoice | undefined>;
  /** @throws BillingError `not_found`. */
  get(subscriptionId: string): Promise<Subscription>;
  /** Subscriptions in id (creation) order, optionally of one customer or status. */
  list(input?: ListSubscriptionsInput): Promise<Page<Subscription>>;
}

/**
 * Creates the subscription service over an engine context.
 * @example
 * ```ts
 * const subscriptions = createSubscriptionService(ctx);
 * const { subscription } = await subscriptions.create({ customerId: 'cus_1', items: [{ priceId: 'price_pro' }] });
 * await subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true });
 * ```
 */
export function createSubscriptionService(ctx: EngineContext): SubscriptionService {
  const get = async (subscriptionId: string): Promise<Subscription> => {
    validate(IdSchema, subscriptionId, 'subscriptionId');
    return requireRecord(ctx.storage.subscriptions, subscriptionId, 'subscription', ['subscriptionId']);
  };
  return {
    create: (input) => createSubscription(ctx, input),
    change: (input) => changeSubscription(ctx, input),
    cancel: (input) => cancelSubscription(ctx, input),
    pause: (input) => pauseSubscription(ctx, input),
    resume: (input) => resumeSubscription(ctx, input),
    scheduleChange: (input) => scheduleChange(ctx, input),
    listScheduledChanges: async (subscriptionId) => [...((await get(subscriptionId)).scheduledChanges ?? [])],
    unscheduleChange: (input) => unscheduleChange(ctx, input),
    addPendingItem: (input) => addPendingItem(ctx, input),
    listPendingItems: async (subscriptionId) => pendingItemsOf(await get(subscriptionId)),
    removePendingItem: (input) => removePendingItem(ctx, input),
    applyCoupon: (input) => applyCoupon(ctx, input),
    preview: (input) => previewInvoice(ctx, input),
    get,
    async list(input) {
      return ctx.storage.subscriptions.list(validate(ListSubscriptionsInputSchema, input ?? {}, 'input'));
    },
  };
}
