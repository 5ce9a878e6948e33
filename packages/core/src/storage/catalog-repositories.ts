import type { CatalogPrice, Product } from '../domain/catalog';
import type { Page, PageRequest } from '../domain/common';
import type { AppendRepository } from './repository';

/*
 * The catalog part of the storage contract: products, prices, and the plain lists (meters, coupons, tax rates). The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

/** Products; `billingCode` is unique. A product never changes but for `active` (archived or not). */
export interface ProductRepository extends AppendRepository<Product> {
  getByBillingCode(billingCode: string): Promise<Product | undefined>;
  list(page: PageRequest): Promise<Page<Product>>;
  /**
   * Sets the product's `active` flag (archiving it, or restoring it); every other field stays as it is.
   * @throws BillingError `not_found` when no product has the id.
   */
  setActive(id: string, active: boolean): Promise<void>;
}

/** Catalog prices. A price never changes but for `active` (archived or not). */
export interface PriceRepository extends AppendRepository<CatalogPrice> {
  list(filter: { productId?: string } & PageRequest): Promise<Page<CatalogPrice>>;
  /**
   * Sets the price's `active` flag (archiving it, or restoring it); every other field stays as it is.
   * @throws BillingError `not_found` when no price has the id.
   */
  setActive(id: string, active: boolean): Promise<void>;
}

/** A plain catalog list: meters, coupons, tax rates. */
export interface CatalogListRepository<T> extends AppendRepository<T> {
  list(page: PageRequest): Promise<Page<T>>;
}
