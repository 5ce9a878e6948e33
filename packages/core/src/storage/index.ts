/**
 * Storage: the adapter interface an integrator implements (see the rules at the top of `storage-adapter.ts`).
 * @module
 */
export type {
  AppendRepository,
  BalanceRepository,
  BillingStorageAdapter,
  CatalogListRepository,
  CreditNoteRepository,
  CustomerListFilter,
  CustomerLockOptions,
  CustomerRepository,
  IdempotencyRecord,
  IdempotencyRepository,
  InvoiceRepository,
  LedgerLocks,
  PaymentRepository,
  PriceRepository,
  ProductRepository,
  RefundRepository,
  StorageCapabilities,
  StorageSession,
  SubscriptionLockMatch,
  SubscriptionUsageTerms,
  SubscriptionLockMode,
  SubscriptionRepository,
  TransactionMode,
  UsageQuery,
  UsageEventKey,
  UsageRepository,
  VersionedRepository,
} from './storage-adapter';
export { createMemoryStorage, MemoryStorage } from './memory-storage';
export { readAllRecords } from './read-all-records';
export type { StoredRecords } from './read-all-records';
