/**
 * The domain of an automated billing system: customers, catalog (products with billing codes, prices,
 * meters, coupons), subscriptions, usage events, invoices, credit notes, payments, refunds and the customer
 * credit ledger. Each is a zod schema and the type inferred from it.
 * @module
 */
export {
  AddressSchema,
  CollectionsPolicyNameSchema,
  customFieldKey,
  IdSchema,
  INSTANT_RANGE,
  InstantInputSchema,
  instantRangeProblem,
  MetadataSchema,
  PageRequestSchema,
  TaxIdSchema,
  TimestampSchema,
} from './common';
export type { Address, Metadata, Page, PageRequest, TaxId } from './common';
export { listAll } from './list-all';
export { ActorSchema, AuditEntrySchema, StaffRoleSchema, SYSTEM_ACTOR } from './audit-entry';
export type { Actor, AuditEntry, StaffRole } from './audit-entry';
export {
  BankAccountSchema,
  CustomerErasureSchema,
  CustomerInputSchema,
  CustomerSchema,
  CustomerUpdateSchema,
  foldEmail,
} from './customer';
export { displayText, hasVisibleText } from './display-text';
export type { BankAccount, Customer, CustomerErasure, CustomerInput, CustomerUpdate } from './customer';
export {
  AggregationSchema,
  BillingCodeSchema,
  CatalogPriceInputSchema,
  CatalogPriceSchema,
  CouponInputSchema,
  CouponScopeSchema,
  currencyOptionProblems,
  MeterInputSchema,
  priceCurrencies,
  priceSpecIn,
  ProductInputSchema,
  ProductSchema,
} from './catalog';
export type {
  Aggregation,
  CatalogPrice,
  CatalogPriceInput,
  Coupon,
  CouponInput,
  CouponScope,
  Meter,
  MeterInput,
  Product,
  ProductInput,
} from './catalog';
export {
  DunningSchema,
  DunningStageSchema,
  PauseBehaviorSchema,
  PendingLineSchema,
  ScheduledChangeSchema,
  SubscriptionItemSchema,
  SubscriptionPauseSchema,
  SubscriptionSchema,
  SubscriptionStatusSchema,
} from './subscription';
export type {
  Dunning,
  DunningStage,
  PauseBehavior,
  PendingLine,
  ScheduledChange,
  Subscription,
  SubscriptionItem,
  SubscriptionPause,
  SubscriptionStatus,
} from './subscription';
export { UsageEventSchema } from './usage-event';
export type { UsageEvent } from './usage-event';
export {
  CustomerSnapshotSchema,
  InvoiceLineSchema,
  InvoiceLineTierSchema,
  InvoiceSchema,
  InvoiceStatusSchema,
  InvoiceTaxSchema,
  LineTaxSchema,
} from './invoice';
export type { CustomerSnapshot, Invoice, InvoiceLine, InvoiceLineTier, InvoiceStatus } from './invoice';
export { CreditNoteLineSchema, CreditNoteSchema } from './credit-note';
export { CollectionFeeKindSchema, CollectionFeeSchema } from './collection-fee';
export {
  BankCreditAllocationSchema,
  BankCreditCandidateSchema,
  BankCreditSchema,
  BankCreditStatusSchema,
} from './bank-credit';
export type { BankCredit, BankCreditCandidate, BankCreditStatus } from './bank-credit';
export {
  PayoutMismatchSchema,
  PayoutSchema,
  PayoutStatusSchema,
  PayoutTransactionSchema,
  PayoutTransactionTypeSchema,
} from './payout';
export type { Payout, PayoutMismatch, PayoutStatus, PayoutTransaction, PayoutTransactionType } from './payout';
export type { CollectionFee, CollectionFeeKind } from './collection-fee';
export { DeliveryErrorSchema, OutboxEntrySchema, OutboxStatusSchema } from './outbox-entry';
export type { DeliveryError, OutboxEntry, OutboxStatus } from './outbox-entry';
export type { CreditNote, CreditNoteLine } from './credit-note';
export {
  BalanceTransactionSchema,
  PaymentAllocationSchema,
  PaymentMethodSchema,
  PaymentSchema,
  RefundSchema,
  DisputeSchema,
} from './payment';
export type { BalanceTransaction, Dispute, Payment, PaymentAllocation, PaymentMethod, Refund } from './payment';
export {
  AttemptDeclineSchema,
  PaymentAttemptSchema,
  PaymentAttemptStatusSchema,
  ProviderFeeSchema,
} from './payment-attempt';
export type { AttemptDecline, PaymentAttempt, PaymentAttemptStatus, ProviderFee } from './payment-attempt';
export { CollectionMethodSchema, CustomerPaymentMethodSchema } from './customer-payment-method';
export type { CollectionMethod, CustomerPaymentMethod } from './customer-payment-method';
