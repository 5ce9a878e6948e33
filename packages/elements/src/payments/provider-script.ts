const loading = new Map<string, Promise<void>>();

/**
 * The seam through which payment providers' own scripts reach the page: Stripe.js and PayPal's SDK are loaded only
 * when the customer pays, once per URL, as a plain `<script>` (the providers require loading from their own
 * servers). Hosts and tests point the URLs elsewhere with `paymentOptions.stripe.scriptUrl` /
 * `paymentOptions.paypal.scriptUrl`; a failed load is forgotten so that "try again" loads it again.
 */
export function loadProviderScript(url: string): Promise<void> {
  let load = loading.get(url);
  if (load === undefined) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => {
        loading.delete(url);
        script.remove();
        reject(new Error(`could not load ${url}`));
      });
      document.head.append(script);
    });
    loading.set(url, load);
  }
  return load;
}
