import type {
  CustomerPaymentMethod,
  PaymentAttempt,
  PaymentAttemptRepository,
  PaymentMethodRepository,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { claimDueRows } from './claims';
import { type Filter, filters, RecordStore } from './record-store';

/**
 * Payment attempts over SQL: unique by idempotency key and by (gateway, provider payment); due ones claimed
 * skip-locked through the partial index `payment_attempts_due`, so several charging runs share them. @internal
 */
export function paymentAttemptRepository(client: SqlClient, tables: BillingTables): PaymentAttemptRepository {
  const table = tables.paymentAttempts;
  const store = new RecordStore<PaymentAttempt>(client, table);
  const first = async (...conditions: Filter[]) => (await store.list(filters(...conditions), { limit: 1 })).items[0];
  return {
    insert: (attempt) => store.insert(attempt),
    get: (id) => store.get(id),
    update: (attempt) => store.update(attempt),
    list: ({ customerId, invoiceId, status, ...page }) =>
      store.list(
        filters(
          { column: table.column('customerId'), operator: '=', value: customerId },
          { column: table.column('invoiceId'), operator: '=', value: invoiceId },
          { column: table.column('status'), operator: '=', value: status },
        ),
        page,
      ),
    getByIdempotencyKey: (key) => first({ column: table.column('idempotencyKey'), operator: '=', value: key }),
    async getByProviderPayment(gateway, id) {
      const rows = await client.query(
        `${table.select} WHERE t."gateway" = $1 AND (t."provider_payment_id" = $2 OR t."charge_id" = $2)
          ORDER BY t."id" LIMIT 1`,
        [gateway, id],
      );
      return rows[0] === undefined ? undefined : table.toRecord(rows[0]);
    },
    claimDue: (query) =>
      claimDueRows(client, table, 'paymentAttempts.claimDue', query, {
        column: 't."due_at"',
        condition: 't."due_at" IS NOT NULL',
      }),
  };
}

/** Saved payment methods over SQL, unique by (gateway, provider token). @internal */
export function paymentMethodRepository(client: SqlClient, tables: BillingTables): PaymentMethodRepository {
  const table = tables.paymentMethods;
  const store = new RecordStore<CustomerPaymentMethod>(client, table);
  return {
    insert: (method) => store.insert(method),
    get: (id) => store.get(id),
    update: (method) => store.update(method),
    list: ({ customerId, status, ...page }) =>
      store.list(
        filters(
          { column: table.column('customerId'), operator: '=', value: customerId },
          { column: table.column('status'), operator: '=', value: status },
        ),
        page,
      ),
    getByProviderMethod: async (gateway, providerMethodId) =>
      (
        await store.list(
          filters(
            { column: table.column('gateway'), operator: '=', value: gateway },
            { column: table.column('providerMethodId'), operator: '=', value: providerMethodId },
          ),
          { limit: 1 },
        )
      ).items[0],
  };
}
