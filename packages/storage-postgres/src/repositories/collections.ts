import type { CollectionFee, CollectionFeeRepository, OutboxEntry, OutboxRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { claimDueRows } from './claims';
import { filters, RecordStore } from './record-store';

/**
 * The notification outbox over SQL: unique by `dedupe_key`; pending entries are claimed skip-locked through the
 * partial index `notification_outbox_due`, so several dispatchers share them. @internal
 */
export function outboxRepository(client: SqlClient, tables: BillingTables): OutboxRepository {
  const table = tables.outbox;
  const store = new RecordStore<OutboxEntry>(client, table);
  return {
    insert: (entry) => store.insert(entry),
    insertMany: (entries) => store.insertAll(entries),
    get: (id) => store.get(id),
    update: (entry) => store.update(entry),
    updateMany: (entries) => store.updateAll(entries),
    list: ({ status, customerId, ...page }) =>
      store.list(
        filters(
          { column: table.column('status'), operator: '=', value: status },
          { column: table.column('customerId'), operator: '=', value: customerId },
        ),
        page,
      ),
    claimDue: (query) =>
      claimDueRows(client, table, 'outbox.claimDue', query, {
        column: 't."next_attempt_at"',
        condition: `t."status" = 'pending'`,
      }),
  };
}

/** Past-due fees over SQL, unique by (`invoice_id`, `key`). @internal */
export function collectionFeeRepository(client: SqlClient, tables: BillingTables): CollectionFeeRepository {
  const table = tables.collectionFees;
  const store = new RecordStore<CollectionFee>(client, table);
  return {
    insert: (fee) => store.insert(fee),
    insertMany: (fees) => store.insertAll(fees),
    get: (id) => store.get(id),
    update: (fee) => store.update(fee),
    list: ({ customerId, invoiceId, ...page }) =>
      store.list(
        filters(
          { column: table.column('customerId'), operator: '=', value: customerId },
          { column: table.column('invoiceId'), operator: '=', value: invoiceId },
        ),
        page,
      ),
    async listForInvoices(invoiceIds) {
      if (invoiceIds.length === 0) return [];
      const rows = await client.query(`${table.select} WHERE t."invoice_id" = ANY($1::text[])`, [
        [...new Set(invoiceIds)],
      ]);
      return rows.map((row) => table.toRecord(row));
    },
  };
}
