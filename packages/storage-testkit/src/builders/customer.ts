import type { Customer } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/**
 * A valid customer (EUR, UTC, taxable, no optional fields), with `overrides` applied.
 * @example
 * ```ts
 * await storage.customers.insert(makeCustomer({ name: 'Grace Hopper', currency: 'USD' }));
 * ```
 */
export function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: nextId('cus'),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    taxIds: [],
    locale: 'en-US',
    timeZone: 'UTC',
    currency: 'EUR',
    paymentTermsDays: 14,
    taxStatus: 'taxable',
    taxRateIds: [],
    metadata: {},
    createdAt: BUILDER_NOW,
    updatedAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}
