/**
 * `@billfold/elements`: the customer billing portal as Lit web components. Importing this module registers
 * nothing (the classes are side-effect free); `@billfold/elements/define` registers the `billing-…` tags.
 * @module
 */
export type { BillingApiErrorCode } from './api/billing-api-error';
export { BillingApiError, isBillingApiError } from './api/billing-api-error';
export type { PortalApiOptions, PortalQuery } from './api/portal-api';
export { PortalApi } from './api/portal-api';
export type {
  AccountView,
  AddressView,
  InvoiceLineView,
  InvoiceStatus,
  InvoiceView,
  MoneyLineView,
  PageView,
  PaymentIntentView,
  PaymentMethodSetupView,
  PaymentMethodView,
  PlanChangePreviewView,
  PlanOptionsView,
  PriceSpecView,
  PriceView,
  ProblemView,
  ProfileView,
  ProrationMode,
  ServiceAccessView,
  SubscriptionChangeView,
  SubscriptionDetailView,
  SubscriptionStatus,
  SubscriptionView,
  UsageView,
} from './api/portal-views';
export type { GetSession } from './api/session-source';
export type { BillingContextValue, BillingTheme } from './base/billing-context';
export { billingContext } from './base/billing-context';
export type { ActionMessage, LoadSpec } from './base/billing-element';
export { BillingElement } from './base/billing-element';
export { BillingInvoice } from './components/invoice/invoice';
export type { InvoiceListFilter } from './components/invoice-list/invoice-filter';
export { BillingInvoiceList } from './components/invoice-list/invoice-list';
export { BillingOverdueBanner } from './components/overdue-banner/overdue-banner';
export { BillingPayButton } from './components/pay-button/pay-button';
export { BillingPaymentMethods } from './components/payment-methods/payment-methods';
export type { PortalSection } from './components/portal/portal';
export { BillingPortal, PORTAL_SECTIONS } from './components/portal/portal';
export { BillingProfile } from './components/profile/profile';
export { BillingSubscription } from './components/subscription/subscription';
export { BillingUsage } from './components/usage/usage';
export { BillingErrorEvent } from './events/billing-error';
export { BillingPaidEvent } from './events/billing-paid';
export { BillingPlanChangedEvent } from './events/billing-plan-changed';
export { BillingSessionExpiredEvent } from './events/billing-session-expired';
export type { BillingEventMap } from './events/event-map';
export type { CurrencyDisplay } from './format/billing-format';
export { BillingFormat } from './format/billing-format';
export { billingMessages, registerBillingMessages } from './i18n/localize';
export type { BillingMessages } from './i18n/messages-en';
export type { PayableInvoice } from './payments/amounts';
export type { BillingPaymentOptions } from './payments/payment-options';
