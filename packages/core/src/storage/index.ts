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
  CollectionFeeRepository,
  BankCreditListFilter,
  BankCreditRepository,
  PayoutListFilter,
  PayoutRepository,
  CreditNoteRepository,
  CustomerListFilter,
  CustomerLockOptions,
  CustomerRepository,
  IdempotencyRecord,
  IdempotencyRepository,
  InvoiceRepository,
  LedgerLocks,
  OutboxListFilter,
  OutboxRepository,
  PaymentAttemptListFilter,
  PaymentAttemptRepository,
  PaymentMethodListFilter,
  PaymentMethodRepository,
  PaymentRepository,
  PersonalDataRepository,
  PriceRepository,
  ProductRepository,
  PurgeCounts,
  RefundRepository,
  ScrubCounts,
  StorageCapabilities,
  StorageSession,
  SubscriptionLockMatch,
  SubscriptionUsageTerms,
  SubscriptionLockMode,
  DuePosition,
  SubscriptionRepository,
  TransactionMode,
  UsageQuery,
  UsageEventKey,
  UsageRepository,
  VersionedRepository,
} from './storage-adapter';
export { ERASED_CUSTOMER_NAME } from './storage-adapter';
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
