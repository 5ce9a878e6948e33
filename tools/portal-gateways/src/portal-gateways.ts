import { type Billing, type Clock, createMemoryWebhookEventStore, type PaymentGateway } from '@billfold/core';
import {
  FakePaypal,
  FakeStripe,
  PAYPAL_SPECS,
  STRIPE_SPEC,
  serveWebhookHandler,
  specAvailability,
  type WebhookDeliveries,
  type WebhookDeliveryResult,
  type WebhookEndpoint,
} from '@billfold/gateway-fake-kit';
import { createPaypalGateway } from '@billfold/payments-paypal';
import { createStripeGateway } from '@billfold/payments-stripe';

/** The keys of the fake providers: test values, never real ones. */
const STRIPE = {
  secretKey: 'sk_test_portalGateways0001',
  publishableKey: 'pk_test_portalGateways0001',
  webhookSecret: 'whsec_portalGateways0001',
};
const PAYPAL = {
  clientId: 'AbPortalGatewaysClient0001',
  clientSecret: 'EPortalGatewaysSecret0001',
  webhookId: 'WHPORTALGATEWAYS0001',
};

/** What the elements' `paymentOptions` need to pay through the fakes: the keys and the fakes' browser scripts. */
export interface FakeProviderPaymentOptions {
  readonly stripe: { readonly publishableKey: string; readonly scriptUrl: string };
  readonly paypal: { readonly clientId: string; readonly scriptUrl: string };
}

/** The engine's gateways over the loopback fakes, and the fakes' side of a payment. */
export interface PortalGateways {
  /** Stripe (the engine's default) and PayPal, for `createBilling({ gateways })`. */
  readonly gateways: readonly PaymentGateway[];
  readonly stripe: FakeStripe;
  readonly paypal: FakePaypal;
  readonly paymentOptions: FakeProviderPaymentOptions;
  /**
   * Serves the engine's webhook endpoints (`billing.payments.webhookHandler`) on loopback and has both fakes deliver
   * every event from now on to them, signed, as the providers do.
   */
  receiveWebhooks(billing: Billing): Promise<void>;
  /** Resolves once every webhook delivered so far was answered, with every delivery's result. */
  webhooksSettled(): Promise<readonly WebhookDeliveryResult[]>;
  /** Requests and answers that broke the providers' OpenAPI descriptions, on either fake. */
  violations(): string[];
  close(): Promise<void>;
}

/**
 * Starts a loopback Stripe and PayPal with their browser side (a Stripe.js and a PayPal SDK stand-in that call the
 * fakes as the real ones call the providers; test cards decide) on `clock`, and the engine's Stripe and PayPal
 * gateways pointed at them. Every request and answer is checked against the providers' OpenAPI descriptions
 * (`../shared/validation`, or `BILLFOLD_VALIDATION_DIR`): without them it throws, saying where it looked.
 * @example
 * ```ts
 * const providers = await startPortalGateways(clock);
 * const billing = createBilling({ storage, clock, gateways: providers.gateways });
 * await providers.receiveWebhooks(billing);
 * const portal = createPortalHandler({ billing, auth, documents, payments: createEnginePaymentFlows(billing) });
 * ```
 */
export async function startPortalGateways(clock: Clock): Promise<PortalGateways> {
  const specs = specAvailability([STRIPE_SPEC, ...PAYPAL_SPECS]);
  if (!specs.available)
    throw new Error(
      `${specs.reason}. The fakes route and check every request by them: set BILLFOLD_VALIDATION_DIR to the folder ` +
        'that holds stripe-openapi/ and paypal-openapi/.',
    );
  const stripe = await FakeStripe.start(() => Math.floor(clock.now().getTime() / 1000), STRIPE.secretKey, {
    publishableKey: STRIPE.publishableKey,
  });
  const paypal = await FakePaypal.start(() => clock.now(), PAYPAL, PAYPAL.webhookId, { browser: true });
  const endpoints: WebhookEndpoint[] = [];
  const deliveries: WebhookDeliveries[] = [];
  return {
    gateways: [
      createStripeGateway({
        secretKey: STRIPE.secretKey,
        webhookSecret: STRIPE.webhookSecret,
        api: { host: '127.0.0.1', port: stripe.server.port, protocol: 'http' },
        clock,
      }),
      createPaypalGateway({
        clientId: PAYPAL.clientId,
        clientSecret: PAYPAL.clientSecret,
        webhookId: PAYPAL.webhookId,
        environment: { baseUrl: paypal.server.url },
        clock,
      }),
    ],
    stripe,
    paypal,
    paymentOptions: {
      stripe: { publishableKey: STRIPE.publishableKey, scriptUrl: `${stripe.server.url}/v3/` },
      paypal: { clientId: PAYPAL.clientId, scriptUrl: `${paypal.server.url}/sdk/js` },
    },
    async receiveWebhooks(billing) {
      for (const name of ['stripe', 'paypal'] as const) {
        const handle = billing.payments.webhookHandler(name, { store: createMemoryWebhookEventStore(clock) });
        const endpoint = await serveWebhookHandler(handle);
        endpoints.push(endpoint);
        deliveries.push(
          name === 'stripe'
            ? stripe.deliverWebhooks(endpoint.url, STRIPE.webhookSecret)
            : paypal.deliverWebhooks(endpoint.url),
        );
      }
    },
    async webhooksSettled() {
      await Promise.all(deliveries.map((delivery) => delivery.settled()));
      return deliveries.flatMap((delivery) => delivery.results);
    },
    violations: () => [...stripe.server.violations, ...paypal.server.violations],
    async close() {
      for (const endpoint of endpoints) await endpoint.close();
      await stripe.server.close();
      await paypal.server.close();
    },
  };
}
