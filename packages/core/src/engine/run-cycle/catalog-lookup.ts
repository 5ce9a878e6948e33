import { type CatalogPrice, type Coupon, type Meter, type Product, priceSpecIn } from '../../domain/catalog';
import type { Customer } from '../../domain/customer';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { ratesForTaxCode } from '../../tax/tax-code';
import { chargesTax } from '../../tax/tax-status';
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

/**
 * The price as it is charged in `currency`: its spec, or its currency option in that currency.
 * @throws BillingError `currency_mismatch` (at `path` when given) when the price has none in `currency`.
 */
export function priceIn(
  price: CatalogPrice,
  currency: string,
  owner: string,
  path?: readonly (string | number)[],
): CatalogPrice {
  const spec = priceSpecIn(price, currency);
  if (spec === undefined) {
    throw new BillingError(
      BillingErrorCode.currencyMismatch,
      `Price ${price.id} has no ${currency} amount (it is in ${[price.spec, ...(price.currencyOptions ?? [])].map((s) => s.currency).join(', ')}); ${owner} is in ${currency}`,
      path === undefined ? {} : { path },
    );
  }
  return spec === price.spec ? price : { ...price, spec };
}

/**
 * The rates a line of tax code `taxCode` is taxed at for `customer`: the catalog rates of that code for the
 * customer's address (see `ratesForTaxCode`); none for a customer who pays no tax (exempt, reverse charge: the
 * status wins over the product's rate).
 * @param path where the code was given (the line's `taxCode`, or the `priceId` whose product has it), for the error.
 * @throws BillingError `not_found` (at `path`) when no rate of the code fits a taxable customer's location.
 */
export function taxCodeRates(
  rates: Iterable<TaxRate>,
  customer: Customer,
  taxCode: string,
  path?: readonly (string | number)[],
): TaxRate[] {
  // A customer who pays no tax (exempt, reverse charge) needs no rate: its status decides every line.
  if (!chargesTax(customer.taxStatus)) return [];
  const { country, region } = customer.address ?? {};
  const found = ratesForTaxCode(rates, taxCode, {
    ...(country === undefined ? {} : { country }),
    ...(region === undefined ? {} : { region }),
  });
  if (found !== undefined) return found;
  const where = country === undefined ? 'a customer without an address' : `${country}${region ? `-${region}` : ''}`;
  throw new BillingError(
    BillingErrorCode.notFound,
    `No tax rate of tax code "${taxCode}" applies to customer ${customer.id} (${where}): add one for that country, or one without a country`,
    path === undefined ? {} : { path },
  );
}

/** The rates of a line: those of its tax code for the customer, or the customer's own rates when it has none. */
export function lineTaxRates(catalog: Catalog, customer: Customer, taxCode: string | undefined): TaxRate[] {
  return taxCode === undefined
    ? customerTaxRates(catalog, customer)
    : taxCodeRates(catalog.taxRates.values(), customer, taxCode);
}

/** The customer's tax rates, in the order of `taxRateIds`. @throws BillingError `not_found`. */
export function customerTaxRates(catalog: Catalog, customer: Customer): TaxRate[] {
  return customer.taxRateIds.map(
    (id) => catalog.taxRates.get(id) ?? missing('Tax rate', id, `customer ${customer.id}`),
  );
}
