import { loadProviderScript } from './provider-script';

/** PayPal's JS SDK, where the hosts' default `scriptUrl` points. */
export const PAYPAL_SDK_URL = 'https://www.paypal.com/sdk/js';

/** What PayPal's buttons call back with. */
export interface PaypalButtonsOptions {
  createOrder(): Promise<string>;
  onApprove(data: { orderID: string; payerID?: string }): Promise<void>;
  onCancel?(data: { orderID: string }): void;
  onError?(error: unknown): void;
  style?: Record<string, string>;
}

/** The subset of `paypal` the elements use (the SDK's documented Buttons component). */
export interface PaypalSdk {
  Buttons(options: PaypalButtonsOptions): { render(target: HTMLElement): Promise<void>; close?(): Promise<void> };
}

declare global {
  interface Window {
    paypal?: PaypalSdk;
  }
}

/** Loads PayPal's SDK (once per client id and currency) with its buttons. */
export async function loadPaypal(options: {
  readonly clientId: string;
  readonly currency: string;
  readonly scriptUrl?: string;
  readonly locale: string;
}): Promise<PaypalSdk> {
  const url = new URL(options.scriptUrl ?? PAYPAL_SDK_URL, document.baseURI);
  url.searchParams.set('client-id', options.clientId);
  url.searchParams.set('currency', options.currency);
  url.searchParams.set('intent', 'capture');
  url.searchParams.set('components', 'buttons');
  // PayPal takes a full locale (`de_DE`); without a region it picks one from the browser.
  if (/^[a-z]{2}-[A-Z]{2}$/.test(options.locale)) url.searchParams.set('locale', options.locale.replace('-', '_'));
  await loadProviderScript(url.href);
  if (window.paypal === undefined) throw new Error('the PayPal SDK did not define paypal');
  return window.paypal;
}

/** The PayPal order id of a payment: PayPal's approve link carries it as `token`. */
export function paypalOrderId(approvalUrl: string | undefined): string | undefined {
  if (approvalUrl === undefined) return undefined;
  return new URL(approvalUrl, document.baseURI).searchParams.get('token') ?? undefined;
}
