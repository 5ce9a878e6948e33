import { loadProviderScript } from './provider-script';

/** Stripe.js v3, where the hosts' default `scriptUrl` points. */
export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

/** The part of a Stripe.js error the elements read. */
export interface StripeJsError {
  readonly type: string;
  readonly code?: string;
  readonly decline_code?: string;
  readonly message?: string;
}

/** What `confirmPayment`, `confirmSetup` and `handleNextAction` resolve to. */
export interface StripeJsResult {
  readonly error?: StripeJsError;
  readonly paymentIntent?: { readonly id: string; readonly status: string };
  readonly setupIntent?: { readonly id: string; readonly status: string };
}

/** A mounted Payment Element. */
export interface StripePaymentElement {
  mount(target: HTMLElement): void;
  destroy(): void;
}

/** An Elements group made from a client secret. */
export interface StripeElementsGroup {
  create(type: 'payment', options?: Record<string, unknown>): StripePaymentElement;
}

/** The subset of the `Stripe` object the elements use (Stripe.js's documented surface). */
export interface StripeJs {
  elements(options: {
    clientSecret: string;
    locale?: string;
    appearance?: Record<string, unknown>;
  }): StripeElementsGroup;
  confirmPayment(options: {
    elements: StripeElementsGroup;
    confirmParams: { return_url: string };
    redirect: 'if_required';
  }): Promise<StripeJsResult>;
  confirmSetup(options: {
    elements: StripeElementsGroup;
    confirmParams: { return_url: string };
    redirect: 'if_required';
  }): Promise<StripeJsResult>;
  handleNextAction(options: { clientSecret: string }): Promise<StripeJsResult>;
}

declare global {
  interface Window {
    Stripe?: (publishableKey: string, options?: { locale?: string }) => StripeJs;
  }
}

/** Loads Stripe.js (once) and makes the `Stripe` object for the host's publishable key. */
export async function loadStripe(options: {
  readonly publishableKey: string;
  readonly scriptUrl?: string;
  readonly locale: string;
}): Promise<StripeJs> {
  await loadProviderScript(options.scriptUrl ?? STRIPE_JS_URL);
  if (window.Stripe === undefined) throw new Error('Stripe.js did not define Stripe');
  return window.Stripe(options.publishableKey, { locale: options.locale.split('-')[0] ?? 'auto' });
}
