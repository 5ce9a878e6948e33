import { type Customer, type CustomerRepository, foldEmail } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import { foldedEmail } from '../migrations/0003-scoped-usage-and-lookups';
import type { BillingTables } from '../schema/tables';
import { filters, RecordStore } from './record-store';

/**
 * Customers over SQL; by folded email and by `externalRef` through the indexes of migration 3, by search token and
 * pending purge through those of migration 8. @internal
 */
export function customerRepository(client: SqlClient, tables: BillingTables): CustomerRepository {
  const table = tables.customers;
  const store = new RecordStore<Customer>(client, table);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    update: (record) => store.update(record),
    list: ({ email, searchToken, erasure, ...page }) =>
      store.list(
        filters(
          email !== undefined && { column: foldedEmail(table.column('email')), operator: '=', value: foldEmail(email) },
          searchToken !== undefined && {
            column: table.column('searchTokens'),
            operator: '@>',
            value: JSON.stringify([searchToken]),
            cast: 'jsonb',
          },
          erasure === 'pending_purge' && {
            column: `(${table.column('erasure')} IS NOT NULL AND ${table.column('erasure')}->>'purgedAt' IS NULL)`,
            operator: '=',
            value: true,
            cast: 'boolean',
          },
        ),
        page,
      ),
    getMany: (ids) => store.getMany(ids),
    async getByExternalRef(externalRef) {
      const found = await store.list(
        filters({ column: table.column('externalRef'), operator: '=', value: externalRef }),
        { limit: 1 },
      );
      return found.items[0];
    },
  };
}
