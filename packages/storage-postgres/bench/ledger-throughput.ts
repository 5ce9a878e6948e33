/**
 * The cost of the ledger lock: concurrent payments and credit notes through the engine, on ONE customer (every
 * operation waits for the one before: they share the customer's ledger lock) and on 1,000 different customers,
 * next to the SQL those operations must write issued without the engine (the same adapter statements, in one
 * transaction per operation, at the same concurrency), measured in the same run (median of 3). A third figure,
 * the engine with the lock call switched off, isolates what the lock itself costs.
 *
 * Each run makes `BILLFOLD_BENCH_LEDGER_OPERATIONS` operations (default 400) from 8 clients at once over a pool of
 * 10 connections. Payments have no allocations and find no open invoice (the whole amount becomes credit); each
 * credit note (1.00) goes to its own paid invoice. Credit notes also share one numbering sequence row, a lock of
 * their own that no customer spread avoids (gapless numbers).
 *
 * Environment: `DATABASE_URL` (default: a throwaway cluster started here).
 */
import {
  type BalanceTransaction,
  type Billing,
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  type CreditNote,
  type Invoice,
  type Payment,
  type StorageSession,
} from '@billfold/core';
import { compareOnce, type OnceCase } from '@billfold/bench-kit';
import pg from 'pg';
import { createPostgresStorage } from '../src/index';
import { startPostgresCluster } from '../src/testing/index';
import { seedCatalog, seedSubscriptions } from './seed';
import { withoutLedgerLock } from './without-ledger-lock';

const OPERATIONS = Number(process.env.BILLFOLD_BENCH_LEDGER_OPERATIONS ?? 400);
const CLIENTS = 8;
const CUSTOMERS = 1000;
const NOW = '2026-02-10T00:00:00.000Z';

/** Runs `count` operations from {@link CLIENTS} clients at once: client `c` runs operations c, c + CLIENTS, … */
async function concurrently(count: number, operation: (n: number) => Promise<unknown>): Promise<void> {
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = client; n < count; n += CLIENTS) await operation(n);
    }),
  );
}

let minted = 0;
const id = (prefix: string) => `${prefix}_ledgerbench${String(++minted).padStart(9, '0')}`;

/** A paid 119.00 invoice of `customerId`, cloned from `template` with its own id and number. */
function paidInvoice(template: Invoice, customerId: string): Invoice {
  const invoiceId = id('inv');
  return {
    ...template,
    id: invoiceId,
    customerId,
    number: `BENCH-${invoiceId.slice(-9)}`,
    sequence: 'BENCH',
    status: 'paid',
    amountPaid: template.amountDue,
    amountRemaining: '0.00',
    paidAt: template.issuedAt as string,
    lines: template.lines.map((line) => ({ ...line, id: id('il') })),
  };
}

/** The credit ledger entry an operation writes. */
function creditEntry(
  customerId: string,
  amount: string,
  type: BalanceTransaction['type'],
  referenceId: string,
): BalanceTransaction {
  return { id: id('btx'), customerId, currency: 'EUR', amount, type, referenceId, createdAt: NOW };
}

/** The customer ids a scenario spreads its operations over. */
type Spread = { readonly name: string; readonly customerOf: (n: number) => string };

/**
 * The writes of {@link OPERATIONS} operations without the engine: their records built before the clock starts
 * (`build`, per operation's customer), then written from {@link CLIENTS} clients, one transaction each.
 */
function rawWrites<R>(
  storage: BillingStorageAdapter,
  name: string,
  spread: Spread,
  build: (customerId: string) => R,
  write: (session: StorageSession, records: R) => Promise<void>,
): OnceCase {
  let prepared: R[] = [];
  return {
    name,
    setup: () => {
      prepared = Array.from({ length: OPERATIONS }, (_, n) => build(spread.customerOf(n)));
    },
    run: () => concurrently(OPERATIONS, (n) => storage.transaction((session) => write(session, prepared[n] as R))),
  };
}

/** A payment of 10.00 that settled nothing, all of it credit. */
function unappliedPayment(customerId: string): { payment: Payment; entry: BalanceTransaction } {
  const paymentId = id('pay');
  return {
    payment: {
      id: paymentId,
      customerId,
      currency: 'EUR',
      amount: '10.00',
      method: 'cash',
      status: 'succeeded',
      allocations: [],
      unapplied: '10.00',
      amountRefunded: '0.00',
      receivedAt: NOW,
      metadata: {},
      version: 1,
    },
    entry: creditEntry(customerId, '10.00', 'overpayment', paymentId),
  };
}

/** A credit note of 1.00 (0.84 + 19 % VAT) on a paid invoice: all of it credit. Its number is reserved when written. */
function creditNoteOf(
  template: Invoice,
  vatId: string,
  customerId: string,
): { note: CreditNote; entry: BalanceTransaction } {
  const noteId = id('cn');
  return {
    note: {
      id: noteId,
      number: '',
      invoiceId: template.id,
      invoiceNumber: template.number as string,
      customerId,
      currency: 'EUR',
      reason: 'other',
      lines: [{ id: id('cnl'), description: 'Credit', amount: '0.84', taxes: [{ rateId: vatId, amount: '0.16' }] }],
      subtotal: '0.84',
      taxTotal: '0.16',
      total: '1.00',
      appliedToInvoice: '0.00',
      creditedToBalance: '1.00',
      issuedAt: NOW,
      metadata: {},
    },
    entry: creditEntry(customerId, '1.00', 'credit_note', noteId),
  };
}

async function main(): Promise<void> {
  const cluster = await startPostgresCluster();
  const pool = new pg.Pool({ connectionString: cluster.connectionString, max: 10 });
  try {
    const storage = await createPostgresStorage({ pool, schema: `ledger_bench_${process.pid}` });
    const seeding = createBilling({ storage, clock: createTestClock('2026-01-01T00:00:00.000Z') });
    const catalog = await seedCatalog(seeding);
    await seedSubscriptions(storage, catalog, CUSTOMERS);
    const customerIds = Array.from({ length: CUSTOMERS }, (_, n) => `cus_bench${String(n).padStart(7, '0')}`);
    const template = await seeding.invoices.createOneOff({
      customerId: customerIds[0] as string,
      lines: [{ description: 'Installation', amount: '100.00' }],
      autoFinalize: true,
    });
    await storage.client.query('ANALYZE');
    const locked = createBilling({ storage, clock: createTestClock(NOW) });
    const unlocked = createBilling({ storage: withoutLedgerLock(storage), clock: createTestClock(NOW) });
    const spreads: Spread[] = [
      { name: 'one customer', customerOf: () => customerIds[1] as string },
      {
        name: `${CUSTOMERS.toLocaleString('en-US')} customers`,
        customerOf: (n) => customerIds[n % CUSTOMERS] as string,
      },
    ];
    const options = { items: OPERATIONS, unit: 'operations', repetitions: 3 };
    console.log(
      `\nLedger throughput on PostgreSQL: ${OPERATIONS} operations from ${CLIENTS} clients at once (machine shared: compare ratios, not times)`,
    );

    for (const spread of spreads) {
      // Payments: the engine (lock, customer, open invoices, payment, credit entry) vs the two inserts.
      const pay = (engine: Billing): OnceCase => ({
        name: `payments.record${engine === unlocked ? ' without the ledger lock' : ''}`,
        run: () =>
          concurrently(OPERATIONS, (n) =>
            engine.payments.record({
              customerId: spread.customerOf(n),
              amount: '10.00',
              currency: 'EUR',
              method: 'cash',
            }),
          ),
      });
      const rawPayments = rawWrites(
        storage,
        'INSERT payment + INSERT balance entry, one transaction each',
        spread,
        unappliedPayment,
        async (session, { payment, entry }) => {
          await session.payments.insert(payment);
          await session.balance.insert(entry);
        },
      );
      await compareOnce(
        `Payments on ${spread.name}: engine vs the same writes without it`,
        pay(locked),
        rawPayments,
        options,
      );
      await compareOnce(`Payments on ${spread.name}: the ledger lock's own cost`, pay(locked), pay(unlocked), options);

      // Credit notes: the engine (lock, invoice, earlier notes, number, note, credit entry), each on its own paid
      // invoice, vs the number, the note and the entry.
      let invoices: Invoice[] = [];
      const credit = (engine: Billing): OnceCase => ({
        name: `creditNotes.create${engine === unlocked ? ' without the ledger lock' : ''}`,
        setup: async () => {
          invoices = Array.from({ length: OPERATIONS }, (_, n) => paidInvoice(template, spread.customerOf(n)));
          await storage.invoices.insertMany(invoices);
        },
        run: () =>
          concurrently(OPERATIONS, (n) =>
            engine.creditNotes.create({ invoiceId: (invoices[n] as Invoice).id, amount: '1.00', reason: 'other' }),
          ),
      });
      const rawNotes = rawWrites(
        storage,
        'reserve a number + INSERT credit note + INSERT balance entry, one transaction each',
        spread,
        (customerId) => creditNoteOf(template, catalog.vatId, customerId),
        async (session, { note, entry }) => {
          const number = await session.invoices.reserveNumbers('CN-BENCH', 1);
          await session.creditNotes.insert({ ...note, number: `CN-BENCH-${number}` });
          await session.balance.insert(entry);
        },
      );
      await compareOnce(
        `Credit notes on ${spread.name}: engine vs the same writes without it`,
        credit(locked),
        rawNotes,
        options,
      );
      await compareOnce(
        `Credit notes on ${spread.name}: the ledger lock's own cost`,
        credit(locked),
        credit(unlocked),
        options,
      );
    }
  } finally {
    await pool.end();
    await cluster.stop();
  }
}

await main();
