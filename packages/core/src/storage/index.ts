/**
 * Storage: the adapter interface an integrator implements (see the rules at the top of `storage-adapter.ts`).
 * @module
 */
export type {
  AppendRepository,
  AuditFilter,
  AuditRepository,
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
  PersonalDataRepository,
  PriceRepository,
  ProductRepository,
  PurgeCounts,
  RefundRepository,
  ScrubCounts,
  StorageCapabilities,
  StorageSession,
  SubscriptionLockMode,
  SubscriptionRepository,
  TransactionMode,
  UsageQuery,
  UsageEventKey,
  UsageRepository,
  VersionedRepository,
} from './storage-adapter';
export { ERASED_CUSTOMER_NAME } from './storage-adapter';
export { createMemoryStorage, MemoryStorage } from './memory-storage';
export { readAllRecords } from './read-all-records';
export type { StoredRecords } from './read-all-records';
