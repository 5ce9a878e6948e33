/**
 * The floor of a billing run: the same work written by hand, set-based, in one transaction — the least a billing
 * run over these subscriptions can cost on this database:
 * 1. read the due subscriptions and lock them (`SELECT … FOR UPDATE`, one statement);
 * 2. aggregate each metered subscription's usage over its period (one `GROUP BY`);
 * 3. rate and tax every invoice in plain BigInt cents (flat 10.00, 8.00 a seat, 10 GB free then 0.50 per GB,
 *    19 % VAT per invoice, half up) and check the grand total equals the engine's;
 * 4. write the invoice rows (the engine's own rows from an untimed run: same bytes) with one `INSERT … unnest`;
 * 5. move every subscription to its next period with one `UPDATE … FROM unnest`.
 * Alone it leaves out statements the engine's rules require of a run: the customers' ledger locks, their records
 * (time zone, tax status, the invoice's snapshot), the outbox rows written with the invoices, the gapless number
 * reservation. With `engineWrites` — the goal's floor — it makes those too, set-based: the customers locked
 * (`FOR NO KEY UPDATE`) and read whole, the run's outbox entries inserted, one number reservation. Still left out:
 * balances, time zones and documents computed per customer.
 */
import type { Invoice, OutboxEntry } from '@billfold/core';
import type { PostgresStorage } from '../src/index';
import { billingTables } from '../src/schema/tables';
import type { BenchCatalog } from './seed';

/** What the floor writes: the invoices of an engine run, and what the subscriptions become. */
export interface FloorRows {
  readonly invoices: readonly Invoice[];
  /** The engine's grand total (cents), which the floor's BigInt math must reach. */
  readonly totalCents: bigint;
  /** The engine run's outbox entries (written by the floor with `engineWrites` only). */
  readonly outbox: readonly OutboxEntry[];
}

/** Every invoice stored in `storage`, page by page (the template run's output). */
export async function storedInvoices(storage: PostgresStorage): Promise<Invoice[]> {
  const all: Invoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.invoices.list({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}

const cents = (text: string): bigint => {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
};

/** Half-up division of a non-negative numerator. */
const divHalfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/** Every outbox entry stored in `storage` (the template run's notifications). */
export async function storedOutbox(storage: PostgresStorage): Promise<OutboxEntry[]> {
  const table = billingTables(storage.schema).outbox;
  const rows = await storage.client.query(`${table.select} ORDER BY t."id"`);
  return rows.map((row) => table.toRecord(row));
}

/** The floor's rows: the template run's invoices, their grand total and its outbox entries. */
export function floorRows(invoices: readonly Invoice[], outbox: readonly OutboxEntry[]): FloorRows {
  return { invoices, totalCents: invoices.reduce((sum, invoice) => sum + cents(invoice.total), 0n), outbox };
}

interface DueRow extends Record<string, unknown> {
  readonly id: string;
  readonly customerId: string;
  readonly item: { readonly priceId: string; readonly quantity: string };
  readonly from: string;
  readonly to: string;
}

/**
 * Runs the floor on `storage` (seeded exactly as the engine's schema was), in one transaction; with `engineWrites`,
 * the run's other statements too (see the top of this file).
 */
export async function runFloor(
  storage: PostgresStorage,
  catalog: BenchCatalog,
  rows: FloorRows,
  now: string,
  options: { readonly engineWrites?: boolean } = {},
) {
  const tables = billingTables(storage.schema);
  const subscriptions = tables.subscriptions.name;
  await storage.client.transaction(async (tx) => {
    const due = await tx.query<DueRow>(
      `SELECT t.id, t.customer_id AS "customerId", t.items -> 0 AS item, t.current_period_start::text AS "from",
          t.current_period_end::text AS "to"
        FROM ${subscriptions} t WHERE t.next_billing_at <= $1::timestamptz ORDER BY t.next_billing_at, t.id FOR UPDATE`,
      [now],
    );
    if (options.engineWrites) {
      const customerIds = [...new Set(due.map((row) => row.customerId))];
      const customers = tables.customers;
      await tx.query(
        `SELECT t.id FROM ${customers.name} t WHERE t.id = ANY($1::text[]) ORDER BY t.id FOR NO KEY UPDATE`,
        [customerIds],
      );
      await tx.query(`${customers.select} WHERE t.id = ANY($1::text[])`, [customerIds]);
    }
    const metered = due.filter((row) => row.item.priceId === catalog.dataPriceId);
    const usage = await tx.query<{ id: string; gb: string }>(
      `SELECT u.id, sum((e.properties ->> 'gb')::numeric)::text AS gb
        FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS u(id, "from", "to")
        JOIN ${tables.usageEvents.name} e ON e.subscription_id = u.id AND e.event_name = 'data'
          AND e."timestamp" >= u."from" AND e."timestamp" < u."to"
        GROUP BY u.id`,
      [metered.map((row) => row.id), metered.map((row) => row.from), metered.map((row) => row.to)],
    );
    const gb = new Map(usage.map((row) => [row.id, cents(row.gb)]));
    let total = 0n;
    for (const row of due) {
      const { priceId, quantity } = row.item;
      const net =
        priceId === catalog.basicPriceId
          ? 1000n
          : priceId === catalog.seatPriceId
            ? 800n * BigInt(quantity)
            : divHalfUp(((gb.get(row.id) ?? 0n) > 1000n ? (gb.get(row.id) as bigint) - 1000n : 0n) * 50n, 100n);
      total += net + divHalfUp(net * 19n, 100n);
    }
    if (total !== rows.totalCents) throw new Error(`the floor's total ${total} is not the engine's ${rows.totalCents}`);
    const invoices = tables.invoices;
    if (options.engineWrites) {
      await tx.query(tables.outbox.insertArrays, tables.outbox.columnArrays(rows.outbox));
      await tx.query(
        `INSERT INTO ${tables.numberSequences} AS s (sequence, next_number) VALUES ('FLOOR', 1 + $1::bigint)
          ON CONFLICT (sequence) DO UPDATE SET next_number = s.next_number + $1::bigint`,
        [rows.invoices.length],
      );
    }
    await tx.query(invoices.insertArrays, invoices.columnArrays(rows.invoices));
    const next = rows.invoices.map((invoice) => invoice.periodEnd as string);
    await tx.query(
      `UPDATE ${subscriptions} t SET current_period_start = t.current_period_end, current_period_end = u.next,
          next_billing_at = u.next, updated_at = now(), version = t.version + 1
        FROM unnest($1::text[], $2::timestamptz[]) AS u(id, next) WHERE t.id = u.id`,
      [rows.invoices.map((invoice) => invoice.subscriptionId as string), next],
    );
  });
}
