import {
  type Billing,
  createBilling,
  createMemoryWebhookEventStore,
  createTestClock,
  listAll,
  type TestClock,
} from '@billfold/core';
import { PAYPAL_SPECS, specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { afterAll, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { describeServer, dropSchema, postgresBackend } from './support/backends';
import { expectLedgerKept } from './support/ledger-expect';
import { type FakeProvider, startPaypalProvider, startStripeProvider } from './support/gateway-providers';

const specs = specAvailability([STRIPE_SPEC, ...PAYPAL_SPECS]);
if (specs.mustFail) throw new Error(specs.reason);

/*
 * "Done when" of online payments: March 2026 on the test clock, on PostgreSQL, through each adapter against its fake.
 * Four customers charged automatically subscribe to a plan of 100.00 EUR a month + 19 % VAT = 119.00, each invoice
 * due 14 days after issue. Retries after failures: 1, 3, 5 and 5 days (4 retries). Collections run daily at 09:00.
 *
 *   A  1 Mar 08:00  charged; the answer is lost (connection reset), found again: 119.00 paid, one charge.
 *                   5 Mar: a credit note of 19.00 (to the balance) and a refund of 19.00 through the gateway, taken
 *                   from that credit: invoice paid 100.00, credited 19.00; balance 0.00.
 *                   20 Mar dispute opened, 28 Mar won: flagged, nothing owed.
 *   B  1 Mar 08:01  soft decline; 2 Mar 09:00 retry (attempt 2) charged: 119.00 paid.
 *                   21 Mar dispute opened, 29 Mar lost: 119.00 refunded, the invoice open again and overdue (due
 *                   15 Mar), so the next collections run makes the subscription past due.
 *   C  1 Mar 08:02  hard decline: no retry, the subscription past due at once.
 *   D  3 Mar 08:00  soft declines on 3, 4, 7, 12 and 17 Mar (attempts 1–5); after the 5th no retry is left: past due.
 *
 * Webhooks arrive late (all of them on 31 Mar), twice, and latest first.
 * Charges that took money: A and B, 2. Fees: 2 × the provider's fee of 119.00.
 * Failed payments of March as of 18 Mar: B#1 soft, C#1 hard, D#1–5 soft: 7 attempts, 7 × 119.00 = 833.00 declined,
 * 3 invoices, 1 recovered (B).
 */

let storage: PostgresStorage | undefined;
afterAll(async () => {
  if (storage !== undefined) await dropSchema(storage);
});

interface Month {
  readonly billing: Billing;
  readonly clock: TestClock;
  readonly provider: FakeProvider;
  readonly customers: Record<'A' | 'B' | 'C' | 'D', string>;
}

async function startMonth(start: (clock: TestClock) => Promise<FakeProvider>): Promise<Month> {
  const db = await postgresBackend.storage();
  storage = db;
  const clock = createTestClock('2026-03-01T07:00:00Z');
  const provider = await start(clock);
  const billing = createBilling({
    storage: db,
    clock,
    gateways: [provider.gateway],
    config: { collections: { retries: { scheduleDays: [1, 3, 5, 5] } } },
  });
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const customers = {} as Record<'A' | 'B' | 'C' | 'D', string>;
  for (const name of ['A', 'B', 'C', 'D'] as const) {
    const customer = await billing.customers.create({
      name: `Customer ${name}`,
      email: `${name.toLowerCase()}@example.com`,
      currency: 'EUR',
      taxRateIds: [vat.id],
      collectionMethod: 'charge_automatically',
    });
    const reference = await billing.paymentMethods.gatewayCustomer(customer.id);
    await billing.paymentMethods.save({ customerId: customer.id, providerMethodId: provider.saveMethod(reference) });
    customers[name] = customer.id;
  }
  return { billing, clock, provider, customers };
}

async function runMonth(start: (clock: TestClock) => Promise<FakeProvider>): Promise<void> {
  const { billing, clock, provider, customers } = await startMonth(start);
  try {
    const product = await billing.catalog.products.create({ name: 'Plan', billingCode: 'PLAN', category: 'saas' });
    const price = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'flat', currency: 'EUR', amount: '100.00' },
      interval: 'month',
    });
    const subscribe = async (name: keyof typeof customers, at: string) => {
      clock.set(at);
      const { subscription, invoices } = await billing.subscriptions.create({
        customerId: customers[name],
        items: [{ priceId: price.id }],
      });
      expect(invoices[0]?.total).toBe('119.00');
      return { subscriptionId: subscription.id, invoiceId: invoices[0]?.id as string };
    };
    const attemptsOf = async (invoiceId: string) => (await billing.payments.listAttempts({ invoiceId })).items;
    const day = async (date: string, before?: () => void) => {
      clock.set(`${date}T09:00:00Z`);
      before?.();
      const run = await billing.collections.run();
      expect(run.errors).toEqual([]);
      return run.charges;
    };

    provider.loseNextAnswer();
    const a = await subscribe('A', '2026-03-01T08:00:00Z');
    provider.decline('soft');
    const b = await subscribe('B', '2026-03-01T08:01:00Z');
    provider.decline('hard');
    const c = await subscribe('C', '2026-03-01T08:02:00Z');

    expect(await billing.invoices.get(a.invoiceId)).toMatchObject({ status: 'paid', amountPaid: '119.00' });
    const [aAttempt] = await attemptsOf(a.invoiceId);
    expect(aAttempt).toMatchObject({ status: 'succeeded', fee: { amount: provider.feeOf119, currency: 'EUR' } });
    expect(provider.charges()).toBe(1);
    expect((await attemptsOf(b.invoiceId)).map((x) => [x.status, x.decline?.code, x.dueAt])).toEqual([
      ['failed', provider.codes.soft, '2026-03-02T08:01:00.000Z'],
    ]);
    expect((await attemptsOf(c.invoiceId)).map((x) => [x.status, x.decline?.code, x.decline?.kind, x.dueAt])).toEqual([
      ['failed', provider.codes.hard, 'hard', undefined],
    ]);
    expect(await billing.subscriptions.get(c.subscriptionId)).toMatchObject({ status: 'past_due' });

    expect(await day('2026-03-02')).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(await billing.invoices.get(b.invoiceId)).toMatchObject({ status: 'paid', amountPaid: '119.00' });

    provider.decline('soft');
    const d = await subscribe('D', '2026-03-03T08:00:00Z');
    const soft = () => provider.decline('soft');
    expect(await day('2026-03-04', soft)).toMatchObject({ attempted: 1, failed: 1 });

    clock.set('2026-03-05T10:00:00Z');
    const [aPayment] = (await billing.payments.list({ customerId: customers.A })).items;
    await billing.creditNotes.create({ invoiceId: a.invoiceId, amount: '19.00', reason: 'other' });
    const refund = await billing.payments.refund({
      paymentId: aPayment?.id as string,
      amount: '19.00',
      idempotencyKey: 'goodwill-1',
    });
    expect(refund.providerRefundId).toBeDefined();

    for (const date of ['2026-03-06', '2026-03-07', '2026-03-12', '2026-03-17']) {
      const due = ['2026-03-07', '2026-03-12', '2026-03-17'].includes(date);
      expect(await day(date, due ? soft : undefined)).toMatchObject({ attempted: due ? 1 : 0, failed: due ? 1 : 0 });
    }
    expect((await attemptsOf(d.invoiceId)).map((x) => [x.attemptNumber, x.status, x.dueAt])).toEqual([
      [1, 'failed', undefined],
      [2, 'failed', undefined],
      [3, 'failed', undefined],
      [4, 'failed', undefined],
      [5, 'failed', undefined],
    ]);
    expect(await billing.subscriptions.get(d.subscriptionId)).toMatchObject({
      status: 'past_due',
      dunning: { stage: 'past_due', since: '2026-03-17T09:00:00.000Z' },
    });

    clock.set('2026-03-18T12:00:00Z');
    const report = await billing.reports.failedPayments({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
    expect(report.rows.map((r) => [r.invoiceId, r.attemptNumber, r.declineCode, r.declineKind])).toEqual([
      [b.invoiceId, 1, provider.codes.soft, 'soft'],
      [c.invoiceId, 1, provider.codes.hard, 'hard'],
      [d.invoiceId, 1, provider.codes.soft, 'soft'],
      [d.invoiceId, 2, provider.codes.soft, 'soft'],
      [d.invoiceId, 3, provider.codes.soft, 'soft'],
      [d.invoiceId, 4, provider.codes.soft, 'soft'],
      [d.invoiceId, 5, provider.codes.soft, 'soft'],
    ]);
    expect(report.byCode).toEqual([
      { code: provider.codes.soft, kind: 'soft', attempts: 6 },
      { code: provider.codes.hard, kind: 'hard', attempts: 1 },
    ]);
    expect(report.totals).toEqual([{ currency: 'EUR', attempts: 7, declined: '833.00', invoices: 3, recovered: 1 }]);

    // Disputes: Stripe's fake raises them (their events come with the rest); PayPal's has none, so they are applied
    // as the engine's events, latest first.
    const providerPayment = async (invoiceId: string) =>
      (await attemptsOf(invoiceId)).find((x) => x.status === 'succeeded')?.providerPaymentId as string;
    const [aPi, bPi] = [await providerPayment(a.invoiceId), await providerPayment(b.invoiceId)];
    const at = (date: string) => clock.set(`${date}T10:00:00Z`);
    at('2026-03-20');
    const aDispute = provider.openDispute(aPi);
    at('2026-03-21');
    const bDispute = provider.openDispute(bPi);
    at('2026-03-28');
    provider.closeDispute(aDispute, aPi, 'won');
    at('2026-03-29');
    provider.closeDispute(bDispute, bPi, 'lost');

    // 31 March: every webhook, late, twice, latest first.
    clock.set('2026-03-31T08:00:00Z');
    const handle = billing.payments.webhookHandler(provider.name, { store: createMemoryWebhookEventStore(clock) });
    const statuses: number[] = [];
    for (const delivery of provider.deliveries()) {
      const response = await handle(
        new Request('http://billing.test/webhooks', { method: 'POST', headers: delivery.headers, body: delivery.body }),
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    for (const event of provider.directEvents()) {
      await billing.payments.applyGatewayEvent(event);
      await billing.payments.applyGatewayEvent(event);
    }
    await day('2026-03-31');

    // A: paid 100.00 + credited 19.00; the won dispute flagged, nothing owed.
    expect(await billing.invoices.get(a.invoiceId)).toMatchObject({
      status: 'paid',
      amountPaid: '100.00',
      amountCredited: '19.00',
      amountRemaining: '0.00',
      dispute: { status: 'won', amount: '119.00' },
    });
    expect((await billing.balance.get(customers.A, 'EUR')).amount).toBe('0.00');
    // B: the lost dispute took the 119.00 back; owed again, overdue, past due.
    expect(await billing.invoices.get(b.invoiceId)).toMatchObject({
      status: 'open',
      amountPaid: '0.00',
      amountRemaining: '119.00',
      overdue: true,
      dispute: { status: 'lost', amount: '119.00' },
    });
    expect(await billing.subscriptions.get(b.subscriptionId)).toMatchObject({ status: 'past_due' });
    for (const invoiceId of [c.invoiceId, d.invoiceId]) {
      expect(await billing.invoices.get(invoiceId)).toMatchObject({ status: 'open', amountRemaining: '119.00' });
    }

    // Exactly one charge per success, each recorded once; refunds once each.
    expect(provider.charges()).toBe(2);
    const payments = (await listAll((page) => billing.payments.list(page))).filter((p) => p.method === 'gateway');
    expect(payments.map((p) => [p.customerId, p.amount, p.amountRefunded, p.fee?.amount])).toEqual([
      [customers.A, '119.00', '19.00', provider.feeOf119],
      [customers.B, '119.00', '119.00', provider.feeOf119],
    ]);
    const refunds = await listAll((page) => billing.payments.listRefunds(page));
    expect(refunds.map((r) => [r.customerId, r.amount])).toEqual([
      [customers.A, '19.00'],
      [customers.B, '119.00'],
    ]);
    for (const id of Object.values(customers))
      await expectLedgerKept(storage as PostgresStorage, id, 'EUR', provider.name);
    expect(provider.violations()).toEqual([]);
  } finally {
    await provider.close();
  }
}

describeServer('a month of online payments on PostgreSQL', () => {
  it.skipIf(!specs.available)('through Stripe’s adapter and its fake', () => runMonth(startStripeProvider), 120_000);
  it.skipIf(!specs.available)('through PayPal’s adapter and its fake', () => runMonth(startPaypalProvider), 120_000);
});
