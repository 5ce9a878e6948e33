import type { BillingStorageAdapter, Clock } from '@billfold/core';
import { FakePaypal, FakeStripe, PAYPAL_SPECS, STRIPE_SPEC, specAvailability } from '@billfold/gateway-fake-kit';
import { createPaypalGateway } from '@billfold/payments-paypal';
import { createStripeGateway } from '@billfold/payments-stripe';
import { type PortalFixture, startPortal } from './portal-fixture';

/** Whether Stripe's and PayPal's OpenAPI files are here: the fakes check every request and answer against them. */
export const GATEWAY_SPECS = specAvailability([STRIPE_SPEC, ...PAYPAL_SPECS]);

/** The loopback Stripe and PayPal the engine's gateways talk to. */
export interface GatewayFakes {
  readonly stripe: FakeStripe;
  readonly paypal: FakePaypal;
  /** Requests and answers that broke the providers' OpenAPI descriptions, on either fake. */
  violations(): string[];
}

/** A seeded portal whose engine holds the Stripe and the PayPal gateway, each pointed at its loopback fake. */
export interface PaymentsPortalFixture extends PortalFixture {
  readonly fakes: GatewayFakes;
}

const STRIPE_KEY = 'sk_test_portalE2eNeverPrint0001';
const PAYPAL_CREDENTIALS = { clientId: 'AbPortalE2eClientId0001', clientSecret: 'EPortalE2eSecretNeverPrint0001' };

/**
 * Starts a seeded portal over `storage` that pays through the engine (`createEnginePaymentFlows`) with the Stripe
 * gateway (the default) and the PayPal gateway, against fakes started here on the seed's clock; `close` stops them.
 */
export async function startPaymentsPortal(storage: BillingStorageAdapter): Promise<PaymentsPortalFixture> {
  let fakes: GatewayFakes | undefined;
  const portal = await startPortal(
    storage,
    {},
    {
      gateways: async (clock: Clock) => {
        const stripe = await FakeStripe.start(() => Math.floor(clock.now().getTime() / 1000), STRIPE_KEY);
        const paypal = await FakePaypal.start(() => clock.now(), PAYPAL_CREDENTIALS, 'WHPORTALE2E');
        fakes = { stripe, paypal, violations: () => [...stripe.server.violations, ...paypal.server.violations] };
        return [
          createStripeGateway({
            secretKey: STRIPE_KEY,
            webhookSecret: 'whsec_portalE2e0001',
            api: { host: '127.0.0.1', port: stripe.server.port, protocol: 'http' },
            clock,
          }),
          createPaypalGateway({
            ...PAYPAL_CREDENTIALS,
            webhookId: 'WHPORTALE2E',
            environment: { baseUrl: paypal.server.url },
            clock,
          }),
        ];
      },
    },
  );
  const started = fakes as GatewayFakes;
  return {
    ...portal,
    fakes: started,
    close: async () => {
      await portal.close();
      await started.stripe.server.close();
      await started.paypal.server.close();
    },
  };
}
