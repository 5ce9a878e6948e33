import { BillingError, type LedgerLocks } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';

/**
 * Refuses a lock statement outside a transaction: PostgreSQL would release the lock as the statement ends.
 * @internal
 */
export function assertInTransaction(client: SqlClient, operation: string): void {
  if (!client.inTransaction) {
    throw new BillingError(
      'invalid_state',
      `${operation} must be called inside transaction(): a lock lasts until its transaction ends`,
    );
  }
}

/**
 * The customer ledger lock as row locks on `customers`: one statement, rows locked in ascending id order
 * (`ORDER BY` sits below the lock step), `FOR NO KEY UPDATE` so that nothing referring to a customer is
 * blocked, and no advisory locks (a 10,000-subscription batch must not fill the shared lock table). A billing
 * batch passes `skipLocked` (`SKIP LOCKED`) and never waits.
 * @internal
 */
export function ledgerLocks(client: SqlClient, tables: BillingTables): LedgerLocks {
  const lock = `SELECT t."id" FROM ${tables.customers.name} t WHERE t."id" = ANY($1::text[]) ORDER BY t."id" FOR NO KEY UPDATE`;
  const skipping = `${lock} SKIP LOCKED`;
  return {
    async customers(ids, options) {
      assertInTransaction(client, 'locks.customers');
      if (ids.length === 0) return [];
      const rows = await client.query<{ id: string }>(options?.skipLocked ? skipping : lock, [[...new Set(ids)]]);
      return rows.map((row) => row.id);
    },
  };
}
