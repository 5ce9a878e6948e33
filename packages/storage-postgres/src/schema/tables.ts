import type {
  BalanceTransaction,
  BankCredit,
  CatalogPrice,
  CollectionFee,
  Coupon,
  CreditNote,
  Customer,
  IdempotencyRecord,
  Invoice,
  Meter,
  OutboxEntry,
  Payment,
  Product,
  Refund,
  Subscription,
  TaxRate,
  UsageEvent,
} from '@billfold/core';
import { type ColumnMap, qualifiedName, TableSql } from './table';

/*
 * The column kind of every stored field. Amounts that reports and collections query on are `numeric` (which
 * keeps the scale it was given: '19.990' reads back as '19.990'); nested parts are `jsonb`.
 * These maps must agree with the migrations: the round-trip tests read every field back.
 */

const customer: ColumnMap<Customer> = {
  id: 'text',
  name: 'text',
  email: 'text',
  phone: 'text?',
  address: 'jsonb?',
  taxIds: 'jsonb',
  locale: 'text',
  timeZone: 'text',
  currency: 'text',
  paymentTermsDays: 'integer',
  taxStatus: 'text',
  taxRateIds: 'jsonb',
  externalRef: 'text?',
  collectionsPolicy: 'text?',
  metadata: 'jsonb',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
  version: 'integer',
};

const product: ColumnMap<Product> = {
  id: 'text',
  name: 'text',
  billingCode: 'text',
  category: 'text',
  description: 'text?',
  active: 'boolean',
  metadata: 'jsonb',
};

const price: ColumnMap<CatalogPrice> = {
  id: 'text',
  productId: 'text',
  spec: 'jsonb',
  interval: 'text',
  intervalCount: 'integer',
  timing: 'text',
  meterId: 'text?',
  active: 'boolean',
  metadata: 'jsonb',
};

const meter: ColumnMap<Meter> = {
  id: 'text',
  name: 'text',
  eventName: 'text',
  aggregation: 'text',
  property: 'text?',
};

const coupon: ColumnMap<Coupon> = {
  id: 'text',
  name: 'text',
  percentOff: 'numeric?',
  amountOff: 'numeric?',
  currency: 'text?',
  duration: 'text',
  durationPeriods: 'integer?',
};

const taxRate: ColumnMap<TaxRate> = {
  id: 'text',
  name: 'text',
  percentage: 'numeric',
  inclusive: 'boolean',
  compound: 'boolean?',
  jurisdiction: 'text?',
  taxType: 'text?',
  category: 'text?',
  exemption: 'jsonb?',
};

const subscription: ColumnMap<Subscription> = {
  id: 'text',
  customerId: 'text',
  currency: 'text',
  status: 'text',
  items: 'jsonb',
  interval: 'text',
  intervalCount: 'integer',
  anchor: 'timestamptz',
  currentPeriodStart: 'timestamptz',
  currentPeriodEnd: 'timestamptz',
  nextBillingAt: 'timestamptz?',
  trialEnd: 'timestamptz?',
  cancelAtPeriodEnd: 'boolean',
  canceledAt: 'timestamptz?',
  endedAt: 'timestamptz?',
  couponId: 'text?',
  couponPeriodsUsed: 'integer',
  pendingLines: 'jsonb',
  collectionsPolicy: 'text?',
  dunning: 'jsonb?',
  metadata: 'jsonb',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
  version: 'integer',
};

const usageEvent: ColumnMap<UsageEvent> = {
  id: 'text',
  customerId: 'text',
  subscriptionId: 'text?',
  eventName: 'text',
  timestamp: 'timestamptz',
  properties: 'jsonb',
};

const invoice: ColumnMap<Invoice> = {
  id: 'text',
  number: 'text?',
  sequence: 'text',
  customerId: 'text',
  subscriptionId: 'text?',
  billingReason: 'text',
  status: 'text',
  currency: 'text',
  periodStart: 'timestamptz?',
  periodEnd: 'timestamptz?',
  lines: 'jsonb',
  taxRates: 'jsonb',
  subtotal: 'numeric',
  discountTotal: 'numeric',
  taxes: 'jsonb',
  taxTotal: 'numeric',
  roundingAmount: 'numeric',
  total: 'numeric',
  creditApplied: 'numeric',
  amountDue: 'numeric',
  amountPaid: 'numeric',
  amountCredited: 'numeric',
  amountRemaining: 'numeric',
  notes: 'jsonb',
  customerSnapshot: 'jsonb?',
  createdAt: 'timestamptz',
  issuedAt: 'timestamptz?',
  dueAt: 'timestamptz?',
  paidAt: 'timestamptz?',
  voidedAt: 'timestamptz?',
  remindersSent: 'integer',
  overdue: 'boolean',
  overdueAt: 'timestamptz?',
  lastReminderAt: 'timestamptz?',
  collectionsDueAt: 'timestamptz?',
  metadata: 'jsonb',
  version: 'integer',
};

const creditNote: ColumnMap<CreditNote> = {
  id: 'text',
  number: 'text',
  invoiceId: 'text',
  invoiceNumber: 'text',
  customerId: 'text',
  currency: 'text',
  reason: 'text',
  memo: 'text?',
  lines: 'jsonb',
  subtotal: 'numeric',
  taxTotal: 'numeric',
  total: 'numeric',
  appliedToInvoice: 'numeric',
  creditedToBalance: 'numeric',
  issuedAt: 'timestamptz',
  metadata: 'jsonb',
};

const payment: ColumnMap<Payment> = {
  id: 'text',
  customerId: 'text',
  currency: 'text',
  amount: 'numeric',
  method: 'text',
  reference: 'text?',
  status: 'text',
  allocations: 'jsonb',
  unapplied: 'numeric',
  amountRefunded: 'numeric',
  receivedAt: 'timestamptz',
  metadata: 'jsonb',
  version: 'integer',
};

const refund: ColumnMap<Refund> = {
  id: 'text',
  paymentId: 'text',
  customerId: 'text',
  currency: 'text',
  amount: 'numeric',
  reason: 'text?',
  createdAt: 'timestamptz',
};

const balanceTransaction: ColumnMap<BalanceTransaction> = {
  id: 'text',
  customerId: 'text',
  currency: 'text',
  amount: 'numeric',
  type: 'text',
  referenceId: 'text?',
  createdAt: 'timestamptz',
};

const idempotencyRecord: ColumnMap<IdempotencyRecord> = {
  key: 'text',
  requestHash: 'text',
  response: 'jsonb',
  createdAt: 'timestamptz',
};

const outboxEntry: ColumnMap<OutboxEntry> = {
  id: 'text',
  customerId: 'text',
  type: 'text',
  dedupeKey: 'text',
  notification: 'jsonb',
  status: 'text',
  attempts: 'integer',
  nextAttemptAt: 'timestamptz',
  lastAttemptAt: 'timestamptz?',
  lastError: 'jsonb?',
  deliveredAt: 'timestamptz?',
  createdAt: 'timestamptz',
  version: 'integer',
};

const collectionFee: ColumnMap<CollectionFee> = {
  id: 'text',
  customerId: 'text',
  invoiceId: 'text',
  kind: 'text',
  key: 'text',
  currency: 'text',
  amount: 'numeric',
  basis: 'numeric',
  reminderStep: 'integer?',
  annualRate: 'numeric?',
  from: 'text?',
  to: 'text?',
  days: 'integer?',
  feeInvoiceId: 'text?',
  invoiceLineId: 'text?',
  subscriptionId: 'text?',
  status: 'text',
  creditNoteId: 'text?',
  waivedAt: 'timestamptz?',
  createdAt: 'timestamptz',
  version: 'integer',
};

const bankCredit: ColumnMap<BankCredit> = {
  id: 'text',
  key: 'text',
  account: 'text',
  lineId: 'text',
  entryId: 'text',
  status: 'text',
  resolution: 'text?',
  reason: 'text?',
  amount: 'numeric',
  currency: 'text',
  valueDate: 'text?',
  payerName: 'text?',
  payerIban: 'text?',
  remittance: 'text',
  candidates: 'jsonb',
  referencedInvoiceIds: 'jsonb',
  customerId: 'text?',
  paymentId: 'text?',
  importedAt: 'timestamptz',
  resolvedAt: 'timestamptz?',
  version: 'integer',
};

/** The generated SQL of every table, qualified with `schema` when one is given. @internal */
export function billingTables(schema: string | undefined) {
  return {
    customers: new TableSql('customers', customer, schema),
    products: new TableSql('products', product, schema),
    prices: new TableSql('prices', price, schema),
    meters: new TableSql('meters', meter, schema),
    coupons: new TableSql('coupons', coupon, schema),
    taxRates: new TableSql('tax_rates', taxRate, schema),
    subscriptions: new TableSql('subscriptions', subscription, schema),
    usageEvents: new TableSql('usage_events', usageEvent, schema),
    invoices: new TableSql('invoices', invoice, schema),
    creditNotes: new TableSql('credit_notes', creditNote, schema),
    payments: new TableSql('payments', payment, schema),
    refunds: new TableSql('refunds', refund, schema),
    balanceTransactions: new TableSql('balance_transactions', balanceTransaction, schema),
    idempotencyRecords: new TableSql('idempotency_records', idempotencyRecord, schema, 'key'),
    outbox: new TableSql('notification_outbox', outboxEntry, schema),
    collectionFees: new TableSql('collection_fees', collectionFee, schema),
    bankCredits: new TableSql('bank_credits', bankCredit, schema),
    /** The counters of gapless invoice numbering: one row per sequence, holding the next number to hand out. */
    numberSequences: qualifiedName('number_sequences', schema),
  };
}

/** The tables of one schema. @internal */
export type BillingTables = ReturnType<typeof billingTables>;
