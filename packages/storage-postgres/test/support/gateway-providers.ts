import { type Clock, createTestClock, type GatewayEvent, type PaymentGateway } from '@billfold/core';
import { FakePaypal, FakeStripe } from '@billfold/gateway-fake-kit';
import { createPaypalGateway } from '@billfold/payments-paypal';
import { createStripeGateway } from '@billfold/payments-stripe';

/** A webhook delivery as a provider POSTs it. */
export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/**
 * One payment provider for the engine's PostgreSQL tests: a loopback fake (every request and answer checked against
 * the provider's OpenAPI description), the Billfold adapter pointed at it, and the steps a test takes in the
 * provider's or the customer's place.
 */
export interface FakeProvider {
  readonly name: 'stripe' | 'paypal';
  readonly gateway: PaymentGateway;
  /** Where the fake listens (for an engine in another process). */
  readonly baseUrl: string;
  /** The decline codes the provider gives: soft (insufficient funds) and hard (stolen card, do not honour). */
  readonly codes: { readonly soft: string; readonly hard: string };
  /** The provider's fee for a 119.00 EUR charge, as the fake computes it. */
  readonly feeOf119: string;
  /** The next charge declines. */
  decline(kind: 'soft' | 'hard'): void;
  /** The next charge goes through but the connection is reset before the answer arrives. */
  loseNextAnswer(): void;
  /** A saved method (card, PayPal vault) of a provider customer: its token. */
  saveMethod(customerReference: string): string;
  /** How many charges took money. */
  charges(): number;
  /** Every webhook event the fake emitted so far, each delivered twice, the latest first (late, out of order, twice). */
  deliveries(): Delivery[];
  /** A chargeback on a provider payment (the customer's bank); returns the dispute's id. */
  openDispute(paymentId: string): string;
  /** The dispute ends, won or lost. */
  closeDispute(disputeId: string, paymentId: string, outcome: 'won' | 'lost'): void;
  /**
   * Events a fake cannot send itself, for the test to apply to the engine directly, latest first: PayPal's fake has
   * no disputes (Stripe's sends its dispute events with the rest).
   */
  directEvents(): GatewayEvent[];
  /** Departures from the provider's OpenAPI description the fake saw. */
  violations(): readonly string[];
  close(): Promise<void>;
}

const STRIPE_KEY = 'sk_test_billfoldMonthNeverPrint0001';
export const STRIPE_WEBHOOK_SECRET = 'whsec_billfoldMonth0001';
const PAYPAL = { clientId: 'AbMonthClientId0001', clientSecret: 'EMonthClientSecretNeverPrint0001' };

/** A Stripe fake and the Stripe adapter (no SDK retries: the engine recovers lost answers itself). */
export async function startStripeProvider(
  clock: Clock = createTestClock('2026-03-01T00:00:00Z'),
): Promise<FakeProvider> {
  const fake = await FakeStripe.start(() => Math.floor(clock.now().getTime() / 1000), STRIPE_KEY);
  const gateway = createStripeGateway({
    secretKey: STRIPE_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    api: { host: '127.0.0.1', port: fake.server.port, protocol: 'http' },
    clock,
    maxNetworkRetries: 0,
  });
  return {
    name: 'stripe',
    gateway,
    baseUrl: fake.server.url,
    codes: { soft: 'insufficient_funds', hard: 'stolen_card' },
    feeOf119: '3.75',
    decline: (kind) => fake.nextCharge(kind === 'soft' ? 'decline_soft' : 'decline_hard'),
    loseNextAnswer: () => fake.server.inject('PostPaymentIntents', { kind: 'reset_after_success' }),
    saveMethod: (reference) => fake.addCard(reference),
    charges: () => fake.succeededCharges().length,
    deliveries: () =>
      [...fake.events]
        .reverse()
        .flatMap((event) => [
          fake.delivery(event, STRIPE_WEBHOOK_SECRET),
          fake.delivery(event, STRIPE_WEBHOOK_SECRET, fake.now() - 1),
        ]),
    openDispute: (paymentId) => fake.openDispute(paymentId),
    closeDispute: (disputeId, _paymentId, outcome) => fake.closeDispute(disputeId, outcome),
    directEvents: () => [],
    violations: () => fake.server.violations,
    close: () => fake.server.close(),
  };
}

const PAYPAL_WEBHOOK_ID = 'WHMONTH1';

/** The PayPal adapter pointed at the fake at `baseUrl` (another process may hold the fake: the race tests'). */
export function paypalGatewayAt(baseUrl: string, clock: Clock): PaymentGateway {
  return createPaypalGateway({ ...PAYPAL, webhookId: PAYPAL_WEBHOOK_ID, environment: { baseUrl }, clock });
}

/** A PayPal fake and the PayPal adapter (REST, verification through PayPal's API). */
export async function startPaypalProvider(
  clock: Clock = createTestClock('2026-03-01T00:00:00Z'),
): Promise<FakeProvider> {
  const fake = await FakePaypal.start(() => clock.now(), PAYPAL, PAYPAL_WEBHOOK_ID);
  const gateway = paypalGatewayAt(fake.server.url, clock);
  const disputes: GatewayEvent[] = [];
  return {
    name: 'paypal',
    gateway,
    baseUrl: fake.server.url,
    codes: { soft: '5120', hard: '9500' },
    feeOf119: '4.64',
    decline: (kind) => fake.nextCharge(kind === 'soft' ? 'decline_soft' : 'decline_hard'),
    loseNextAnswer: () => fake.server.inject('orders.create', { kind: 'reset_after_success' }),
    saveMethod: (reference) => fake.addVault(reference),
    charges: () => fake.completedCaptures().length,
    deliveries: () => [...fake.events].reverse().flatMap((event) => [fake.delivery(event), fake.delivery(event)]),
    openDispute: (paymentId) => {
      const disputeId = `PP-D-${disputes.length + 1}`;
      disputes.push(disputeEvent('paypal', paymentId, disputeId, 'opened', clock.now().toISOString()));
      return disputeId;
    },
    closeDispute: (disputeId, paymentId, outcome) => {
      disputes.push(disputeEvent('paypal', paymentId, disputeId, outcome, clock.now().toISOString()));
    },
    directEvents: () => [...disputes].reverse(),
    violations: () => fake.server.violations,
    close: () => fake.server.close(),
  };
}

/** A dispute as the engine takes it, for a provider whose fake has none (PayPal). */
function disputeEvent(
  gateway: string,
  paymentId: string,
  disputeId: string,
  state: 'opened' | 'won' | 'lost',
  occurredAt: string,
): GatewayEvent {
  const base = {
    gateway,
    eventId: `${disputeId}:${state}`,
    deliveryId: `${disputeId}:${state}`,
    occurredAt,
    providerType: state === 'opened' ? 'CUSTOMER.DISPUTE.CREATED' : 'CUSTOMER.DISPUTE.RESOLVED',
    disputeId,
    paymentId,
    amount: '119.00',
    currency: 'EUR',
  };
  return state === 'opened'
    ? { ...base, type: 'dispute.opened', reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED' }
    : { ...base, type: 'dispute.closed', outcome: state };
}
