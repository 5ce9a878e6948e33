/**
 * The earlier, narrower baseline of the billing-run benchmark: only the invoice rows of a run, written again by
 * hand with one `INSERT … unnest` (copies with their own ids, sequence and subscription ids, so the unique keys
 * hold). The floor of the whole run is `billing-floor.ts`; this one is printed beside it for comparison with the
 * figures measured before it.
 */
import type { Invoice } from '@billfold/core';
import type { PostgresStorage } from '../src/index';
import { billingTables } from '../src/schema/tables';

/** Marks the baseline's copies, so they can be told apart and deleted. */
const RAW_SEQUENCE = 'RAW-BENCH';

/** A prepared raw insert: the statement and its column arrays, built before the clock starts. */
export interface RawInsert {
  readonly statement: string;
  readonly arrays: unknown[];
}

/** Copies of `invoices` as the column parameters of one `INSERT … SELECT … FROM ROWS FROM (unnest(…), …)`. Untimed. */
export function prepareRawInsert(storage: PostgresStorage, invoices: readonly Invoice[]): RawInsert {
  const table = billingTables(storage.schema).invoices;
  const copies = invoices.map((invoice, i) => ({
    ...invoice,
    id: `raw_${String(i).padStart(8, '0')}`,
    sequence: RAW_SEQUENCE,
    ...(invoice.subscriptionId === undefined ? {} : { subscriptionId: `raw_${invoice.subscriptionId}` }),
  }));
  return { statement: table.insertArrays, arrays: table.columnArrays(copies) };
}

/** Runs a prepared raw insert. */
export async function runRawInsert(storage: PostgresStorage, raw: RawInsert): Promise<void> {
  await storage.client.query(raw.statement, raw.arrays);
}
