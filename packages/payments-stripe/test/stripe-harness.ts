import { createTestClock, type TestClock } from '@billfold/core';
import type { PaymentGateway } from '@billfold/core/payments';
import { createStripeGateway } from '../src/index';
import { FakeStripe } from '@billfold/gateway-fake-kit';

/** A secret key and webhook secret the tests watch for in errors and logs. */
export const SECRET_KEY = 'sk_test_51BillfoldNeverPrintThisKey0001';
export const WEBHOOK_SECRET = 'whsec_BillfoldNeverPrintThisSecret0001';

/** A Stripe gateway pointed at a fresh loopback fake, on a test clock both share. */
export interface StripeHarness {
  readonly clock: TestClock;
  readonly fake: FakeStripe;
  readonly gateway: PaymentGateway;
  /** A gateway that gives up after one try (no SDK retries) and waits `timeoutMs` at most. */
  readonly impatient: PaymentGateway;
  /** Where the fake listens, as `createStripeGateway` takes it. */
  readonly api: { host: string; port: number; protocol: 'http' };
}

/** Starts a fake Stripe and adapters pointed at it. */
export async function startStripeHarness(): Promise<StripeHarness> {
  const clock = createTestClock('2026-03-01T12:00:00Z');
  const fake = await FakeStripe.start(() => Math.floor(clock.now().getTime() / 1000), SECRET_KEY);
  const api = { host: '127.0.0.1', port: fake.server.port, protocol: 'http' as const };
  const gateway = createStripeGateway({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    api,
    clock,
    maxNetworkRetries: 2,
  });
  const impatient = createStripeGateway({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    api,
    clock,
    maxNetworkRetries: 0,
    timeoutMs: 300,
  });
  return { clock, fake, gateway, impatient, api };
}
