/**
 * The ways to pay a host offers, set on `<billing-portal>`, `<billing-pay-button>` or `<billing-payment-methods>`
 * (property `paymentOptions`, or the `payment-options` attribute as JSON). Card and PayPal go through the portal's
 * payment routes and the provider's own script (loaded only when the customer pays); bank transfer and cheque show
 * instructions with the reference to quote.
 */
export interface BillingPaymentOptions {
  /** Card payments with Stripe's hosted fields. `scriptUrl` defaults to Stripe.js (`https://js.stripe.com/v3/`). */
  readonly stripe?: { readonly publishableKey: string; readonly scriptUrl?: string };
  /** PayPal's buttons. `scriptUrl` defaults to PayPal's JS SDK (`https://www.paypal.com/sdk/js`). */
  readonly paypal?: { readonly clientId: string; readonly scriptUrl?: string };
  /** The account customers transfer to. */
  readonly bankTransfer?: {
    readonly accountHolder: string;
    readonly iban: string;
    readonly bic?: string;
    readonly bankName?: string;
  };
  /** Where customers send cheques. */
  readonly cheque?: { readonly payableTo: string; readonly address: string };
  /** Where providers send the browser back after a redirect (default: the current page). */
  readonly returnUrl?: string;
}
