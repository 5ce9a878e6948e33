import { createContext } from '@lit/context';
import type { PortalApi } from '../api/portal-api';
import type { CurrencyDisplay } from '../format/billing-format';
import type { BillingPaymentOptions } from '../payments/payment-options';

/** What `<billing-portal>` hands to the elements inside it: one API client (one session refresh) and the settings. */
export interface BillingContextValue {
  readonly api: PortalApi | undefined;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
  readonly currencyDisplay: CurrencyDisplay | undefined;
  readonly theme: BillingTheme;
  readonly paymentOptions: BillingPaymentOptions | undefined;
  /** How a link to one invoice looks (`#billing/invoices/{id}`). */
  readonly invoiceHref: string | undefined;
}

/** `auto` follows the page's `prefers-color-scheme`. */
export type BillingTheme = 'auto' | 'light' | 'dark';

/** The context key of {@link BillingContextValue}. */
export const billingContext = createContext<BillingContextValue>(Symbol('billfold-billing'));
