import {
  type Billing,
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  isBillingError,
  listAll,
  MemoryStorage,
  readAllRecords,
} from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { describeServer, dropSchema, freshSchema, sharedPGlite, sharedPool } from './support/backends';
import { tableDump } from './support/engine-scenario';

/*
 * Every hostile input of issue 7, fed to the engine on MemoryStorage, PGlite and a PostgreSQL server: each gets a
 * BillingError with the same code and path on all three, and nothing is written. Before, NUL characters, lone
 * surrogates and year-0000 dates passed validation and MemoryStorage but PostgreSQL refused them with an empty
 * path; a lone-surrogate idempotency key collided with the U+FFFD one on PostgreSQL; `__proto__` metadata keys
 * were dropped, unknown keys stripped or ignored, and a 62-digit amount stored that no run could read back.
 */

/** One engine over one storage, seeded with a customer, a catalog, a metered subscription and an open invoice. */
interface World {
  readonly billing: Billing;
  readonly storage: BillingStorageAdapter;
  readonly customerId: string;
  readonly subscriptionId: string;
  readonly priceId: string;
}

type Storages = () => Promise<{ storage: BillingStorageAdapter; dispose(): Promise<void> }>;

const memory: Storages = async () => {
  const storage = new MemoryStorage();
  return { storage, dispose: () => storage.close() };
};

const sql =
  (open: (schema: string) => Promise<PostgresStorage>): Storages =>
  async () => {
    const storage = await open(freshSchema());
    return { storage, dispose: () => dropSchema(storage) };
  };

async function seed(storage: BillingStorageAdapter): Promise<World> {
  const billing = createBilling({ storage, clock: createTestClock('2026-01-10T09:00:00Z') });
  const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
  const product = await billing.catalog.products.create({ name: 'Plan', billingCode: 'PLAN', category: 'plans' });
  const price = await billing.catalog.prices.create({
    productId: product.id,
    spec: { model: 'flat', currency: 'EUR', amount: '30.00' },
    interval: 'month',
  });
  const meter = await billing.catalog.meters.create({ name: 'API', eventName: 'api', aggregation: 'count' });
  const metered = await billing.catalog.prices.create({
    productId: product.id,
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '0.01' },
    interval: 'month',
    timing: 'in_arrears',
    meterId: meter.id,
  });
  const { subscription } = await billing.subscriptions.create({
    customerId: customer.id,
    items: [{ priceId: price.id }, { priceId: metered.id }],
  });
  return { billing, storage, customerId: customer.id, subscriptionId: subscription.id, priceId: price.id };
}

/** The adapter's records, and for SQL storage every row of every table (idempotency records and counters too). */
async function dump(world: World): Promise<unknown> {
  const records = await readAllRecords(world.storage);
  return 'client' in world.storage ? { records, tables: await tableDump(world.storage as PostgresStorage) } : records;
}

type Case = readonly [name: string, call: (world: World) => Promise<unknown>, path: readonly (string | number)[]];

const payment = (world: World, changes: object) =>
  world.billing.payments.record({
    customerId: world.customerId,
    amount: '10.00',
    currency: 'EUR',
    method: 'bank_transfer',
    ...changes,
  });
const event = (world: World, changes: object) =>
  world.billing.usage.ingest([
    {
      id: 'evt_hostile',
      customerId: world.customerId,
      eventName: 'api',
      timestamp: '2026-01-11T00:00:00Z',
      ...changes,
    },
  ]);
const customer = (world: World, changes: object) =>
  world.billing.customers.create({ name: 'Eve', email: 'eve@example.com', currency: 'EUR', ...changes });

/** Every hostile input, all refused with `invalid_input` at `path`. */
const CASES: readonly Case[] = [
  ['NUL in a name', (w) => customer(w, { name: 'Eve\u0000Mallory' }), ['input', 'name']],
  [
    'lone high surrogate in a metadata value',
    (w) => customer(w, { metadata: { note: 'a\uD800' } }),
    ['input', 'metadata', 'note'],
  ],
  [
    'lone low surrogate in an address',
    (w) => customer(w, { address: { line1: '\uDC00', city: 'Berlin', country: 'DE' } }),
    ['input', 'address', 'line1'],
  ],
  ['NUL in a usage event name', (w) => event(w, { eventName: 'api\u0000' }), ['events', 0, 'eventName']],
  [
    'NUL in a usage property',
    (w) => event(w, { properties: { region: 'eu\u0000' } }),
    ['events', 0, 'properties', 'region'],
  ],
  [
    'NUL in an invoice line',
    (w) =>
      w.billing.invoices.createOneOff({
        customerId: w.customerId,
        lines: [{ description: 'Fee\u0000', amount: '1.00' }],
      }),
    ['input', 'lines', 0, 'description'],
  ],
  [
    'a lone surrogate in an idempotency key',
    (w) => payment(w, { idempotencyKey: 'pay-\uD800' }),
    ['input', 'idempotencyKey'],
  ],
  ['a payment dated in year 0000', (w) => payment(w, { receivedAt: '0000-01-01T00:00:00Z' }), ['input', 'receivedAt']],
  [
    'a subscription starting in 1900',
    (w) =>
      w.billing.subscriptions.create({
        customerId: w.customerId,
        items: [{ priceId: w.priceId }],
        startAt: '1900-01-01T00:00:00Z',
      }),
    ['input', 'startAt'],
  ],
  ['usage in year 9999', (w) => event(w, { timestamp: '9999-12-31T23:59:59Z' }), ['events', 0, 'timestamp']],
  [
    'a __proto__ metadata key',
    (w) => customer(w, JSON.parse('{ "metadata": { "__proto__": "x" } }')),
    ['input', 'metadata', '__proto__'],
  ],
  [
    'a constructor metadata key',
    (w) => customer(w, { metadata: { constructor: 'x' } }),
    ['input', 'metadata', 'constructor'],
  ],
  [
    'an unknown key on coupons.create',
    (w) =>
      w.billing.catalog.coupons.create({ name: 'X', percentOff: '10', duration: 'once', appliesTo: ['x'] } as never),
    ['input', 'appliesTo'],
  ],
  [
    'an unknown key on meters.create',
    (w) => w.billing.catalog.meters.create({ name: 'X', eventName: 'x', aggregation: 'count', unit: 'GB' } as never),
    ['input', 'unit'],
  ],
  [
    'an unknown customers.list filter',
    (w) => w.billing.customers.list({ emial: 'ada@example.com' } as never),
    ['filter', 'emial'],
  ],
  ['a 62-digit payment', (w) => payment(w, { amount: `${'9'.repeat(62)}.00` }), ['input', 'amount']],
  ['a payment of 10^15', (w) => payment(w, { amount: '1000000000000000.00' }), ['input', 'amount']],
  [
    'a price finer than 12 decimals',
    (w) =>
      w.billing.catalog.prices.create({
        productId: 'prod_none',
        spec: { model: 'per_unit', currency: 'EUR', unitAmount: '0.0000000000001' },
        interval: 'month',
      }),
    ['input', 'spec', 'unitAmount'],
  ],
  [
    'a quantity of 10^15',
    (w) =>
      w.billing.subscriptions.create({
        customerId: w.customerId,
        items: [{ priceId: w.priceId, quantity: '1000000000000000' }],
      }),
    ['input', 'items', 0, 'quantity'],
  ],
  ['a billing run in year 9999', (w) => w.billing.runCycle({ now: '9999-12-31T23:59:59Z' }), ['options', 'now']],
  ['a billing run a year ahead', (w) => w.billing.runCycle({ now: '2027-01-10T09:00:00Z' }), ['options', 'now']],
];

function describeStorage(name: string, storages: Storages): void {
  it(`${name}: every hostile input is invalid_input at its path, and nothing is written`, async () => {
    const { storage, dispose } = await storages();
    try {
      const world = await seed(storage);
      const before = await dump(world);
      const outcomes = [];
      for (const [title, call] of CASES) {
        const error = await call(world).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        outcomes.push([
          title,
          isBillingError(error) ? [error.code, error.path] : `not a BillingError: ${String(error)}`,
        ]);
      }
      expect(outcomes).toEqual(CASES.map(([title, , path]) => [title, ['invalid_input', path]]));
      expect(await dump(world)).toEqual(before);
    } finally {
      await dispose();
    }
  });

  it(`${name}: the largest amounts are kept, summed and read back exactly, and billing goes on`, async () => {
    const { storage, dispose } = await storages();
    try {
      const world = await seed(storage);
      // Three payments of the largest amount; the first pays the open 30.00 of January, the rest is credit.
      for (let n = 0; n < 3; n++) await payment(world, { amount: '999999999999999.99' });
      const balance = await world.billing.balance.get(world.customerId, 'EUR');
      expect(balance.amount).toBe('2999999999999969.97');
      const stored = await listAll((page) => storage.payments.list(page));
      expect(stored.map((p) => p.amount)).toEqual(Array(3).fill('999999999999999.99'));
      const summary = await world.billing.runCycle({ now: '2026-02-10T09:00:00Z' });
      expect([summary.invoicesCreated, summary.errors]).toEqual([1, []]);
      const [, february] = await listAll((page) => storage.invoices.list(page));
      expect([february?.total, february?.creditApplied, february?.amountDue]).toEqual(['30.00', '30.00', '0.00']);
      expect((await world.billing.balance.get(world.customerId, 'EUR')).amount).toBe('2999999999999939.97');
    } finally {
      await dispose();
    }
  });

  it(`${name}: a U+FFFD key and a refused lone-surrogate key never meet; a distinct payment is never a replay`, async () => {
    const { storage, dispose } = await storages();
    try {
      const world = await seed(storage);
      const first = await payment(world, { idempotencyKey: 'pay-\uFFFD' });
      const refused = await payment(world, { idempotencyKey: 'pay-\uD800', amount: '20.00' }).then(
        () => expect.fail('a lone-surrogate key was taken'),
        (error: unknown) => error,
      );
      expect(isBillingError(refused) && refused.path).toEqual(['input', 'idempotencyKey']);
      expect(await payment(world, { idempotencyKey: 'pay-\uFFFD' })).toEqual(first);
      const second = await payment(world, { idempotencyKey: 'pay-2', amount: '20.00' });
      expect((await listAll((page) => storage.payments.list(page))).map((p) => [p.id, p.amount])).toEqual([
        [first.id, '10.00'],
        [second.id, '20.00'],
      ]);
    } finally {
      await dispose();
    }
  });

  it(`${name}: another customer's usage event with a taken id is a new event, billed to that customer`, async () => {
    const { storage, dispose } = await storages();
    try {
      const world = await seed(storage);
      const other = await customer(world, {});
      const { subscription } = await world.billing.subscriptions.create({
        customerId: other.id,
        items: (await world.billing.subscriptions.get(world.subscriptionId)).items.map(({ priceId }) => ({ priceId })),
      });
      const send = (customerId: string) =>
        world.billing.usage.ingest([{ id: 'evt_0', customerId, eventName: 'api', timestamp: '2026-01-20T00:00:00Z' }]);
      expect(await send(world.customerId)).toEqual({ inserted: 1, duplicates: 0, duplicateEvents: [] });
      expect(await send(other.id)).toEqual({ inserted: 1, duplicates: 0, duplicateEvents: [] });
      expect(await send(other.id)).toEqual({
        inserted: 0,
        duplicates: 1,
        duplicateEvents: [{ customerId: other.id, id: 'evt_0' }],
      });
      const usage = await world.billing.usage.summary({ subscriptionId: subscription.id });
      expect(usage.meters.map((m) => m.quantity)).toEqual(['1']);
    } finally {
      await dispose();
    }
  });
}

describe('hostile input, identically on every storage', () => {
  describeStorage('MemoryStorage', memory);
  describeStorage(
    'PGlite',
    sql(async (schema) => createPostgresStorage({ pglite: await sharedPGlite(), schema })),
  );
  describeServer('on a server', () => {
    describeStorage(
      'PostgreSQL',
      sql((schema) => createPostgresStorage({ pool: sharedPool(), schema })),
    );
  });

  it('createPostgresStorage refuses a misspelt or mistyped option instead of opening an in-memory database', async () => {
    const outcome = (options: object) =>
      createPostgresStorage(options as never).then(
        async (storage) => {
          await storage.close();
          return 'opened';
        },
        (error: unknown) => (isBillingError(error) ? [error.code, error.path] : String(error)),
      );
    expect(await outcome({ datadir: './billing-data' })).toEqual(['invalid_input', ['options', 'datadir']]);
    expect(await outcome({ dataDir: 123 })).toEqual(['invalid_input', ['options', 'dataDir']]);
    expect(await outcome({ connectionString: 'postgres://x', dataDir: './d' })).toEqual([
      'invalid_input',
      ['options', 'dataDir'],
    ]);
    expect(await outcome({ poolConfig: { max: 1 } })).toEqual(['invalid_input', ['options', 'poolConfig']]);
  });
});
