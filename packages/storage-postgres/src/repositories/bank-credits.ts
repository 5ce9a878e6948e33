import type { BankCreditRepository, Page, PageRequest, PayoutRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { TableSql } from '../schema/table';
import type { BillingTables } from '../schema/tables';
import { type Filter, filters, RecordStore } from './record-store';

/**
 * A versioned record unique by `key` over SQL (what reconciliation imports: a statement line, a payout): CRUD,
 * `getByKey`, and `list` in id order filtered by equality on `fields`.
 */
function keyedRepository<T extends { readonly id: string; readonly version: number }, F extends keyof T & string>(
  client: SqlClient,
  table: TableSql<T>,
  fields: readonly F[],
) {
  const store = new RecordStore<T>(client, table);
  return {
    insert: (record: T) => store.insert(record),
    get: (id: string) => store.get(id),
    update: (record: T) => store.update(record),
    async getByKey(key: string): Promise<T | undefined> {
      const [row] = await client.query(`${table.select} WHERE t."key" = $1`, [key]);
      return row === undefined ? undefined : table.toRecord(row);
    },
    list: (filter: PageRequest & Partial<Record<F, unknown>>): Promise<Page<T>> => {
      const { cursor, limit } = filter;
      const conditions = fields.map(
        (field): Filter => ({ column: table.column(field), operator: '=', value: filter[field] }),
      );
      return store.list(filters(...conditions), {
        ...(cursor !== undefined ? { cursor } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
  };
}

/** Imported bank credits over SQL, unique by `key`. @internal */
export function bankCreditRepository(client: SqlClient, tables: BillingTables): BankCreditRepository {
  return keyedRepository(client, tables.bankCredits, ['status', 'customerId']);
}

/** Imported gateway payouts over SQL, unique by `key`. @internal */
export function payoutRepository(client: SqlClient, tables: BillingTables): PayoutRepository {
  return keyedRepository(client, tables.payouts, ['status', 'currency']);
}
