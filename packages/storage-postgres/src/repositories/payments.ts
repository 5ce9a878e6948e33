import type {
  BalanceRepository,
  BalanceTransaction,
  Payment,
  PaymentRepository,
  Refund,
  RefundRepository,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { filters, RecordStore } from './record-store';

/** Payments over SQL. @internal */
export function paymentRepository(client: SqlClient, tables: BillingTables): PaymentRepository {
  const store = new RecordStore<Payment>(client, tables.payments);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    update: (record) => store.update(record),
    list: ({ customerId, ...page }) =>
      store.list(filters({ column: tables.payments.column('customerId'), operator: '=', value: customerId }), page),
  };
}

/** Refunds over SQL (written once). @internal */
export function refundRepository(client: SqlClient, tables: BillingTables): RefundRepository {
  const table = tables.refunds;
  const store = new RecordStore<Refund>(client, table);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    list: ({ paymentId, customerId, ...page }) =>
      store.list(
        filters(
          { column: table.column('paymentId'), operator: '=', value: paymentId },
          { column: table.column('customerId'), operator: '=', value: customerId },
        ),
        page,
      ),
  };
}

/** The customer credit ledger over SQL; the balance is a `numeric` sum, exact at any size. @internal */
export function balanceRepository(client: SqlClient, tables: BillingTables): BalanceRepository {
  const table = tables.balanceTransactions;
  const store = new RecordStore<BalanceTransaction>(client, table);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    list: ({ customerId, ...page }) =>
      store.list(filters({ column: table.column('customerId'), operator: '=', value: customerId }), page),
    async balance(customerId, currency) {
      const rows = await client.query<{ balance: string }>(
        `SELECT coalesce(sum(t."amount"), 0)::text AS balance FROM ${table.name} t WHERE t."customer_id" = $1 AND t."currency" = $2`,
        [customerId, currency],
      );
      return (rows[0] as { balance: string }).balance;
    },
    async balances(customerIds, currency) {
      const distinct = [...new Set(customerIds)];
      const result = new Map(distinct.map((id) => [id, '0']));
      if (distinct.length === 0) return result;
      const rows = await client.query<{ customerId: string; balance: string }>(
        `SELECT t."customer_id" AS "customerId", sum(t."amount")::text AS balance FROM ${table.name} t
          WHERE t."customer_id" = ANY($1::text[]) AND t."currency" = $2 GROUP BY t."customer_id"`,
        [distinct, currency],
      );
      for (const row of rows) result.set(row.customerId, row.balance);
      return result;
    },
  };
}
