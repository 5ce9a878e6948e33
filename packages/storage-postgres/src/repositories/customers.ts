import type { Customer, CustomerRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { RecordStore } from './record-store';

/** Customers over SQL. @internal */
export function customerRepository(client: SqlClient, tables: BillingTables): CustomerRepository {
  const store = new RecordStore<Customer>(client, tables.customers);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    update: (record) => store.update(record),
    list: (page) => store.list([], page),
    getMany: (ids) => store.getMany(ids),
  };
}
