/**
 * Subscriptions: create (with trial, anchor, coupon and one-time items), change with proration, cancel, pause and
 * resume, changes scheduled for a renewal, pending one-time items, coupons on running subscriptions, preview the
 * next invoice, get and list.
 * @module
 */
export { createSubscriptionService } from './create-subscription-service';
export type { SubscriptionService } from './create-subscription-service';
export { createSubscription } from './create-subscription';
export { changeSubscription } from './change-subscription';
export { cancelSubscription } from './cancel-subscription';
export { pauseSubscription } from './pause-subscription';
export { resumeSubscription } from './resume-subscription';
export { scheduleChange, unscheduleChange } from './scheduled-changes';
export type { ScheduledChangeResult } from './scheduled-changes';
export { addPendingItem, removePendingItem } from './pending-items';
export type { PendingItemResult } from './pending-items';
export { applyCoupon } from './apply-coupon';
export { previewInvoice } from './preview-invoice';
export { prorationLines } from './proration-lines';
export type { ProrationChange } from './proration-lines';
export type { SubscriptionResult } from './subscription-result';
export {
  AddPendingItemInputSchema,
  ApplyCouponInputSchema,
  CancelSubscriptionInputSchema,
  ChangeSubscriptionInputSchema,
  CreateSubscriptionInputSchema,
  ListSubscriptionsInputSchema,
  OneTimeItemInputSchema,
  PauseSubscriptionInputSchema,
  PreviewInvoiceInputSchema,
  RemovePendingItemInputSchema,
  ResumeSubscriptionInputSchema,
  ScheduleChangeInputSchema,
  SubscriptionItemInputSchema,
  UnscheduleChangeInputSchema,
} from './subscription-input';
export type {
  AddPendingItemInput,
  ApplyCouponInput,
  CancelSubscriptionInput,
  ChangeSubscriptionInput,
  CreateSubscriptionInput,
  ListSubscriptionsInput,
  OneTimeItem,
  OneTimeItemInput,
  PauseSubscriptionInput,
  PreviewInvoiceInput,
  RemovePendingItemInput,
  ResumeSubscriptionInput,
  ScheduleChangeInput,
  UnscheduleChangeInput,
} from './subscription-input';
