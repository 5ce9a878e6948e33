/**
 * Subscriptions: create (with trial, anchor and coupon), change with proration, cancel, preview the next
 * invoice, get and list.
 * @module
 */
export { createSubscriptionService } from './create-subscription-service';
export type { SubscriptionService } from './create-subscription-service';
export { createSubscription } from './create-subscription';
export { changeSubscription } from './change-subscription';
export { cancelSubscription } from './cancel-subscription';
export { previewInvoice } from './preview-invoice';
export { prorationLines } from './proration-lines';
export type { ProrationChange } from './proration-lines';
export type { SubscriptionResult } from './subscription-result';
export {
  CancelSubscriptionInputSchema,
  ChangeSubscriptionInputSchema,
  CreateSubscriptionInputSchema,
  ListSubscriptionsInputSchema,
  PreviewInvoiceInputSchema,
  SubscriptionItemInputSchema,
} from './subscription-input';
export type {
  CancelSubscriptionInput,
  ChangeSubscriptionInput,
  CreateSubscriptionInput,
  ListSubscriptionsInput,
  PreviewInvoiceInput,
} from './subscription-input';
