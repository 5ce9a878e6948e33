import {
  type BalanceTransaction,
  type Billing,
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  type Invoice,
  listAll,
  type StorageSession,
  type Subscription,
} from '@billfold/core';
import { type BenchCatalog, seedCatalog, seedSubscriptions } from '../../bench/seed';
import type { PostgresStorage } from '../../src/index';

/*
 * A billing scenario for the engine-level tests: a catalog and some subscriptions made through the engine
 * (trials, a coupon, usage ingested, a cancellation at period end, a future start), plus many subscriptions
 * written straight through the adapter (records checked against the domain schemas, see bench/seed.ts).
 * Seeding uses a counter for ids and a test clock, so two schemas seeded alike hold equal records: a run on
 * one can be compared with a run on the other.
 */

/** The instant the tests bill at: every subscription has one or two boundaries due by then. */
export const RUN_NOW = '2026-03-05T00:00:00.000Z';

/** When the engine-made subscriptions start. */
const SEEDED_AT = '2026-01-10T09:00:00.000Z';

/** What {@link seedScenario} made. */
export interface Scenario {
  readonly catalog: BenchCatalog;
  /** Ids of every subscription, all due at {@link RUN_NOW}. */
  readonly subscriptionIds: readonly string[];
  /** Customers made through the engine, with a metered subscription (for usage and payments). */
  readonly meteredCustomerIds: readonly string[];
  /** The metered subscription of each of {@link Scenario.meteredCustomerIds}. */
  readonly meteredSubscriptionIds: readonly string[];
}

/** Ids `<prefix>_seed000001` … in the order asked: equal across schemas seeded alike. */
export function counterIds(): (prefix: string) => string {
  let n = 0;
  return (prefix) => {
    n += 1;
    return `${prefix}_seed${String(n).padStart(6, '0')}`;
  };
}

/**
 * Seeds `adapterSubscriptions` subscriptions through the adapter and `engineGroups` × 5 through the engine
 * (each group: a 14-day trial, seats with a 20 % coupon for two periods, a flat + metered plan with usage, a
 * plan cancelled at period end, and one starting on 2026-02-15).
 */
export async function seedScenario(
  storage: BillingStorageAdapter,
  options: { readonly adapterSubscriptions: number; readonly engineGroups?: number },
): Promise<Scenario> {
  const billing = createBilling({ storage, clock: createTestClock(SEEDED_AT), ids: counterIds() });
  const catalog = await seedCatalog(billing);
  const coupon = await billing.catalog.coupons.create({
    name: 'Welcome 20%',
    percentOff: '20',
    duration: 'repeating',
    durationPeriods: 2,
  });
  const subscriptionIds: string[] = [];
  const meteredCustomerIds: string[] = [];
  const meteredSubscriptionIds: string[] = [];
  for (let group = 0; group < (options.engineGroups ?? 3); group++) {
    const customer = (name: string, timeZone: string) =>
      billing.customers.create({
        name: `${name} ${group}`,
        email: `${name.toLowerCase()}${group}@example.com`,
        currency: 'EUR',
        timeZone,
        taxRateIds: [catalog.vatId],
      });
    const subscribe = async (customerId: string, input: Record<string, unknown>) => {
      const { subscription } = await billing.subscriptions.create({ customerId, ...input } as never);
      subscriptionIds.push(subscription.id);
      return subscription;
    };
    const trial = await customer('Trial', 'Europe/Berlin');
    await subscribe(trial.id, { items: [{ priceId: catalog.basicPriceId }], trialDays: 14 });
    const seats = await customer('Seats', 'America/New_York');
    await subscribe(seats.id, { items: [{ priceId: catalog.seatPriceId, quantity: '3' }], couponId: coupon.id });
    const metered = await customer('Metered', 'UTC');
    const sub = await subscribe(metered.id, {
      items: [{ priceId: catalog.basicPriceId }, { priceId: catalog.dataPriceId }],
    });
    meteredCustomerIds.push(metered.id);
    meteredSubscriptionIds.push(sub.id);
    await billing.usage.ingest(
      Array.from({ length: 6 }, (_, k) => ({
        id: `evt_seed_${group}_${k}`,
        customerId: metered.id,
        subscriptionId: sub.id,
        eventName: 'data',
        timestamp: `2026-01-${String(11 + k * 3).padStart(2, '0')}T12:00:00.000Z`,
        properties: { gb: `${(k + 1) * 1.5 + group}` },
      })),
    );
    const leaving = await customer('Leaving', 'Asia/Tokyo');
    const cancelled = await subscribe(leaving.id, { items: [{ priceId: catalog.basicPriceId }] });
    await billing.subscriptions.cancel({ subscriptionId: cancelled.id, atPeriodEnd: true });
    const later = await customer('Later', 'Europe/London');
    await subscribe(later.id, {
      items: [{ priceId: catalog.seatPriceId, quantity: '2' }],
      startAt: '2026-02-15T00:00:00.000Z',
    });
  }
  await seedSubscriptions(storage, catalog, options.adapterSubscriptions);
  for (let n = 0; n < options.adapterSubscriptions; n++) subscriptionIds.push(`sub_bench${String(n).padStart(7, '0')}`);
  return { catalog, subscriptionIds, meteredCustomerIds, meteredSubscriptionIds };
}

/** An engine over `storage` whose clock stands at {@link RUN_NOW} (ids stay random: each engine mints its own). */
export function runner(storage: BillingStorageAdapter): Billing {
  return createBilling({ storage, clock: createTestClock(RUN_NOW) });
}

/**
 * An invoice without what differs between two runs that bill the same things: its id, its number and the ids
 * of its lines (minted at random by each engine).
 */
export function comparable(invoice: Invoice): Omit<Invoice, 'id' | 'number' | 'lines'> & { lines: unknown[] } {
  const { id: _id, number: _number, lines, ...rest } = invoice;
  return { ...rest, lines: lines.map(({ id: _lineId, ...line }) => line) };
}

/** The key of an invoice of a subscription period. */
export const periodKey = (invoice: Invoice) => `${invoice.subscriptionId ?? '-'} ${invoice.periodStart ?? '-'}`;

/** What a billed schema holds, in a form two schemas billed alike compare equal on. */
export interface BilledState {
  /** Invoices by subscription and period start, {@link comparable}. */
  readonly invoices: ReturnType<typeof comparable>[];
  /** Every subscription as stored (its version and dates say how often and how far it was billed). */
  readonly subscriptions: Subscription[];
  /** Credit balance entries, with the invoice they point at given as its subscription period. */
  readonly balance: Omit<BalanceTransaction, 'id'>[];
}

/** Reads the {@link BilledState} of a storage. */
export async function billedState(storage: BillingStorageAdapter): Promise<BilledState> {
  const invoices = await listAll((page) => storage.invoices.list(page));
  const keyOf = new Map(invoices.map((invoice) => [invoice.id, periodKey(invoice)]));
  const subscriptions = await listAll((page) => storage.subscriptions.list(page));
  const customers = await listAll((page) => storage.customers.list(page));
  const balance: Omit<BalanceTransaction, 'id'>[] = [];
  for (const customer of customers) {
    for (const { id: _id, ...entry } of await listAll((page) =>
      storage.balance.list({ customerId: customer.id, ...page }),
    )) {
      balance.push({ ...entry, referenceId: keyOf.get(entry.referenceId ?? '') ?? entry.referenceId });
    }
  }
  const sortKey = (entry: { customerId: string; createdAt: string; amount: string; referenceId?: string }) =>
    `${entry.customerId} ${entry.createdAt} ${entry.referenceId ?? ''} ${entry.amount}`;
  return {
    invoices: [...invoices].sort((a, b) => periodKey(a).localeCompare(periodKey(b))).map(comparable),
    subscriptions,
    balance: balance.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  };
}

/** `storage` with its sessions' repositories changed by `wrap` (in transactions and outside them). */
export function wrapSessions<S extends BillingStorageAdapter>(
  storage: S,
  wrap: (session: StorageSession) => StorageSession,
): S {
  return {
    ...storage,
    ...wrap(storage),
    transaction: <T>(work: (session: StorageSession) => Promise<T>) =>
      storage.transaction((session) => work(wrap(session))),
  };
}

/** Drops the schema of a storage and everything in it. */
export async function dropStorageSchema(storage: PostgresStorage): Promise<void> {
  await storage.client.query(`DROP SCHEMA IF EXISTS "${storage.schema}" CASCADE`);
}

/**
 * Every row of every table of the storage's schema (migrations, number counters and idempotency records too),
 * as JSON, by table and in primary-key order: to prove that a failed transaction left nothing behind.
 */
export async function tableDump(storage: PostgresStorage): Promise<Record<string, unknown[]>> {
  const tables = await storage.client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [storage.schema],
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = await storage.client.query<{ rows: unknown[] }>(
      `SELECT coalesce(json_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]'::json) AS rows FROM "${storage.schema}"."${name}" t`,
    );
    dump[name] = rows[0]?.rows ?? [];
  }
  return dump;
}
