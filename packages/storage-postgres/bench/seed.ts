/**
 * Seeds a billing run for the benchmark: a small catalog through the engine, then customers, subscriptions and
 * usage written straight through the storage adapter (records checked against the domain schemas first).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type Billing,
  type BillingStorageAdapter,
  billingPeriods,
  type Customer,
  CustomerSchema,
  type Subscription,
  SubscriptionSchema,
  type UsageEvent,
  UsageEventSchema,
} from '@billfold/core';
import type { PostgresStorage } from '../src/index';
import { billingTables } from '../src/schema/tables';

/** The instant the benchmark bills at: every seeded subscription has one boundary due then. */
export const RUN_AT = '2026-02-01T00:00:00.000Z';

/** Usage events per metered subscription. */
export const EVENTS_PER_METERED = 20;

const DAY_MS = 86_400_000;
/** The catalog ids the seeded subscriptions use. */
export interface BenchCatalog {
  readonly vatId: string;
  /** 10.00 EUR a month, in advance. */
  readonly basicPriceId: string;
  /** 8.00 EUR per seat a month, in advance. */
  readonly seatPriceId: string;
  /** Metered in arrears (sum of `gb`): 10 GB free, then 0.50 EUR per GB. */
  readonly dataPriceId: string;
}

/** Creates the catalog through the engine (validated like a host's calls). */
export async function seedCatalog(billing: Billing): Promise<BenchCatalog> {
  const { catalog } = billing;
  const vat = await catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const meter = await catalog.meters.create({ name: 'Data', eventName: 'data', aggregation: 'sum', property: 'gb' });
  const basic = await catalog.products.create({ name: 'Basic', billingCode: 'BASIC', category: 'plans' });
  const seats = await catalog.products.create({ name: 'Seats', billingCode: 'SEATS', category: 'plans' });
  const data = await catalog.products.create({ name: 'Data transfer', billingCode: 'DATA', category: 'usage' });
  const basicPrice = await catalog.prices.create({
    productId: basic.id,
    spec: { model: 'flat', currency: 'EUR', amount: '10.00' },
    interval: 'month',
  });
  const seatPrice = await catalog.prices.create({
    productId: seats.id,
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '8.00' },
    interval: 'month',
  });
  const dataPrice = await catalog.prices.create({
    productId: data.id,
    spec: {
      model: 'graduated',
      currency: 'EUR',
      tiers: [
        { upTo: '10', unitAmount: '0' },
        { upTo: null, unitAmount: '0.50' },
      ],
    },
    interval: 'month',
    timing: 'in_arrears',
    meterId: meter.id,
  });
  return { vatId: vat.id, basicPriceId: basicPrice.id, seatPriceId: seatPrice.id, dataPriceId: dataPrice.id };
}

const pad = (n: number) => String(n).padStart(7, '0');

/**
 * When subscription `n` started (its anchor): spread over 2–31 December 2025 at scattered times of day, as
 * subscriptions start whenever customers sign up, so their boundaries are all different instants.
 */
function startOf(n: number): string {
  const day = 1 + (n % 30);
  const timeOfDay = (n * 7_919_113) % DAY_MS;
  return new Date(Date.parse('2025-12-01T00:00:00.000Z') + day * DAY_MS + timeOfDay).toISOString();
}

/** Customer `n`: every other one in Berlin (periods in local time), the rest in UTC. */
export function customerRecord(n: number, catalog: BenchCatalog): Customer {
  const berlin = n % 2 === 1;
  const created = startOf(n);
  return {
    id: `cus_bench${pad(n)}`,
    name: `Customer ${n}`,
    email: `customer${n}@example.com`,
    taxIds: [],
    locale: berlin ? 'de-DE' : 'en-US',
    timeZone: berlin ? 'Europe/Berlin' : 'UTC',
    currency: 'EUR',
    paymentTermsDays: n % 3 === 0 ? 30 : 14,
    taxStatus: 'taxable',
    taxRateIds: [catalog.vatId],
    metadata: {},
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}

/**
 * Subscription `n` of customer `n`, as the engine leaves it after billing its start: its first monthly period
 * (from its start in December, in the customer's zone) ends in January, so it is due at {@link RUN_AT}.
 * `n % 4` 0 is flat, 1 per seat (both in advance), 2 and 3 metered in arrears.
 */
export function subscriptionRecord(n: number, customer: Customer, catalog: BenchCatalog): Subscription {
  const anchor = startOf(n);
  const [period] = billingPeriods({ anchor, interval: 'month', timeZone: customer.timeZone, from: anchor, count: 1 });
  const end = (period as { end: Date }).end.toISOString();
  if (end > RUN_AT) throw new Error(`subscription ${n} would not be due at ${RUN_AT}`);
  const kind = n % 4;
  const item =
    kind === 0
      ? { priceId: catalog.basicPriceId, quantity: '1' }
      : kind === 1
        ? { priceId: catalog.seatPriceId, quantity: String((n % 7) + 1) }
        : { priceId: catalog.dataPriceId, quantity: '1' };
  return {
    id: `sub_bench${pad(n)}`,
    customerId: customer.id,
    currency: 'EUR',
    status: 'active',
    items: [{ id: `si_bench${pad(n)}`, ...item }],
    interval: 'month',
    intervalCount: 1,
    anchor,
    currentPeriodStart: anchor,
    currentPeriodEnd: end,
    nextBillingAt: end,
    cancelAtPeriodEnd: false,
    couponPeriodsUsed: 0,
    pendingLines: [],
    metadata: {},
    createdAt: anchor,
    updatedAt: anchor,
    version: 1,
  };
}

/**
 * The January usage of a metered subscription: `count` `data` events of 0.25–2.50 GB, spread over its current
 * period (event `k` at `currentPeriodStart + k × period / count + 1 s`), with the subscription given.
 */
export function usageRecords(subscription: Subscription, count = EVENTS_PER_METERED): UsageEvent[] {
  const start = Date.parse(subscription.currentPeriodStart);
  const step = Math.floor((Date.parse(subscription.currentPeriodEnd) - start) / count);
  return Array.from({ length: count }, (_, k) => ({
    id: `evt_${subscription.id.slice(4)}_${String(k).padStart(2, '0')}`,
    customerId: subscription.customerId,
    subscriptionId: subscription.id,
    eventName: 'data',
    timestamp: new Date(start + k * step + 1000).toISOString(),
    properties: { gb: (((k * 7 + subscription.id.length) % 10) * 0.25 + 0.25).toFixed(2) },
  }));
}

/** Whether `value` is a valid, complete record: the schema adds, drops and changes nothing. */
function checked<T>(schema: { parse(value: unknown): unknown }, value: T): T {
  const parsed = schema.parse(value);
  if (!isDeepStrictEqual(parsed, value)) throw new Error(`seed record changed by its schema: ${JSON.stringify(value)}`);
  return value;
}

/** How many records {@link seedSubscriptions} wrote. */
export interface SeedCounts {
  readonly customers: number;
  readonly subscriptions: number;
  readonly usageEvents: number;
}

/** Options of {@link seedSubscriptions}. */
export interface SeedOptions {
  /** Records written per round (default 2000). */
  readonly chunk?: number;
  /** Usage events per metered subscription (default {@link EVENTS_PER_METERED}; 0 for none). */
  readonly eventsPerMetered?: number;
}

/** Whether `storage` is the SQL adapter, whose tables the seeding can fill with one statement per chunk. */
function isPostgresStorage(storage: BillingStorageAdapter): storage is PostgresStorage {
  return 'client' in storage && 'schema' in storage;
}

/**
 * Writes customers and subscriptions: on the SQL adapter with one multi-row insert per table and chunk (its own
 * generated statement), on any other adapter with single inserts issued side by side.
 */
async function writeParents(
  storage: BillingStorageAdapter,
  customers: readonly Customer[],
  subscriptions: readonly Subscription[],
): Promise<void> {
  if (isPostgresStorage(storage)) {
    const tables = billingTables(storage.schema);
    await storage.client.query(tables.customers.insert, [JSON.stringify(customers)]);
    await storage.client.query(tables.subscriptions.insert, [JSON.stringify(subscriptions)]);
    return;
  }
  await Promise.all(customers.map((c) => storage.customers.insert(c)));
  await Promise.all(subscriptions.map((s) => storage.subscriptions.insert(s)));
}

/**
 * Writes `count` customers with one subscription each (see {@link subscriptionRecord}), and the usage of the
 * metered ones through `usage.insertMany`, in chunks.
 */
export async function seedSubscriptions(
  storage: BillingStorageAdapter,
  catalog: BenchCatalog,
  count: number,
  options: SeedOptions = {},
): Promise<SeedCounts> {
  const chunk = options.chunk ?? 2000;
  const eventsPerMetered = options.eventsPerMetered ?? EVENTS_PER_METERED;
  let usageEvents = 0;
  for (let first = 0; first < count; first += chunk) {
    const numbers = Array.from({ length: Math.min(chunk, count - first) }, (_, i) => first + i);
    const customers = numbers.map((n) => checked(CustomerSchema, customerRecord(n, catalog)));
    const subscriptions = numbers.map((n, i) =>
      checked(SubscriptionSchema, subscriptionRecord(n, customers[i] as Customer, catalog)),
    );
    await writeParents(storage, customers, subscriptions);
    if (eventsPerMetered === 0) continue;
    const events = meteredOf(subscriptions, catalog)
      .flatMap((s) => usageRecords(s, eventsPerMetered))
      .map((e) => checked(UsageEventSchema, e));
    const { inserted } = await storage.usage.insertMany(events);
    if (inserted.length !== events.length) throw new Error('usage events were skipped as duplicates');
    usageEvents += events.length;
  }
  return { customers: count, subscriptions: count, usageEvents };
}

/** The metered subscriptions among `subscriptions` (those on the data price). */
export function meteredOf(subscriptions: readonly Subscription[], catalog: BenchCatalog): Subscription[] {
  return subscriptions.filter((s) => s.items[0]?.priceId === catalog.dataPriceId);
}

/**
 * The usage of the first `count` seeded subscriptions as an internet provider's meters send it, round by round:
 * reading k of every metered line, then reading k + 1 (consecutive events are of different customers).
 */
export function meterReadings(count: number, catalog: BenchCatalog): UsageEvent[] {
  const metered: UsageEvent[][] = [];
  for (let n = 0; n < count; n++) {
    const subscription = subscriptionRecord(n, customerRecord(n, catalog), catalog);
    if (subscription.items[0]?.priceId === catalog.dataPriceId) metered.push(usageRecords(subscription));
  }
  const rows: UsageEvent[] = [];
  for (let k = 0; k < EVENTS_PER_METERED; k++) for (const events of metered) rows.push(events[k] as UsageEvent);
  return rows;
}
