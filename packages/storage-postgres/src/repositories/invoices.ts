import {
  BillingError,
  type CreditNote,
  type CreditNoteRepository,
  type Invoice,
  type InvoiceRepository,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { claimDueRows } from './claims';
import { filters, RecordStore } from './record-store';

/** Invoices over SQL, with gapless numbering from a counters table. @internal */
export function invoiceRepository(client: SqlClient, tables: BillingTables): InvoiceRepository {
  const table = tables.invoices;
  // An update can assign a number that exists: guarded, so the conflict leaves a transaction usable.
  const store = new RecordStore<Invoice>(client, table, true);
  return {
    insert: (record) => store.insert(record),
    insertMany: (records) => store.insertAll(records),
    get: (id) => store.get(id),
    update: (record) => store.update(record),
    updateMany: (records) => store.updateAll(records),
    // Open invoices only: the partial index `invoices_collections_due` holds exactly those.
    claimCollectible: (query) =>
      claimDueRows(client, table, 'invoices.claimCollectible', query, {
        column: 't."collections_due_at"',
        condition: `t."status" = 'open'`,
      }),
    list: ({ customerId, subscriptionId, status, dueBefore, ...page }) =>
      store.list(
        filters(
          { column: table.column('customerId'), operator: '=', value: customerId },
          { column: table.column('subscriptionId'), operator: '=', value: subscriptionId },
          { column: table.column('status'), operator: '=', value: status },
          { column: table.column('dueAt'), operator: '<', value: dueBefore, cast: 'timestamptz' },
        ),
        page,
      ),
    async getByNumber(number) {
      // Ordered by id: the lowest id when two sequences hold the same number text (the engine never makes that).
      const found = await store.list(filters({ column: table.column('number'), operator: '=', value: number }), {
        limit: 1,
      });
      return found.items[0];
    },
    async reserveNumbers(sequence, count) {
      if (!Number.isSafeInteger(count) || count < 1) {
        throw new BillingError('invalid_input', 'count must be a positive integer', { path: ['count'] });
      }
      // One statement takes the row lock and moves the counter; in a transaction the move rolls back with it.
      const rows = await client.query<{ first: string }>(
        `INSERT INTO ${tables.numberSequences} AS s (sequence, next_number) VALUES ($1, 1 + $2::bigint)
          ON CONFLICT (sequence) DO UPDATE SET next_number = s.next_number + $2::bigint
          RETURNING (s.next_number - $2::bigint)::text AS first`,
        [sequence, count],
      );
      return Number((rows[0] as { first: string }).first);
    },
  };
}

/** Credit notes over SQL (written once). @internal */
export function creditNoteRepository(client: SqlClient, tables: BillingTables): CreditNoteRepository {
  const table = tables.creditNotes;
  const store = new RecordStore<CreditNote>(client, table);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    list: ({ invoiceId, customerId, ...page }) =>
      store.list(
        filters(
          { column: table.column('invoiceId'), operator: '=', value: invoiceId },
          { column: table.column('customerId'), operator: '=', value: customerId },
        ),
        page,
      ),
  };
}
