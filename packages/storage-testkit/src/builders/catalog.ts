import type { CatalogPrice, Coupon, Meter, Product, TaxRate } from '@billfold/core';
import { nextId } from './ids';

/** A valid active product with a unique billing code (`PRD-000001`), with `overrides` applied. */
export function makeProduct(overrides: Partial<Product> = {}): Product {
  const id = nextId('prod');
  return {
    id,
    name: 'Pro plan',
    billingCode: `PRD-${id.slice(id.indexOf('_') + 1)}`,
    category: 'subscriptions',
    active: true,
    metadata: {},
    ...overrides,
  };
}

/** A valid monthly in-advance flat price of 10.00 EUR, with `overrides` applied (set `productId`). */
export function makeCatalogPrice(overrides: Partial<CatalogPrice> = {}): CatalogPrice {
  return {
    id: nextId('price'),
    productId: nextId('prod'),
    spec: { model: 'flat', currency: 'EUR', amount: '10.00' },
    interval: 'month',
    intervalCount: 1,
    timing: 'in_advance',
    active: true,
    metadata: {},
    ...overrides,
  };
}

/** A valid meter summing the `quantity` property of `api_call` events, with `overrides` applied. */
export function makeMeter(overrides: Partial<Meter> = {}): Meter {
  return {
    id: nextId('meter'),
    name: 'API calls',
    eventName: 'api_call',
    aggregation: 'sum',
    property: 'quantity',
    ...overrides,
  };
}

/** A valid coupon of 10 % off once, with `overrides` applied. */
export function makeCoupon(overrides: Partial<Coupon> = {}): Coupon {
  return { id: nextId('coupon'), name: '10% off', percentOff: '10', duration: 'once', ...overrides };
}

/** A valid exclusive tax rate of 19 %, with `overrides` applied. */
export function makeTaxRate(overrides: Partial<TaxRate> = {}): TaxRate {
  return { id: nextId('txr'), name: 'VAT 19%', percentage: '19', inclusive: false, ...overrides };
}
