import type { BalanceTransaction, Customer, Invoice, Product, Subscription, UsageEvent } from '@billfold/core';

/*
 * Small valid records for the focused tests (the conformance kit has its own, fuller builders).
 * Every builder takes overrides; ids are unique per call.
 */

let sequence = 0;
/** A new id with `prefix`. */
export function newId(prefix: string): string {
  sequence += 1;
  return `${prefix}_${sequence.toString().padStart(6, '0')}`;
}

const CREATED = '2026-01-15T10:30:00.123Z';

/** A customer with no optional fields. */
export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: newId('cus'),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    taxIds: [],
    locale: 'en-GB',
    timeZone: 'Europe/London',
    currency: 'EUR',
    paymentTermsDays: 14,
    taxStatus: 'taxable',
    taxRateIds: [],
    metadata: {},
    createdAt: CREATED,
    updatedAt: CREATED,
    version: 1,
    ...overrides,
  };
}

/** A product whose billing code is its upper-cased id. */
export function product(overrides: Partial<Product> = {}): Product {
  const id = newId('prod');
  return {
    id,
    name: 'Internet 100M',
    billingCode: id.toUpperCase(),
    category: 'internet',
    active: true,
    metadata: {},
    ...overrides,
  };
}

/** A monthly subscription of `cus_1`, due on 2026-02-28, without optional fields but `nextBillingAt`. */
export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: newId('sub'),
    customerId: 'cus_1',
    currency: 'EUR',
    status: 'active',
    items: [{ id: newId('si'), priceId: 'price_1', quantity: '1' }],
    interval: 'month',
    intervalCount: 1,
    anchor: '2026-01-31T00:00:00.000Z',
    currentPeriodStart: '2026-01-31T00:00:00.000Z',
    currentPeriodEnd: '2026-02-28T00:00:00.000Z',
    nextBillingAt: '2026-02-28T00:00:00.000Z',
    cancelAtPeriodEnd: false,
    couponPeriodsUsed: 0,
    pendingLines: [],
    metadata: {},
    createdAt: CREATED,
    updatedAt: CREATED,
    version: 1,
    ...overrides,
  };
}

/** A manual draft invoice of `cus_1` with one taxed line; amounts keep a trailing zero (`19.990`). */
export function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: newId('in'),
    sequence: 'INV',
    customerId: 'cus_1',
    billingReason: 'manual',
    status: 'draft',
    currency: 'EUR',
    lines: [
      {
        id: newId('il'),
        kind: 'one_off',
        description: 'Setup',
        amount: '19.990',
        discountAmount: '0',
        taxableAmount: '19.990',
        taxes: [{ rateId: 'txr_de', amount: '3.80' }],
      },
    ],
    taxRates: [{ id: 'txr_de', name: 'VAT', percentage: '19', inclusive: false }],
    subtotal: '19.99',
    discountTotal: '0.00',
    taxes: [{ rateId: 'txr_de', taxableAmount: '19.99', amount: '3.80' }],
    taxTotal: '3.80',
    roundingAmount: '0.00',
    total: '23.79',
    creditApplied: '0.00',
    amountDue: '23.79',
    amountPaid: '0.00',
    amountCredited: '0.00',
    amountRemaining: '23.79',
    notes: [],
    createdAt: CREATED,
    remindersSent: 0,
    overdue: false,
    metadata: {},
    version: 1,
    ...overrides,
  };
}

/** An `api_call` event of `sub_1` on 2026-01-10. */
export function usageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: newId('evt'),
    customerId: 'cus_1',
    subscriptionId: 'sub_1',
    eventName: 'api_call',
    timestamp: '2026-01-10T00:00:00.000Z',
    properties: {},
    ...overrides,
  };
}

/** A 10.00 EUR credit-ledger adjustment of `cus_1`. */
export function balanceTransaction(overrides: Partial<BalanceTransaction> = {}): BalanceTransaction {
  return {
    id: newId('cbt'),
    customerId: 'cus_1',
    currency: 'EUR',
    amount: '10.00',
    type: 'adjustment',
    createdAt: CREATED,
    ...overrides,
  };
}
