import type { CatalogPrice, Coupon, Meter, Product } from '../../domain/catalog';
import type { Customer } from '../../domain/customer';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { TaxRate } from '../../tax/tax-rate';
import type { Catalog } from './catalog';

function missing(what: string, id: string, owner: string): never {
  throw new BillingError(BillingErrorCode.notFound, `${what} ${id} of ${owner} not found in the catalog`);
}

/** The price with this id. @throws BillingError `not_found` naming the subscription (`owner`) that uses it. */
export function requirePrice(catalog: Catalog, id: string, owner: string): CatalogPrice {
  return catalog.prices.get(id) ?? missing('Price', id, owner);
}

/** The product of a price. @throws BillingError `not_found`. */
export function requireProduct(catalog: Catalog, price: CatalogPrice, owner: string): Product {
  return catalog.products.get(price.productId) ?? missing('Product', price.productId, owner);
}

/** The meter of a metered price. @throws BillingError `not_found`. */
export function requireMeter(catalog: Catalog, id: string, owner: string): Meter {
  return catalog.meters.get(id) ?? missing('Meter', id, owner);
}

/** The coupon with this id. @throws BillingError `not_found`. */
export function requireCoupon(catalog: Catalog, id: string, owner: string): Coupon {
  return catalog.coupons.get(id) ?? missing('Coupon', id, owner);
}

/** The customer's tax rates, in the order of `taxRateIds`. @throws BillingError `not_found`. */
export function customerTaxRates(catalog: Catalog, customer: Customer): TaxRate[] {
  return customer.taxRateIds.map(
    (id) => catalog.taxRates.get(id) ?? missing('Tax rate', id, `customer ${customer.id}`),
  );
}
