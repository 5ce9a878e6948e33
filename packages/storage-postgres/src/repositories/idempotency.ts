import type { IdempotencyRecord, IdempotencyRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { RecordStore } from './record-store';

/** Idempotency records over SQL; the key is the primary key, so a second `put` is a `conflict`. @internal */
export function idempotencyRepository(client: SqlClient, tables: BillingTables): IdempotencyRepository {
  const store = new RecordStore<IdempotencyRecord>(client, tables.idempotencyRecords);
  return {
    get: (key) => store.get(key),
    put: (record) => store.insert(record),
  };
}
