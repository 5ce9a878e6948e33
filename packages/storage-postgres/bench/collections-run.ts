/**
 * The collections benchmark: `collections.run` over 100,000 open invoices (10 per customer; every other customer in
 * Berlin) on a PostgreSQL server, next to a raw query of the same rows measured in the same run: batches of 500
 * claimed with one `SELECT … FOR UPDATE SKIP LOCKED` and written back with one `UPDATE`, the least any collections
 * run does. 80 % of the invoices are due today (reminder 2, no fee), 20 % a week late (reminder 3 with a fee invoice
 * of 25.00 + interest). Each repetition starts from the same seeded rows (copied back, untimed); median of 3.
 *
 * Environment: `DATABASE_URL` (default: a throwaway cluster), `BILLFOLD_BENCH_BACKENDS` (`postgres` by default, or
 * `pglite,postgres`), `BILLFOLD_BENCH_INVOICES` (default 100000), `BILLFOLD_BENCH_REPETITIONS` (default 3).
 */
import { PGlite } from '@electric-sql/pglite';
import {
  type Billing,
  type CollectionsPolicyInput,
  type Customer,
  CustomerSchema,
  createBilling,
  createTestClock,
  type Invoice,
  InvoiceSchema,
} from '@billfold/core';
import { compareOnce } from '@billfold/bench-kit';
import pg from 'pg';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { startPostgresCluster } from '../src/testing/index';
import { StatementCounter } from './statement-counter';

const env = process.env;
const INVOICES = Number(env.BILLFOLD_BENCH_INVOICES ?? 100_000);
const REPETITIONS = Number(env.BILLFOLD_BENCH_REPETITIONS ?? 3);
const BACKENDS = (env.BILLFOLD_BENCH_BACKENDS ?? 'postgres').split(',').map((name) => name.trim());
const PER_CUSTOMER = 10;
const BATCH = 500;

/** The instant of the run: 22 March 2026, 07:00 UTC. */
const RUN_AT = '2026-03-22T07:00:00.000Z';

/** Reminders 3 days before, on and 7 days after the due date (the last with 10.00 + 1.5 %), interest 2.15 + 5. */
const POLICY: CollectionsPolicyInput = {
  reminders: {
    steps: [{ days: -3 }, { days: 0 }, { days: 7, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } }],
  },
  graceDays: 3,
  interest: { referenceRate: '2.15', margin: { business: '9', consumer: '5' } },
  dunning: false,
};

const pad = (n: number) => String(n).padStart(7, '0');

/** Customer `n`: every other one in Berlin. */
function customerRecord(n: number): Customer {
  return CustomerSchema.parse({
    id: `cus_coll${pad(n)}`,
    name: `Customer ${n}`,
    email: `customer${n}@example.com`,
    taxIds: [],
    locale: 'en-GB',
    timeZone: n % 2 === 1 ? 'Europe/Berlin' : 'UTC',
    currency: 'EUR',
    paymentTermsDays: 14,
    taxStatus: 'taxable',
    taxRateIds: [],
    metadata: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  }) as Customer;
}

/**
 * Invoice `k` of customer `customer`, 100.00 open: due at the end of 22 March (reminder 2 due at the start of that
 * day), or for one in five at the end of 15 March, overdue since 19 March (reminder 3 due at the start of 22 March).
 */
function invoiceRecord(customer: Customer, k: number, n: number): Invoice {
  const berlin = customer.timeZone === 'Europe/Berlin';
  const late = n % 5 === 0;
  const hour = berlin ? 23 : 24; // local midnight in UTC hours of the day before (Berlin is UTC+1 until 29 March)
  const midnight = (day: number) => new Date(Date.UTC(2026, 2, day - 1, hour)).toISOString();
  const dueDay = late ? 15 : 22;
  return InvoiceSchema.parse({
    id: `inv_coll${pad(n)}`,
    number: `SEED-${pad(n)}`,
    sequence: 'SEED',
    customerId: customer.id,
    billingReason: 'manual',
    status: 'open',
    currency: 'EUR',
    lines: [
      {
        id: `il_coll${pad(n)}_${k}`,
        kind: 'one_off',
        description: 'Service',
        amount: '100.00',
        discountAmount: '0.00',
        taxableAmount: '100.00',
        taxes: [],
      },
    ],
    taxRates: [],
    subtotal: '100.00',
    discountTotal: '0.00',
    taxes: [],
    taxTotal: '0.00',
    roundingAmount: '0.00',
    total: '100.00',
    creditApplied: '0.00',
    amountDue: '100.00',
    amountPaid: '0.00',
    amountCredited: '0.00',
    amountRemaining: '100.00',
    notes: [],
    customerSnapshot: {
      name: customer.name,
      email: customer.email,
      taxIds: [],
      taxStatus: 'taxable',
      locale: 'en-GB',
      timeZone: customer.timeZone,
    },
    createdAt: midnight(dueDay - 14),
    issuedAt: midnight(dueDay - 14),
    dueAt: new Date(Date.parse(midnight(dueDay + 1)) - 1).toISOString(),
    remindersSent: late ? 2 : 1,
    overdue: late,
    ...(late ? { overdueAt: midnight(19) } : {}),
    collectionsDueAt: midnight(22),
    metadata: {},
    version: 1,
  }) as Invoice;
}

/** A database the benchmark runs on. */
interface Backend {
  readonly name: string;
  storage(schema: string): Promise<PostgresStorage>;
  close(): Promise<void>;
}

async function backends(): Promise<Backend[]> {
  const found: Backend[] = [];
  if (BACKENDS.includes('pglite')) {
    const db = await PGlite.create();
    found.push({
      name: 'PGlite',
      storage: (schema) => createPostgresStorage({ pglite: db, schema }),
      close: () => db.close(),
    });
  }
  if (BACKENDS.includes('postgres')) {
    try {
      const cluster = await startPostgresCluster();
      const pool = new pg.Pool({ connectionString: cluster.connectionString, max: 10 });
      const version = await pool.query<{ server_version: string }>('SHOW server_version');
      found.push({
        name: `PostgreSQL ${version.rows[0]?.server_version ?? ''}`.trim(),
        storage: (schema) => createPostgresStorage({ pool, schema }),
        close: async () => {
          await pool.end();
          await cluster.stop();
        },
      });
    } catch (error) {
      console.log(`\nPostgreSQL server skipped: ${(error as Error).message}`);
    }
  }
  return found;
}

/** Seeds the customers and invoices, and keeps a copy of the invoices to start each repetition from. */
async function seed(storage: PostgresStorage): Promise<void> {
  const customers = Math.ceil(INVOICES / PER_CUSTOMER);
  for (let first = 0; first < customers; first += 1000) {
    const chunk = Array.from({ length: Math.min(1000, customers - first) }, (_, i) => customerRecord(first + i));
    await Promise.all(chunk.map((customer) => storage.customers.insert(customer)));
    const invoices = chunk.flatMap((customer, c) =>
      Array.from({ length: PER_CUSTOMER }, (_, k) => invoiceRecord(customer, k, (first + c) * PER_CUSTOMER + k)),
    );
    await storage.invoices.insertMany(invoices.slice(0, INVOICES - first * PER_CUSTOMER));
  }
  const schema = `"${storage.schema}"`;
  await storage.client.query(`CREATE TABLE ${schema}.seeded_invoices AS SELECT * FROM ${schema}.invoices`);
  await storage.client.query('ANALYZE');
}

/** Puts the seeded invoices back and forgets what a run wrote (fee invoices, fees, the outbox, numbers). */
async function reset(storage: PostgresStorage): Promise<void> {
  const schema = `"${storage.schema}"`;
  for (const statement of [
    `TRUNCATE ${schema}.invoices, ${schema}.collection_fees, ${schema}.notification_outbox, ${schema}.number_sequences`,
    `INSERT INTO ${schema}.invoices SELECT * FROM ${schema}.seeded_invoices`,
    'ANALYZE',
  ]) {
    await storage.client.query(statement);
  }
}

/** The baseline: every due row claimed and written back in batches, by hand. */
async function rawCollect(storage: PostgresStorage): Promise<number> {
  const table = `"${storage.schema}".invoices`;
  let rows = 0;
  for (;;) {
    const claimed = await storage.client.transaction(async (tx) => {
      const due = await tx.query<{ id: string }>(
        `SELECT * FROM ${table} t WHERE t.status = 'open' AND t.collections_due_at <= $1::timestamptz
          ORDER BY t.collections_due_at, t.id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [RUN_AT],
      );
      if (due.length > 0) {
        await tx.query(
          `UPDATE ${table} SET reminders_sent = reminders_sent + 1, last_reminder_at = $1::timestamptz,
            collections_due_at = $1::timestamptz + interval '7 days', version = version + 1 WHERE id = ANY($2::text[])`,
          [RUN_AT, due.map((row) => row.id)],
        );
      }
      return due.length;
    });
    if (claimed === 0) return rows;
    rows += claimed;
  }
}

async function measure(backend: Backend): Promise<void> {
  const storage = await backend.storage(`bench_collections_${process.pid}`);
  const seeding = performance.now();
  await seed(storage);
  console.log(
    `\n${backend.name}: seeded ${INVOICES.toLocaleString('en-US')} open invoices in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const billing: Billing = createBilling({ storage, clock: createTestClock(RUN_AT), config: { collections: POLICY } });
  const late = INVOICES / 5;
  let fees = '';
  await compareOnce(
    `${backend.name}: collections run over ${INVOICES.toLocaleString('en-US')} open invoices vs a raw claim-and-update of the same rows`,
    {
      name: 'collections.run',
      setup: () => reset(storage),
      run: async () => {
        const summary = await billing.collections.run({ batchSize: BATCH });
        if (summary.invoicesCollected !== INVOICES || summary.remindersSent !== INVOICES || summary.errors.length > 0) {
          throw new Error(
            `collected ${summary.invoicesCollected} of ${INVOICES}: ${JSON.stringify(summary.errors[0])}`,
          );
        }
        // 20 % late: a reminder fee (10.00 + 1.5 % of 100.00 = 11.50) and 6 days of interest at 7.15 %
        // (100.00 × 7.15 × 6 / 36,500 = 0.1175… → 0.12) each.
        if (summary.feesCharged !== 2 * late)
          throw new Error(`charged ${summary.feesCharged} fees, expected ${2 * late}`);
        fees = JSON.stringify(summary.feesByCurrency);
      },
    },
    {
      name: `SELECT … FOR UPDATE SKIP LOCKED and UPDATE, ${BATCH} rows a batch`,
      setup: () => reset(storage),
      run: async () => {
        const rows = await rawCollect(storage);
        if (rows !== INVOICES) throw new Error(`the raw run wrote ${rows} rows, expected ${INVOICES}`);
      },
    },
    { repetitions: REPETITIONS, items: INVOICES, unit: 'invoices' },
  );
  console.log(
    `  fees charged ${fees} (expected EUR ${((late * 1162) / 100).toFixed(2)}: 11.50 + 0.12 per late invoice)`,
  );
  await statements(storage);
  await storage.client.query(`DROP SCHEMA "${storage.schema}" CASCADE`);
}

/** One more run, counting its statements by kind and the time spent waiting on each kind. */
async function statements(storage: PostgresStorage): Promise<void> {
  await reset(storage);
  const counting = new StatementCounter(storage.client);
  const counted = await createPostgresStorage({ client: counting, schema: storage.schema, migrate: false });
  const billing = createBilling({ storage: counted, clock: createTestClock(RUN_AT), config: { collections: POLICY } });
  await billing.collections.run({ batchSize: BATCH });
  const batches = Math.ceil(INVOICES / BATCH);
  console.log(`  statements of a run (${batches} batches of ${BATCH}), by kind: count, ms waited`);
  for (const [kind, count] of [...counting.counts].sort(([, a], [, b]) => b - a)) {
    console.log(
      `    ${kind.padEnd(44)} ${String(count).padStart(6)}  ${(counting.ms.get(kind) ?? 0).toFixed(0).padStart(7)} ms`,
    );
  }
}

console.log('(The machine is shared with other work: read the ratios, not the absolute times.)');
for (const backend of await backends()) {
  try {
    await measure(backend);
  } finally {
    await backend.close();
  }
}
