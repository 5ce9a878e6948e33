/**
 * Storage: the adapter interface an integrator implements (see the rules at the top of `storage-adapter.ts`).
 * @module
 */
export type { AppendRepository, VersionedRepository } from './repository';
export type {
  AuditFilter,
  AuditRepository,
  PersonalDataRepository,
  PurgeCounts,
  ScrubCounts,
} from './privacy-repositories';
export type {
  BalanceRepository,
  CreditNoteRepository,
  CustomerListFilter,
  CustomerLockOptions,
  CustomerRepository,
  InvoiceRepository,
  LedgerLocks,
  PaymentRepository,
  RefundRepository,
} from './ledger-repositories';
export type { BillingStorageAdapter, StorageCapabilities, StorageSession, TransactionMode } from './storage-adapter';
export type { CatalogListRepository, PriceRepository, ProductRepository } from './catalog-repositories';
export type {
  CollectionFeeRepository,
  OutboxListFilter,
  OutboxRepository,
  PaymentAttemptListFilter,
  PaymentAttemptRepository,
  PaymentMethodListFilter,
  PaymentMethodRepository,
} from './collections-repositories';
export type {
  BankCreditListFilter,
  BankCreditRepository,
  PayoutListFilter,
  PayoutRepository,
} from './reconciliation-repositories';
export type { IdempotencyRecord, IdempotencyRepository } from './idempotency-repository';
export type {
  SubscriptionLockMatch,
  SubscriptionUsageTerms,
  SubscriptionLockMode,
  DuePosition,
  SubscriptionRepository,
  UsageQuery,
  UsageEventKey,
  UsageRepository,
} from './subscription-repositories';
export { ERASED_CUSTOMER_NAME } from './privacy-repositories';
export {
  ERASED_PROVIDER_REFERENCE,
  erasedOutboxEntry,
  erasedPaymentAttempt,
  erasedPaymentMethod,
  erasedProviderMethodId,
} from './erased-payment-records';
export { AGING_BUCKETS, MRR_CORRECTING_CREDIT_REASONS } from './report-queries';
export { agingBucket, daysPastDue, listReportQueries, reportQueries } from './list-report-queries';
export { failedPaymentRow } from './failed-payment-row';
export type {
  AgingBucket,
  AgingCell,
  FeeTotals,
  Receivables,
  ReceivedPayment,
  ReportQueries,
  ReportRange,
  StepRecovery,
  MonthRange,
  RevenueCell,
  SignupCohort,
  TrialCohort,
  RecurringRevenueCell,
  WaitingBankCredits,
  PendingPayouts,
  UnappliedPayments,
} from './report-queries';
export { NO_BILLING_CODE, NO_CATEGORY, UNALLOCATED_CREDIT } from './list-revenue-queries';
export { createMemoryStorage, MemoryStorage } from './memory-storage';
export { readAllRecords } from './read-all-records';
export type { StoredRecords } from './read-all-records';
