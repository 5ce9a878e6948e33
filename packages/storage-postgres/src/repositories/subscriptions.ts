import type {
  Subscription,
  SubscriptionLockMode,
  SubscriptionRepository,
  SubscriptionUsageTerms,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { claimDueRows } from './claims';
import { assertInTransaction } from './locks';
import { filters, RecordStore } from './record-store';

/** The row lock of a {@link SubscriptionLockMode}. */
const lockClause = (mode: SubscriptionLockMode) => (mode === 'share' ? 'SHARE' : 'UPDATE');

/** The fields of {@link SubscriptionUsageTerms}, the columns `lockForUsage` reads. */
const USAGE_TERMS = [
  'id',
  'customerId',
  'currency',
  'status',
  'items',
  'currentPeriodStart',
  'currentPeriodEnd',
  'nextBillingAt',
  'endedAt',
  'cancelAtPeriodEnd',
  'pause',
  'scheduledChanges',
] as const satisfies readonly (keyof SubscriptionUsageTerms)[];

/** Subscriptions over SQL, with skip-locked claiming of due ones and row locks for ingestion and updates. @internal */
export function subscriptionRepository(client: SqlClient, tables: BillingTables): SubscriptionRepository {
  const table = tables.subscriptions;
  const store = new RecordStore<Subscription>(client, table);
  const usageTerms = table.selectOf(USAGE_TERMS);
  const lockedForUsage =
    'WHERE t."id" = ANY($1::text[]) OR t."customer_id" = ANY($2::text[]) ORDER BY t."id" FOR SHARE OF t';
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    update: (record) => store.update(record),
    updateMany: (records, changed) => store.updateAll(records, changed),
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
        `${table.select} WHERE t."id" = ANY($1::text[]) ORDER BY t."id" FOR ${lockClause(mode)} OF t`,
        [[...new Set(ids)]],
      );
      return rows.map((row) => table.toRecord(row));
    },
    async lockForUsage({ ids, customerIds }) {
      assertInTransaction(client, 'subscriptions.lockForUsage');
      if (ids.length === 0 && customerIds.length === 0) return [];
      // As `lock(…, 'share')`: one statement, rows locked in id order (the lock step sits above the sort); the
      // customers' rows are found through the (customer_id, id) index. Only the columns ingestion decides on.
      const rows = await client.query(`${usageTerms} ${lockedForUsage}`, [
        [...new Set(ids)],
        [...new Set(customerIds)],
      ]);
      return rows.map((row) => table.toRecord(row));
    },
    // Rows another transaction has claimed are skipped, not waited for: concurrent runs share the work.
    claimDue: (query) =>
      claimDueRows(client, table, 'subscriptions.claimDue', query, { column: 't."next_billing_at"' }),
  };
}
