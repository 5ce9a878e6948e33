import { fileURLToPath } from 'node:url';
import {
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  type Invoice,
  listAll,
  money,
  type UsageEvent,
} from '@billfold/core';
import { FakeStripe } from '@billfold/gateway-fake-kit';
import { createStripeGateway } from '@billfold/payments-stripe';
import { afterAll, expect, it } from 'vitest';
import { seedCatalog } from '../bench/seed';
import type { PostgresStorage } from '../src/index';
import { describeServer, dropSchema, postgresBackend, serverUrl } from './support/backends';
import { expectGaplessNumbers } from './support/engine-expect';
import { counterIds } from './support/engine-scenario';
import { expectLedgerKept } from './support/ledger-expect';
import type { ModelConfig, ModelCustomer, ModelMessage, ModelReport } from './support/model-child';
import type { AcceptedEvent } from './support/model-operations';
import { startChild } from './support/workers';

/*
 * The ledger model test: several OS processes run random engine operations on the same customers at once, on a
 * real PostgreSQL server, then every rule of the ledger is checked on what they left. The operations of each
 * worker come from a seeded generator (the interleaving is the server's): set BILLFOLD_MODEL_SEED to replay a
 * seed, BILLFOLD_MODEL_OPERATIONS / BILLFOLD_MODEL_WORKERS to run more, BILLFOLD_MODEL_CUSTOMERS (default 10) to
 * make them collide more or less often.
 */

const SEED = Number(process.env.BILLFOLD_MODEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WORKERS = Number(process.env.BILLFOLD_MODEL_WORKERS ?? 4);
const OPERATIONS = Number(process.env.BILLFOLD_MODEL_OPERATIONS ?? 600);
const CUSTOMERS = Number(process.env.BILLFOLD_MODEL_CUSTOMERS ?? 10);
const START = '2026-01-01T00:00:00.000Z';
/** Each worker's clock moves 3 hours per operation: 600 operations span 75 days. */
const STEP_MS = 3 * 3_600_000;
const MODEL_CHILD = fileURLToPath(new URL('./support/model-child.ts', import.meta.url));
const context = `seed ${SEED} (BILLFOLD_MODEL_SEED=${SEED} replays it)`;

const STRIPE_KEY = 'sk_test_billfoldModelNeverPrint0001';

let storage: PostgresStorage | undefined;
let fakeStripe: FakeStripe | undefined;
afterAll(async () => {
  if (storage !== undefined) await dropSchema(storage);
  await fakeStripe?.server.close();
});

/** Hundredths of a decimal string with at most two decimals (`"12.5"` → 1250). */
const hundredths = (text: string) => {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

/**
 * Checks that the events stored are exactly those the workers were told were accepted, and that each is billed
 * once: every usage line's quantity is the sum of its subscription's events in the line's period, and every
 * event lies in the period of one such line.
 */
async function expectUsageBilledOnce(
  db: PostgresStorage,
  invoices: readonly Invoice[],
  accepted: readonly AcceptedEvent[],
): Promise<void> {
  const stored: UsageEvent[] = [];
  for (const subscription of await listAll((page) => db.subscriptions.list(page))) {
    stored.push(
      ...(await listAll((page) =>
        db.usage.list({ subscriptionId: subscription.id, from: START, to: '2100-01-01T00:00:00.000Z', ...page }),
      )),
    );
  }
  const key = (e: { id: string; timestamp: string; customerId: string }) => `${e.customerId} ${e.id} ${e.timestamp}`;
  expect(stored.map(key).sort(), `stored events = accepted events (${context})`).toEqual(accepted.map(key).sort());
  const covered = new Set<string>();
  for (const invoice of invoices) {
    if (invoice.status === 'draft') continue;
    for (const line of invoice.lines) {
      if (line.kind !== 'usage' || line.billingCode !== 'DATA') continue;
      const [from, to] = [Date.parse(line.periodStart as string), Date.parse(line.periodEnd as string)];
      const inPeriod = stored.filter(
        (e) =>
          e.subscriptionId === invoice.subscriptionId &&
          Date.parse(e.timestamp) >= from &&
          Date.parse(e.timestamp) < to,
      );
      for (const event of inPeriod) {
        expect(covered.has(event.id), `${event.id} billed twice (${context})`).toBe(false);
        covered.add(event.id);
      }
      expect(
        hundredths(line.quantity ?? '0'),
        `${invoice.number} bills the events of [${line.periodStart}, ${line.periodEnd}) (${context})`,
      ).toBe(inPeriod.reduce((sum, e) => sum + hundredths(e.properties.gb ?? '0'), 0));
    }
  }
  const lost = stored.filter((e) => !covered.has(e.id)).map((e) => `${e.id} at ${e.timestamp}`);
  expect(lost, `accepted events never billed (${context})`).toEqual([]);
}

/**
 * Checks what collections left: each fee of an overdue invoice that exists, each fee invoice billing exactly its
 * fees (untaxed by the policy), interest ranges of one invoice never overlapping (no day charged twice), and no
 * reminder step beyond the invoice's `remindersSent` (each step once: the outbox key is unique in storage).
 */
async function expectCollectionsKept(db: BillingStorageAdapter, invoices: readonly Invoice[]): Promise<number> {
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const fees = await listAll((page) => db.collectionFees.list(page));
  const byFeeInvoice = new Map<string, string[]>();
  const interest = new Map<string, { from: string; to: string }[]>();
  for (const fee of fees) {
    expect(byId.has(fee.invoiceId), `fee ${fee.id} of a missing invoice (${context})`).toBe(true);
    if (fee.feeInvoiceId !== undefined) {
      byFeeInvoice.set(fee.feeInvoiceId, [...(byFeeInvoice.get(fee.feeInvoiceId) ?? []), fee.amount]);
    }
    if (fee.kind === 'interest') {
      interest.set(fee.invoiceId, [
        ...(interest.get(fee.invoiceId) ?? []),
        { from: fee.from as string, to: fee.to as string },
      ]);
    }
  }
  for (const [feeInvoiceId, amounts] of byFeeInvoice) {
    const sum = amounts.reduce((total, amount) => total.add(money(amount, 'EUR')), money('0', 'EUR'));
    expect(byId.get(feeInvoiceId)?.total, `fee invoice ${feeInvoiceId} bills its fees (${context})`).toBe(
      sum.toString(),
    );
  }
  for (const [invoiceId, ranges] of interest) {
    const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : 1));
    sorted.forEach((range, i) => {
      const before = sorted[i - 1];
      expect(
        before === undefined || range.from > before.to,
        `interest days of ${invoiceId} charged twice (${context})`,
      ).toBe(true);
    });
  }
  for (const entry of await listAll((page) => db.outbox.list(page))) {
    if (entry.notification.type !== 'invoice.reminder') continue;
    const invoice = byId.get(entry.notification.invoiceId);
    expect(entry.notification.reminderStep <= (invoice?.remindersSent ?? 0), `${entry.dedupeKey} (${context})`).toBe(
      true,
    );
  }
  return fees.length;
}

/**
 * Checks that every subscription's status agrees with its pause and its dunning, whichever of pauses, resumptions,
 * billing runs and collections runs came first: `paused` exactly while a pause is set (dunning never un-pauses),
 * `past_due` and `unpaid` only with dunning at that stage, `active` never with dunning (a resumption or a trial's
 * end returns to the status dunning calls for).
 */
async function expectStatusesAgree(db: BillingStorageAdapter): Promise<void> {
  for (const subscription of await listAll((page) => db.subscriptions.list(page))) {
    const { id, status, pause, dunning } = subscription;
    const about = `${id}: ${status}, pause ${JSON.stringify(pause)}, dunning ${JSON.stringify(dunning)} (${context})`;
    expect(status === 'paused', about).toBe(pause !== undefined);
    if (status === 'active') expect(dunning, about).toBeUndefined();
    if (status === 'past_due') expect(dunning?.stage, about).toBe('past_due');
    if (status === 'unpaid') expect(['unpaid', 'suspended', 'canceled'], about).toContain(dunning?.stage);
  }
}

/**
 * Checks the gateway's side: every charge that took money at the fake is one ledger payment of its amount (none
 * lost, none recorded twice), declines were recorded as failed attempts, and no attempt is left unsent.
 */
async function expectChargedOnce(db: BillingStorageAdapter, fake: FakeStripe): Promise<void> {
  const charged = fake
    .succeededCharges()
    .map((charge) => `${charge.payment_intent as string} ${charge.amount as number}`)
    .sort();
  const payments = (await listAll((page) => db.payments.list(page))).filter((p) => p.method === 'gateway');
  const recorded = payments.map((p) => `${p.providerPaymentId as string} ${Math.round(Number(p.amount) * 100)}`).sort();
  expect(recorded, `each charge at the provider is one ledger payment (${context})`).toEqual(charged);
  expect(charged.length, `charges went through (${context})`).toBeGreaterThan(0);
  const attempts = await listAll((page) => db.paymentAttempts.list(page));
  expect(attempts.filter((a) => a.status === 'failed').length, `declines recorded (${context})`).toBeGreaterThan(0);
  expect(
    attempts.filter((a) => a.status === 'pending').map((a) => a.id),
    `attempts left unsent (${context})`,
  ).toEqual([]);
}

describeServer('the ledger under random concurrent operations (PostgreSQL)', () => {
  it(`${WORKERS} OS processes × ${OPERATIONS} random operations keep every ledger rule`, async () => {
    const db = await postgresBackend.storage();
    storage = db;
    // Customers are charged automatically through the Stripe adapter against its fake: the first charges decline
    // (soft, then hard), and some answers are lost after the charge (connection reset), for the engine to recover.
    const fake = await FakeStripe.start(() => Math.floor(Date.now() / 1000), STRIPE_KEY);
    fakeStripe = fake;
    for (let n = 0; n < 24; n++) fake.nextCharge(n % 4 === 3 ? 'decline_hard' : 'decline_soft');
    fake.server.inject('PostPaymentIntents', { kind: 'reset_after_success' }, 6);
    const stripe = createStripeGateway({
      secretKey: STRIPE_KEY,
      webhookSecret: 'whsec_model',
      api: { host: '127.0.0.1', port: fake.server.port, protocol: 'http' },
      maxNetworkRetries: 0,
    });
    const seeding = createBilling({
      storage: db,
      clock: createTestClock(START),
      ids: counterIds(),
      gateways: [stripe],
    });
    const catalog = await seedCatalog(seeding);
    const coupon = await seeding.catalog.coupons.create({
      name: 'Model 20 %',
      percentOff: '20',
      duration: 'repeating',
      durationPeriods: 3,
    });
    const customers: ModelCustomer[] = [];
    for (let n = 0; n < CUSTOMERS; n++) {
      const customer = await seeding.customers.create({
        name: `Model ${n}`,
        email: `model${n}@example.com`,
        currency: 'EUR',
        timeZone: n % 2 === 0 ? 'UTC' : 'Europe/Berlin',
        taxRateIds: [catalog.vatId],
        ...(n % 2 === 0 ? { collectionMethod: 'charge_automatically' as const } : {}),
      });
      const reference = await seeding.paymentMethods.gatewayCustomer(customer.id);
      await seeding.paymentMethods.save({ customerId: customer.id, providerMethodId: fake.addCard(reference) });
      await seeding.subscriptions.create({
        customerId: customer.id,
        items: [{ priceId: catalog.basicPriceId }, { priceId: catalog.dataPriceId }],
      });
      customers.push({ id: customer.id });
    }
    const children = Array.from({ length: WORKERS }, (_, worker) =>
      startChild<ModelMessage>(MODEL_CHILD, {
        url: serverUrl() as string,
        schema: db.schema as string,
        applicationName: `billfold-model-${worker}-${process.pid}`,
        worker,
        seed: SEED + worker,
        operations: OPERATIONS,
        start: START,
        stepMs: STEP_MS,
        customers,
        prices: {
          basic: catalog.basicPriceId,
          seat: catalog.seatPriceId,
          data: catalog.dataPriceId,
          coupon: coupon.id,
        },
        stripe: { port: fake.server.port, secretKey: STRIPE_KEY },
      } satisfies ModelConfig),
    );
    let reports: ModelReport[];
    try {
      await Promise.all(children.map((child) => child.next('ready')));
      for (const child of children) child.send('go');
      reports = (await Promise.all(children.map((child) => child.next('finished')))).map((m) => m.report);
    } finally {
      await Promise.all(children.map((child) => child.kill()));
    }

    // Bill everything the workers left due, up to well past their last usage.
    const end = new Date(Date.parse(START) + OPERATIONS * STEP_MS + 45 * 86_400_000).toISOString();
    const closing = createBilling({ storage: db, clock: createTestClock(end), gateways: [stripe] });
    const final = await closing.runCycle();
    expect(final.errors, context).toEqual([]);
    // Charges whose answer was lost and whose sender moved on are sent again once their lease has ended.
    await closing.collections.run();

    const outcomes: Record<string, number> = {};
    for (const report of reports) {
      for (const [key, n] of Object.entries(report.outcomes)) outcomes[key] = (outcomes[key] ?? 0) + n;
    }
    expect(
      reports.flatMap((r) => r.unexpected),
      `unexpected errors (${context})`,
    ).toEqual([]);
    expect(
      reports.flatMap((r) => r.negative),
      `balances read below zero (${context})`,
    ).toEqual([]);
    // The model did what it is for: money moved in every way, and usage came in late and twice.
    for (const done of [
      'run ok',
      'pay ok',
      'payAllocated ok',
      'refund ok',
      'creditNote ok',
      'void ok',
      'usage ok',
      'pause ok',
      'resume ok',
      'addItem ok',
      'schedule ok',
      'collect ok',
      'dispatch ok',
      'portalPay ok',
    ]) {
      expect(outcomes[done] ?? 0, `${done} (${context}): ${JSON.stringify(outcomes)}`).toBeGreaterThan(0);
    }
    expect(outcomes['usage invalid_input'] ?? 0, `late usage refused (${context})`).toBeGreaterThan(0);

    for (const customer of customers) await expectLedgerKept(db, customer.id, 'EUR', context);
    const invoices = await listAll((page) => db.invoices.list(page));
    expectGaplessNumbers(invoices);
    const notes = await listAll((page) => db.creditNotes.list(page));
    const numbers = notes.map((note) => Number(note.number.split('-').at(-1))).sort((a, b) => a - b);
    expect(numbers, `credit-note numbers gapless and unique (${context})`).toEqual(numbers.map((_, i) => i + 1));
    await expectUsageBilledOnce(
      db,
      invoices,
      reports.flatMap((r) => r.accepted),
    );
    // Collections charged fees (and reminded) along the way, and kept their rules.
    expect(await expectCollectionsKept(db, invoices), `fees charged (${context})`).toBeGreaterThan(0);
    // Pauses and dunning met along the way without contradicting each other.
    await expectStatusesAgree(db);
    await expectChargedOnce(db, fake);
    expect(fake.server.violations, context).toEqual([]);
  }, 180_000);
});
