import type { Subscription, SubscriptionRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { claimDueRows } from './claims';
import { assertInTransaction } from './locks';
import { filters, RecordStore } from './record-store';

/** Subscriptions over SQL, with skip-locked claiming of due ones and row locks for ingestion and updates. @internal */
export function subscriptionRepository(client: SqlClient, tables: BillingTables): SubscriptionRepository {
  const table = tables.subscriptions;
  const store = new RecordStore<Subscription>(client, table);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    update: (record) => store.update(record),
    updateMany: (records) => store.updateAll(records),
    list: ({ customerId, status, ...page }) =>
      store.list(
        filters(
          { column: table.column('customerId'), operator: '=', value: customerId },
          { column: table.column('status'), operator: '=', value: status },
        ),
        page,
      ),
    async lock(ids, mode) {
      assertInTransaction(client, 'subscriptions.lock');
      if (ids.length === 0) return [];
      // One statement, rows locked in id order; `FOR SHARE` holders let each other in, while `claimDue` skips
      // their rows and updates wait.
      const rows = await client.query(
        `${table.select} WHERE t."id" = ANY($1::text[]) ORDER BY t."id" FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'} OF t`,
        [[...new Set(ids)]],
      );
      return rows.map((row) => table.toRecord(row));
    },
    // Rows another transaction has claimed are skipped, not waited for: concurrent runs share the work.
    claimDue: (query) =>
      claimDueRows(client, table, 'subscriptions.claimDue', query, { column: 't."next_billing_at"' }),
  };
}
