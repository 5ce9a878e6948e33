import type { IdempotencyRecord, IdempotencyRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { RecordStore } from './record-store';

/** Idempotency records over SQL; the key is the primary key, so a second `put` is a `conflict`; expiry by age. @internal */
export function idempotencyRepository(client: SqlClient, tables: BillingTables): IdempotencyRepository {
  const table = tables.idempotencyRecords;
  const store = new RecordStore<IdempotencyRecord>(client, table);
  return {
    get: (key) => store.get(key),
    put: (record) => store.insert(record),
    async deleteExpired(key, createdBefore) {
      const rows = await client.query(
        `DELETE FROM ${table.name} WHERE "key" = $1 AND created_at < $2::timestamptz RETURNING "key"`,
        [key, createdBefore],
      );
      return rows.length > 0;
    },
    async purgeExpired({ createdBefore, limit }) {
      // SKIP LOCKED: purges running in several processes at once share the work instead of waiting
      const rows = await client.query(
        `DELETE FROM ${table.name} WHERE "key" IN (SELECT "key" FROM ${table.name} WHERE created_at < $1::timestamptz
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING "key"`,
        [createdBefore, limit],
      );
      return rows.length;
    },
  };
}
