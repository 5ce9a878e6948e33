import {
  BillingError,
  type CatalogListRepository,
  type CatalogPrice,
  type PriceRepository,
  type Product,
  type ProductRepository,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { TableSql } from '../schema/table';
import type { BillingTables } from '../schema/tables';
import { filters, RecordStore } from './record-store';

/** Products over SQL; `billingCode` is unique in the table. @internal */
export function productRepository(client: SqlClient, tables: BillingTables): ProductRepository {
  const store = new RecordStore<Product>(client, tables.products);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    async getByBillingCode(billingCode) {
      const page = await store.list(
        filters({ column: tables.products.column('billingCode'), operator: '=', value: billingCode }),
        {
          limit: 1,
        },
      );
      return page.items[0];
    },
    list: (page) => store.list([], page),
    setActive: (id, active) => setActive(client, tables.products, 'product', id, active),
  };
}

/**
 * Sets the `active` flag of a product or price.
 * @throws BillingError `not_found` when no row has the id.
 */
async function setActive<T>(
  client: SqlClient,
  table: TableSql<T>,
  what: string,
  id: string,
  active: boolean,
): Promise<void> {
  const rows = await client.query(
    `UPDATE ${table.name} t SET "active" = $2 WHERE ${table.keyColumn} = $1 RETURNING t."id"`,
    [id, active],
  );
  if (rows.length === 0) throw new BillingError('not_found', `${what} "${id}" does not exist`, { path: ['id'] });
}

/** Catalog prices over SQL. @internal */
export function priceRepository(client: SqlClient, tables: BillingTables): PriceRepository {
  const store = new RecordStore<CatalogPrice>(client, tables.prices);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    list: ({ productId, ...page }) =>
      store.list(filters({ column: tables.prices.column('productId'), operator: '=', value: productId }), page),
    setActive: (id, active) => setActive(client, tables.prices, 'price', id, active),
  };
}

/** A plain catalog list over SQL (meters, coupons, tax rates). @internal */
export function catalogListRepository<T>(client: SqlClient, table: TableSql<T>): CatalogListRepository<T> {
  const store = new RecordStore<T>(client, table);
  return {
    insert: (record) => store.insert(record),
    get: (id) => store.get(id),
    list: (page) => store.list([], page),
  };
}
