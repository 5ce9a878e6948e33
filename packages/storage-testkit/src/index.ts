/**
 * `@billfold/storage-testkit`: the conformance suite for Billfold storage adapters, and builders of valid
 * records. Import it in a vitest test file and call {@link describeStorageAdapter}.
 * @module
 */
export { describeStorageAdapter } from './describe-storage-adapter';
export type { StorageAdapterKitOptions } from './describe-storage-adapter';
export { storageSuiteNames } from './suite-names';
export type { StorageSuiteName } from './suite-names';
export { concurrencyRules } from './concurrency/rules';
export type { ConcurrencyRule } from './concurrency/rule';
export { makeCatalogPrice, makeCoupon, makeMeter, makeProduct, makeTaxRate } from './builders/catalog';
export { makeCollectionFee, makeOutboxEntry } from './builders/collections';
export { makeCustomer } from './builders/customer';
export { makeCreditNote, makeInvoice, makeInvoiceLine } from './builders/invoice';
export { makeBalanceTransaction, makeIdempotencyRecord, makePayment, makeRefund } from './builders/payment';
export { makeSubscription, makeUsageEvent } from './builders/subscription';
export { makePaymentAttempt } from './builders/online-payments';
export { makePayout } from './builders/payout';
