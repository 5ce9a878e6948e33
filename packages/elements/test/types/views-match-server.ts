/*
 * Compile-time proof (checked by `pnpm typecheck`) that what `@billfold/server` answers fits the views the elements
 * read: change a server schema so that the elements would misread it, and this file stops compiling. Type-only
 * imports: nothing of the server reaches a bundle.
 */
import type { PortalReply } from '@billfold/server/client';
import type {
  AccountView,
  InvoiceView,
  PageView,
  PaymentIntentView,
  PaymentMethodSetupView,
  PaymentMethodView,
  PlanChangePreviewView,
  PlanOptionsView,
  ProfileView,
  SessionView,
  SubscriptionChangeView,
  SubscriptionDetailView,
  SubscriptionView,
  UsageView,
} from '../../src/api/portal-views';

/** Compiles only when `Reply` can be read as `View`. */
type Fits<Reply extends View, View> = Reply;

export type ServerRepliesFitTheViews = [
  Fits<PortalReply<'GET', '/account'>, AccountView>,
  Fits<PortalReply<'GET', '/invoices'>, PageView<InvoiceView>>,
  Fits<PortalReply<'GET', '/invoices/{invoiceId}'>, InvoiceView>,
  Fits<PortalReply<'GET', '/subscriptions'>, { items: readonly SubscriptionView[] }>,
  Fits<PortalReply<'GET', '/subscriptions/{subscriptionId}'>, SubscriptionDetailView>,
  Fits<PortalReply<'GET', '/subscriptions/{subscriptionId}/plan-options'>, PlanOptionsView>,
  Fits<PortalReply<'GET', '/subscriptions/{subscriptionId}/usage'>, UsageView>,
  Fits<PortalReply<'POST', '/subscriptions/{subscriptionId}/change-preview'>, PlanChangePreviewView>,
  Fits<PortalReply<'POST', '/subscriptions/{subscriptionId}/change'>, SubscriptionChangeView>,
  Fits<PortalReply<'POST', '/subscriptions/{subscriptionId}/cancel'>, SubscriptionChangeView>,
  Fits<PortalReply<'GET', '/profile'>, ProfileView>,
  Fits<PortalReply<'GET', '/session'>, SessionView>,
  Fits<PortalReply<'POST', '/payments'>, PaymentIntentView>,
  Fits<PortalReply<'POST', '/payments/{paymentId}/confirm'>, PaymentIntentView>,
  Fits<PortalReply<'GET', '/payment-methods'>, { items: readonly PaymentMethodView[] }>,
  Fits<PortalReply<'POST', '/payment-methods/setup'>, PaymentMethodSetupView>,
];
