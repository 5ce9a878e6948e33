import { createBilling, createTestClock, type GatewayEvent, listAll } from '@billfold/core';
import { PAYPAL_SPECS, specAvailability } from '@billfold/gateway-fake-kit';
import { afterEach, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { describeServer, sharedPool } from './support/backends';
import { type FakeProvider, startPaypalProvider } from './support/gateway-providers';
import { expectLedgerKept } from './support/ledger-expect';
import type { LedgerOpOutcome } from './support/ledger-op-child';
import { type LedgerWorker, releaseInOrder, untilSettled } from './support/ledger-workers';
import { type Call, NOW, raceHarness } from './support/race-harness';

const specs = specAvailability(PAYPAL_SPECS);
if (specs.mustFail) throw new Error(specs.reason);

/*
 * A PayPal capture answered to the engine and announced by webhook at the same time (issue 11), from two OS processes
 * on a real PostgreSQL server (see ledger-races.test.ts for how): the pay button's process charges a saved PayPal
 * vault through the PayPal fake (checked against PayPal's OpenAPI description) and pauses before it records the
 * answer; a second process applies the fake's PAYMENT.CAPTURE.COMPLETED webhook for the same capture. Whichever
 * records first, the capture is one ledger payment and the invoice is paid once.
 */

const { seeded, worker } = raceHarness();

let provider: FakeProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

/** A customer with a saved PayPal vault and one open invoice of 119.00 (100.00 + 19 % VAT). */
async function payingByPaypal(storage: PostgresStorage) {
  const clock = createTestClock(NOW);
  provider = await startPaypalProvider(clock);
  const billing = createBilling({ storage, clock, gateways: [provider.gateway] });
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const customer = await billing.customers.create({
    name: 'Payer',
    email: 'payer@example.com',
    currency: 'EUR',
    taxRateIds: [vat.id],
  });
  const reference = await billing.paymentMethods.gatewayCustomer(customer.id);
  const method = await billing.paymentMethods.save({
    customerId: customer.id,
    providerMethodId: provider.saveMethod(reference),
  });
  const invoice = await billing.invoices.createOneOff({
    customerId: customer.id,
    lines: [{ description: 'Installation', amount: '100.00' }],
    autoFinalize: true,
  });
  expect(invoice.total).toBe('119.00');
  const pay: Omit<Call, 'pause'> = {
    call: 'payments.payInvoices',
    arg: { customerId: customer.id, invoiceIds: [invoice.id], paymentMethodId: method.id, idempotencyKey: 'pay-1' },
    paypalAt: provider.baseUrl,
  };
  return { billing, provider, customer, invoice, pay };
}

/** The fake's PAYMENT.CAPTURE.COMPLETED webhook, parsed and verified as the webhook handler would. */
async function captureCompleted(fake: FakeProvider): Promise<GatewayEvent> {
  const deliveries = fake.deliveries();
  const events = await Promise.all(
    deliveries.map((delivery) => fake.gateway.parseWebhook({ headers: delivery.headers, rawBody: delivery.body })),
  );
  const [event] = events.filter((e) => e.type === 'payment.succeeded');
  expect(event, 'the fake announced the capture').toBeDefined();
  return event as GatewayEvent;
}

/**
 * Lets the pay button's worker charge until it pauses at `pause` with the capture answered, then starts the webhook's
 * worker and lets the two go on in `order`.
 */
async function race(storage: PostgresStorage, pay: Omit<Call, 'pause'>, pause: Call['pause'], first: 'pay' | 'hook') {
  const payer = worker(storage, 'pay', { ...pay, pause });
  await payer.ready();
  payer.go();
  await untilSettled(sharedPool(), [payer]);
  expect(payer.state, 'the pay button pauses with the capture answered').toBe('paused');
  const event = await captureCompleted(provider as FakeProvider);
  const hook = worker(storage, 'hook', { call: 'payments.applyGatewayEvent', arg: event, paypalAt: pay.paypalAt });
  await hook.ready();
  hook.go();
  await untilSettled(sharedPool(), [payer, hook]);
  const hookMeanwhile = hook.state;
  const order: LedgerWorker[] = first === 'pay' ? [payer, hook] : [hook, payer];
  const [a, b] = await releaseInOrder(sharedPool(), order);
  const [paid, applied] = (first === 'pay' ? [a, b] : [b, a]) as [LedgerOpOutcome, LedgerOpOutcome];
  return { paid, applied, hookMeanwhile };
}

/** Exactly one ledger payment for the one capture, the invoice paid once, the attempt succeeded with it. */
async function expectPaidOnce(storage: PostgresStorage, customerId: string, invoiceId: string) {
  expect((provider as FakeProvider).charges(), 'captures at PayPal').toBe(1);
  const payments = await listAll((page) => storage.payments.list({ customerId, ...page }));
  expect(payments.map((p) => [p.amount, p.unapplied, p.gateway])).toEqual([['119.00', '0.00', 'paypal']]);
  const attempts = await listAll((page) => storage.paymentAttempts.list({ customerId, ...page }));
  expect(attempts.map((a) => [a.status, a.paymentId])).toEqual([['succeeded', payments[0]?.id]]);
  const invoice = await storage.invoices.get(invoiceId);
  expect([invoice?.status, invoice?.amountPaid]).toEqual(['paid', '119.00']);
  const figures = await expectLedgerKept(storage, customerId, 'EUR');
  expect(figures.balance.toString()).toBe('0.00');
}

describeServer('a PayPal capture answered and announced by webhook at once, from OS processes (PostgreSQL)', () => {
  it('the answer is being recorded under the ledger lock: the webhook waits, then finds the payment', async () => {
    const { storage } = await seeded();
    const { customer, invoice, pay } = await payingByPaypal(storage);
    // Paused with the payment written and the customer's ledger lock held, the attempt not yet marked succeeded.
    const { paid, applied, hookMeanwhile } = await race(
      storage,
      pay,
      { call: 'paymentAttempts.update', when: 'before' },
      'pay',
    );
    expect(hookMeanwhile, 'the webhook waits for the ledger lock').toBe('running');
    expect(paid.ok ? (paid.result as { attempt: { status: string } }).attempt.status : paid).toBe('succeeded');
    expect(applied.ok ? applied.result : applied).toBe('unchanged');
    await expectPaidOnce(storage, customer.id, invoice.id);
  });

  it('the webhook records the capture while the answer waits to be recorded: the answer finds it recorded', async () => {
    const { storage } = await seeded();
    const { customer, invoice, pay } = await payingByPaypal(storage);
    // Paused having read the attempt as pending, before it takes the ledger lock to record the answer.
    const { paid, applied, hookMeanwhile } = await race(
      storage,
      pay,
      { call: 'paymentAttempts.get', when: 'after' },
      'hook',
    );
    expect(hookMeanwhile, 'the webhook records at once').toBe('finished');
    expect(applied.ok ? applied.result : applied).toBe('recorded');
    expect(paid.ok ? (paid.result as { attempt: { status: string } }).attempt.status : paid).toBe('succeeded');
    await expectPaidOnce(storage, customer.id, invoice.id);
  });
});
