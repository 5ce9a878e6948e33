import type { CatalogPrice, Coupon, Meter, Product } from '../domain/catalog';
import type { CreditNote } from '../domain/credit-note';
import type { Customer } from '../domain/customer';
import type { CustomerPaymentMethod } from '../domain/customer-payment-method';
import type { PaymentAttempt } from '../domain/payment-attempt';
import type { CollectionFee } from '../domain/collection-fee';
import type { Invoice } from '../domain/invoice';
import type { OutboxEntry } from '../domain/outbox-entry';
import { listAll } from '../domain/list-all';
import type { BalanceTransaction, Payment, Refund } from '../domain/payment';
import type { Subscription } from '../domain/subscription';
import type { UsageEvent } from '../domain/usage-event';
import type { TaxRate } from '../tax/tax-rate';
import type { BillingStorageAdapter } from './storage-adapter';

/** Every record an adapter holds, read through its own interface (idempotency records and counters aside). */
export interface StoredRecords {
  readonly customers: readonly Customer[];
  readonly products: readonly Product[];
  readonly prices: readonly CatalogPrice[];
  readonly meters: readonly Meter[];
  readonly coupons: readonly Coupon[];
  readonly taxRates: readonly TaxRate[];
  readonly subscriptions: readonly Subscription[];
  /** The events of every subscription, subscription by subscription (events without one cannot be listed). */
  readonly usage: readonly UsageEvent[];
  readonly invoices: readonly Invoice[];
  readonly creditNotes: readonly CreditNote[];
  readonly payments: readonly Payment[];
  readonly refunds: readonly Refund[];
  /** Every customer's ledger entries, customer by customer. */
  readonly balance: readonly BalanceTransaction[];
  /** The notification outbox. */
  readonly outbox: readonly OutboxEntry[];
  /** Past-due fees. */
  readonly collectionFees: readonly CollectionFee[];
  /** Attempts to charge invoices through gateways. */
  readonly paymentAttempts: readonly PaymentAttempt[];
  /** Saved payment methods. */
  readonly paymentMethods: readonly CustomerPaymentMethod[];
}

const ALL_TIME = { from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' } as const;

/**
 * Reads every record an adapter holds, page by page through its `list` operations: for exports, and for tests that
 * compare a call's before and after to prove that a refused call wrote nothing. Not for large stores.
 * @example
 * ```ts
 * const before = await readAllRecords(storage);
 * await expect(billing.payments.record(bad)).rejects.toThrow();
 * expect(await readAllRecords(storage)).toEqual(before);
 * ```
 */
export async function readAllRecords(storage: BillingStorageAdapter): Promise<StoredRecords> {
  const customers = await listAll((page) => storage.customers.list(page));
  const subscriptions = await listAll((page) => storage.subscriptions.list(page));
  const usage: UsageEvent[] = [];
  for (const { id } of subscriptions) {
    usage.push(...(await listAll((page) => storage.usage.list({ subscriptionId: id, ...ALL_TIME, ...page }))));
  }
  const balance: BalanceTransaction[] = [];
  for (const { id } of customers) {
    balance.push(...(await listAll((page) => storage.balance.list({ customerId: id, ...page }))));
  }
  return {
    customers,
    products: await listAll((page) => storage.products.list(page)),
    prices: await listAll((page) => storage.prices.list(page)),
    meters: await listAll((page) => storage.meters.list(page)),
    coupons: await listAll((page) => storage.coupons.list(page)),
    taxRates: await listAll((page) => storage.taxRates.list(page)),
    subscriptions,
    usage,
    invoices: await listAll((page) => storage.invoices.list(page)),
    creditNotes: await listAll((page) => storage.creditNotes.list(page)),
    payments: await listAll((page) => storage.payments.list(page)),
    refunds: await listAll((page) => storage.refunds.list(page)),
    balance,
    outbox: await listAll((page) => storage.outbox.list(page)),
    collectionFees: await listAll((page) => storage.collectionFees.list(page)),
    paymentAttempts: await listAll((page) => storage.paymentAttempts.list(page)),
    paymentMethods: await listAll((page) => storage.paymentMethods.list(page)),
  };
}
