import type { BankCredit, BankCreditRepository, Payout, PayoutRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { filters, RecordStore } from './record-store';

/** Imported bank credits over SQL, unique by `key`. @internal */
export function bankCreditRepository(client: SqlClient, tables: BillingTables): BankCreditRepository {
  const table = tables.bankCredits;
  const store = new RecordStore<BankCredit>(client, table);
  return {
    insert: (credit) => store.insert(credit),
    get: (id) => store.get(id),
    update: (credit) => store.update(credit),
    async getByKey(key) {
      const [row] = await client.query(`${table.select} WHERE t."key" = $1`, [key]);
      return row === undefined ? undefined : table.toRecord(row);
    },
    list: ({ status, customerId, ...page }) =>
      store.list(
        filters(
          { column: table.column('status'), operator: '=', value: status },
          { column: table.column('customerId'), operator: '=', value: customerId },
        ),
        page,
      ),
  };
}

/** Imported gateway payouts over SQL, unique by `key`. @internal */
export function payoutRepository(client: SqlClient, tables: BillingTables): PayoutRepository {
  const table = tables.payouts;
  const store = new RecordStore<Payout>(client, table);
  return {
    insert: (payout) => store.insert(payout),
    get: (id) => store.get(id),
    update: (payout) => store.update(payout),
    async getByKey(key) {
      const [row] = await client.query(`${table.select} WHERE t."key" = $1`, [key]);
      return row === undefined ? undefined : table.toRecord(row);
    },
    list: ({ status, currency, ...page }) =>
      store.list(
        filters(
          { column: table.column('status'), operator: '=', value: status },
          { column: table.column('currency'), operator: '=', value: currency },
        ),
        page,
      ),
  };
}
