/**
 * Registers every billing element under its `billing-…` tag (a tag already defined is left alone, so two copies
 * of the package on a page do not throw). Import this once: `import '@billfold/elements/define'`.
 * @module
 */
import { BillingInvoice } from './components/invoice/invoice';
import { BillingInvoiceList } from './components/invoice-list/invoice-list';
import { BillingOverdueBanner } from './components/overdue-banner/overdue-banner';
import { BillingPayButton } from './components/pay-button/pay-button';
import { BillingPaymentMethods } from './components/payment-methods/payment-methods';
import { BillingPortal } from './components/portal/portal';
import { BillingProfile } from './components/profile/profile';
import { BillingSubscription } from './components/subscription/subscription';
import { BillingUsage } from './components/usage/usage';

/** Every element by tag. */
export const billingElements = {
  'billing-portal': BillingPortal,
  'billing-invoice-list': BillingInvoiceList,
  'billing-invoice': BillingInvoice,
  'billing-pay-button': BillingPayButton,
  'billing-payment-methods': BillingPaymentMethods,
  'billing-subscription': BillingSubscription,
  'billing-usage': BillingUsage,
  'billing-overdue-banner': BillingOverdueBanner,
  'billing-profile': BillingProfile,
} as const;

for (const [tag, element] of Object.entries(billingElements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'billing-portal': BillingPortal;
    'billing-invoice-list': BillingInvoiceList;
    'billing-invoice': BillingInvoice;
    'billing-pay-button': BillingPayButton;
    'billing-payment-methods': BillingPaymentMethods;
    'billing-subscription': BillingSubscription;
    'billing-usage': BillingUsage;
    'billing-overdue-banner': BillingOverdueBanner;
    'billing-profile': BillingProfile;
  }
}
