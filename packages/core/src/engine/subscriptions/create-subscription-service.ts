import type { Page } from '../../domain/common';
import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import { IdSchema } from '../../domain/common';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { cancelSubscription } from './cancel-subscription';
import { changeSubscription } from './change-subscription';
import { createSubscription } from './create-subscription';
import { previewInvoice } from './preview-invoice';
import {
  type CancelSubscriptionInput,
  type ChangeSubscriptionInput,
  type CreateSubscriptionInput,
  type ListSubscriptionsInput,
  ListSubscriptionsInputSchema,
  type PreviewInvoiceInput,
} from './subscription-input';
import type { SubscriptionResult } from './subscription-result';

/** Subscriptions: create, change with proration, cancel, preview the next invoice, read. */
export interface SubscriptionService {
  /** Creates a subscription and bills its first period when it starts now; see `createSubscription`. */
  create(input: CreateSubscriptionInput): Promise<SubscriptionResult>;
  /** Changes items mid-period with proration; see `changeSubscription`. */
  change(input: ChangeSubscriptionInput): Promise<SubscriptionResult>;
  /** Cancels now or at period end; see `cancelSubscription`. */
  cancel(input: CancelSubscriptionInput): Promise<SubscriptionResult>;
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
  return {
    create: (input) => createSubscription(ctx, input),
    change: (input) => changeSubscription(ctx, input),
    cancel: (input) => cancelSubscription(ctx, input),
    preview: (input) => previewInvoice(ctx, input),
    async get(subscriptionId) {
      validate(IdSchema, subscriptionId, 'subscriptionId');
      return requireRecord(ctx.storage.subscriptions, subscriptionId, 'subscription', ['subscriptionId']);
    },
    async list(input) {
      return ctx.storage.subscriptions.list(validate(ListSubscriptionsInputSchema, input ?? {}, 'input'));
    },
  };
}
