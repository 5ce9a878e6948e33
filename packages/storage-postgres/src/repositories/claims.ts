import { BillingError } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { TableSql } from '../schema/table';
import { assertInTransaction } from './locks';

/**
 * What a claim asks for: rows due at or before `now`, at most `limit`, among `ids` only when given, past the
 * position `after` (due instant, then id) only when given.
 */
export interface ClaimQuery {
  readonly now: string;
  readonly limit: number;
  readonly ids?: readonly string[];
  readonly after?: { readonly at: string; readonly id: string };
}

/**
 * Claims rows of `table` due at `now` (`subscriptions.claimDue`, `invoices.claimCollectible`, `outbox.claimDue`): up
 * to `limit` rows whose `dueColumn <= now` (and `condition`), oldest due first then id, locked `FOR UPDATE … SKIP
 * LOCKED` until the transaction ends, so concurrent claimers share the rows and never wait for each other.
 * @throws BillingError `invalid_state` outside a transaction, `invalid_input` for a bad `limit`.
 * @internal
 */
export async function claimDueRows<T>(
  client: SqlClient,
  table: TableSql<T>,
  operation: string,
  query: ClaimQuery,
  due: { readonly column: string; readonly condition?: string },
): Promise<T[]> {
  assertInTransaction(client, operation);
  if (!Number.isInteger(query.limit) || query.limit < 1) {
    throw new BillingError('invalid_input', 'limit must be a positive integer', { path: ['limit'] });
  }
  const params: unknown[] = [query.now, query.limit];
  const conditions = [...(due.condition === undefined ? [] : [due.condition]), `${due.column} <= $1::timestamptz`];
  if (query.ids !== undefined) {
    params.push([...new Set(query.ids)]);
    conditions.push(`t."id" = ANY($${params.length}::text[])`);
  }
  if (query.after !== undefined) {
    params.push(query.after.at, query.after.id);
    // A row comparison the (due, id) index answers by starting past the position.
    conditions.push(`(${due.column}, t."id") > ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  const rows = await client.query(
    `${table.select} WHERE ${conditions.join(' AND ')} ORDER BY ${due.column}, t."id" LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
    params,
  );
  return rows.map((row) => table.toRecord(row));
}
