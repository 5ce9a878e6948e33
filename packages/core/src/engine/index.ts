/**
 * The engine: `createBilling` and the services it wires over storage, a clock and a notifier — customers,
 * catalog, subscriptions, usage, the billing run, invoices, credit notes, payments and the customer credit
 * ledger — plus the building blocks other engine code and hosts use directly.
 * @module
 */
export { createBilling } from './create-billing';
export type { Billing, BillingOptions, BillingServices } from './create-billing';
export { AuditExportSchema, AuditFilterSchema } from './access/audit-service';
export type { AuditExportInput, AuditQuery, AuditService } from './access/audit-service';
export { requiredRole } from './access/staff-roles';
export type { CustomerErasureResult, ErasureCounts } from './customers/erase-customer';
export type { KeyRotationSummary, ProtectionService } from './protection/protection-service';
export { PurgeOptionsSchema } from './retention/retention-service';
export type { PurgeOptions, PurgeSummary, RetentionService } from './retention/retention-service';
export { EngineConfigInputSchema, formatDocumentNumber, resolveEngineConfig } from './context';
export { NotificationSettingsSchema, PaymentSettingsSchema } from './context';
export type { EngineConfig, EngineConfigInput, EngineContext, NotificationSettings, PaymentSettings } from './context';
export { createIdGenerator } from './ids';
export type { IdGenerator, IdPrefix } from './ids';
export { runIdempotent, withIdempotency } from './idempotency';
export { enqueueNotifications } from './notifications/enqueue-notifications';
export { DispatchOptionsSchema, dispatchNotifications } from './notifications/dispatch-notifications';
export type { DispatchOptions, DispatchSummary } from './notifications/dispatch-notifications';
export { OutboxFilterSchema } from './notifications/notification-service';
export type { NotificationService, OutboxFilter } from './notifications/notification-service';
export { buildDraftInvoice } from './invoices/build-invoice';
export type { DraftDiscount, DraftInvoiceInput, DraftLine } from './invoices/build-invoice';
export { finalizeInvoices } from './invoices/finalize-invoices';
export type { FinalizedInvoices } from './invoices/finalize-invoices';
export { dueDate } from './invoices/due-date';
export { customerSnapshot } from './invoices/customer-snapshot';
export { OneOffInvoiceInputSchema } from './invoices/create-one-off';
export type { OneOffInvoiceInput } from './invoices/create-one-off';
export { InvoiceFilterSchema } from './invoices/invoice-service';
export type { InvoiceFilter, InvoiceService } from './invoices/invoice-service';
export { CreditNoteInputSchema } from './credit-notes/create-credit-note';
export type { CreditNoteInput } from './credit-notes/create-credit-note';
export { CreditNoteFilterSchema } from './credit-notes/credit-note-service';
export type { CreditNoteFilter, CreditNoteService } from './credit-notes/credit-note-service';
export { splitCredit } from './credit-notes/split-credit';
export type { CreditSplit } from './credit-notes/split-credit';
export { RecordPaymentInputSchema } from './payments/record-payment';
export type { RecordPaymentInput } from './payments/record-payment';
export { RefundPaymentInputSchema } from './payments/refund-payment';
export type { RefundPaymentInput } from './payments/refund-payment';
export { PaymentAttemptFilterSchema, PaymentFilterSchema, RefundFilterSchema } from './payments/payment-service';
export type {
  GatewayWebhookOptions,
  PaymentAttemptFilter,
  PaymentFilter,
  PaymentService,
  RefundFilter,
} from './payments/payment-service';
export { PayInvoicesInputSchema } from './online-payments/pay-invoices';
export type { AttemptProgress, PayInvoicesInput } from './online-payments/pay-invoices';
export type { AppliedEvent } from './online-payments/apply-gateway-event';
export type { ChargeRunSummary } from './online-payments/charge-due';
export { SavePaymentMethodInputSchema, SetupPaymentMethodInputSchema } from './online-payments/payment-method-service';
export type {
  PaymentMethodService,
  SavePaymentMethodInput,
  SetupPaymentMethodInput,
} from './online-payments/payment-method-service';
export { CreateCustomerInputSchema, CustomerFilterSchema } from './customers/customer-service';
export type { CreateCustomerInput, CustomerFilter, CustomerService } from './customers/customer-service';
export { TaxRateInputSchema } from './catalog/catalog-service';
export type { CatalogCreateOptions, CatalogService, TaxRateInput } from './catalog/catalog-service';
export type { BalanceService, CustomerBalance } from './ledger/balance-service';
export type { SubscriptionResult, SubscriptionService } from './subscriptions/index';
export type {
  IngestResult,
  IngestStreamOptions,
  IngestStreamProgress,
  IngestStreamResult,
  MeterUsage,
  UsageService,
  UsageSummary,
} from './usage/index';
export {
  CollectionsPolicyInputSchema,
  CollectionsPolicyOverrideSchema,
  ReminderFeeSchema,
  ReminderStepSchema,
} from './collections/collections-policy';
export type {
  CollectionsConfig,
  CollectionsPolicy,
  CollectionsPolicyInput,
  CollectionsPolicyOverride,
  ReminderFee,
} from './collections/collections-policy';
export { CollectionsRunOptionsSchema, runCollections } from './collections/run-collections';
export type {
  CollectionsRunOptions,
  CollectionsRunProgress,
  CollectionsRunSummary,
} from './collections/run-collections';
export type { CollectionsError } from './collections/collect-invoices';
export { ServiceAccessOptionsSchema } from './collections/service-access';
export type { ServiceAccess, ServiceAccessOptions } from './collections/service-access';
export { WaiveFeeInputSchema } from './collections/waive-fee';
export type { WaiveFeeInput } from './collections/waive-fee';
export { CollectionFeeFilterSchema } from './collections/collections-service';
export type { CollectionFeeFilter, CollectionsService } from './collections/collections-service';
export { AgingReportOptionsSchema, ReportRangeSchema } from './reports/report-service';
export {
  BankCreditFilterSchema,
  FetchPayoutsInputSchema,
  PayoutFilterSchema,
} from './reconciliation/reconciliation-service';
export type {
  BankCreditFilter,
  FetchPayoutsInput,
  PayoutFilter,
  ReconciliationService,
} from './reconciliation/reconciliation-service';
export type { PayoutImport } from './reconciliation/import-payout';
export { findDepositedPayout, PAYOUT_DEPOSIT_DAYS } from './reconciliation/payout-deposit';
export type { DepositLine } from './reconciliation/payout-deposit';
export { ImportStatementInputSchema } from './reconciliation/import-statement';
export type { ImportStatementInput, ImportedLine, StatementImport } from './reconciliation/import-statement';
export {
  AssignBankCreditSchema,
  ConfirmBankCreditSchema,
  SetAsideBankCreditSchema,
} from './reconciliation/resolve-bank-credit';
export type {
  AssignBankCreditInput,
  ConfirmBankCreditInput,
  SetAsideBankCreditInput,
} from './reconciliation/resolve-bank-credit';
export { MonthRangeSchema } from './reports/report-service';
export type { AgingReportOptions, MonthRangeInput, ReportRangeInput, ReportService } from './reports/report-service';
export { buildRevenueReport } from './reports/revenue-report';
export type { RevenueReport, RevenueRow } from './reports/revenue-report';
export { buildOnboardingReport } from './reports/onboarding-report';
export type { OnboardingReport, SignupRow, TrialRow } from './reports/onboarding-report';
export { buildMrrReport } from './reports/mrr-report';
export type { MrrMovement, MrrReport } from './reports/mrr-report';
export { buildUnreconciledCashReport } from './reports/unreconciled-cash-report';
export type { UnreconciledCashReport, UnreconciledCashRow } from './reports/unreconciled-cash-report';
export { buildAgingReport } from './reports/aging-report';
export type { AgingReport, AgingRow, AgingTotal } from './reports/aging-report';
export { buildPaymentConfirmation } from './reports/payment-confirmation';
export { buildFailedPayments, buildFailedPaymentsReport } from './reports/failed-payments';
export type {
  DeclineCodeTotal,
  FailedPaymentRow,
  FailedPaymentsReport,
  FailedPaymentTotal,
} from './reports/failed-payments';
export type {
  PaymentConfirmationReport,
  PaymentConfirmationRow,
  PaymentConfirmationTotal,
} from './reports/payment-confirmation';
export { buildCollectionsEffectiveness } from './reports/collections-effectiveness';
export type {
  CollectionsEffectivenessReport,
  CollectionsEffectivenessRow,
} from './reports/collections-effectiveness';
export { runCycle, RunCycleOptionsSchema } from './run-cycle/index';
export type { BillingStep, RunError } from './run-cycle/index';
export type { RunCycleOptions, RunCycleProgress, RunCycleSummary } from './run-cycle/index';
