import type {
  AppendRepository,
  BalanceTransaction,
  BankCredit,
  CatalogPrice,
  CollectionFee,
  Coupon,
  CreditNote,
  Customer,
  CustomerPaymentMethod,
  Invoice,
  Meter,
  OutboxEntry,
  Page,
  PageRequest,
  Payment,
  PaymentAttempt,
  Product,
  Refund,
  StorageSession,
  Subscription,
  TaxRate,
  VersionedRepository,
} from '@billfold/core';
import { makeBankCredit } from '../builders/bank-credit';
import { makeCatalogPrice, makeCoupon, makeMeter, makeProduct, makeTaxRate } from '../builders/catalog';
import { makeCollectionFee, makeOutboxEntry } from '../builders/collections';
import { makeCustomer } from '../builders/customer';
import { makePaymentAttempt, makePaymentMethod } from '../builders/online-payments';
import { makeCreditNote, makeInvoice } from '../builders/invoice';
import { makeBalanceTransaction, makePayment, makeRefund } from '../builders/payment';
import { insertCustomer, insertInvoice, insertPayment, insertProduct } from './parents';
import { makeSubscription } from '../builders/subscription';

/** A repository with a `list` (whose filter the kit fills from `RecordKind.listFilter`). */
export interface ListableRepository<T> extends AppendRepository<T> {
  list(filter: PageRequest & Record<string, unknown>): Promise<Page<T>>;
}

/** How the kit makes, changes and finds one kind of record. */
export interface RecordKind<T extends { readonly id: string }> {
  /** What a record is, for test titles (`customer`). */
  readonly entity: string;
  readonly repository: (session: StorageSession) => ListableRepository<T>;
  /** Stores what a new record refers to and builds the record (not stored). */
  readonly build: (session: StorageSession, overrides?: Partial<T>) => Promise<T>;
  /** A different valid record with the same id and version. */
  readonly change: (record: T) => T;
  /** Filter fields `list` needs to see records built with these fields as overrides. */
  readonly listFilter?: (record: T) => Partial<T> & Record<string, string>;
}

/** A record kind whose repository updates under the version rule. */
export interface VersionedRecordKind<T extends { readonly id: string; readonly version: number }>
  extends RecordKind<T> {
  readonly repository: (session: StorageSession) => ListableRepository<T> & VersionedRepository<T>;
}

/** Customers. */
export const customerKind: VersionedRecordKind<Customer> = {
  entity: 'customer',
  repository: (session) => session.customers,
  build: async (_session, overrides) => makeCustomer(overrides),
  change: (record) => ({ ...record, name: 'Grace Hopper', email: 'grace@example.com', paymentTermsDays: 30 }),
};

/** Products. */
export const productKind: RecordKind<Product> = {
  entity: 'product',
  repository: (session) => session.products,
  build: async (_session, overrides) => makeProduct(overrides),
  change: (record) => ({ ...record, name: 'Changed plan', active: false }),
};

/** Catalog prices (their product stored first). */
export const priceKind: RecordKind<CatalogPrice> = {
  entity: 'price',
  repository: (session) => session.prices,
  build: async (session, overrides = {}) =>
    makeCatalogPrice({ ...overrides, productId: overrides.productId ?? (await insertProduct(session)).id }),
  change: (record) => ({ ...record, spec: { model: 'flat', currency: 'EUR', amount: '12.50' }, interval: 'year' }),
};

/** Meters. */
export const meterKind: RecordKind<Meter> = {
  entity: 'meter',
  repository: (session) => session.meters,
  build: async (_session, overrides) => makeMeter(overrides),
  change: (record) => ({ ...record, name: 'Storage', aggregation: 'max', property: 'bytes' }),
};

/** Coupons. */
export const couponKind: RecordKind<Coupon> = {
  entity: 'coupon',
  repository: (session) => session.coupons,
  build: async (_session, overrides) => makeCoupon(overrides),
  change: (record) => ({ ...record, name: '25% off', percentOff: '25' }),
};

/** Tax rates. */
export const taxRateKind: RecordKind<TaxRate> = {
  entity: 'tax rate',
  repository: (session) => session.taxRates,
  build: async (_session, overrides) => makeTaxRate(overrides),
  change: (record) => ({ ...record, name: 'VAT 7%', percentage: '7' }),
};

/** The id of `overrides.customerId`, or of a new stored customer. */
async function customerIdFor(session: StorageSession, overrides: { customerId?: string }): Promise<string> {
  return overrides.customerId ?? (await insertCustomer(session)).id;
}

/** Subscriptions (their customer stored first). */
export const subscriptionKind: VersionedRecordKind<Subscription> = {
  entity: 'subscription',
  repository: (session) => session.subscriptions,
  build: async (session, overrides = {}) =>
    makeSubscription({ ...overrides, customerId: await customerIdFor(session, overrides) }),
  change: (record) => ({ ...record, status: 'past_due', cancelAtPeriodEnd: true }),
};

/** Invoices (their customer stored first). */
export const invoiceKind: VersionedRecordKind<Invoice> = {
  entity: 'invoice',
  repository: (session) => session.invoices,
  build: async (session, overrides = {}) =>
    makeInvoice({ ...overrides, customerId: await customerIdFor(session, overrides) }),
  change: (record) => ({ ...record, status: 'void', voidedAt: '2026-01-20T08:00:00.000Z', amountRemaining: '0.00' }),
};

/** Credit notes (their customer and invoice stored first). */
export const creditNoteKind: RecordKind<CreditNote> = {
  entity: 'credit note',
  repository: (session) => session.creditNotes,
  build: async (session, overrides = {}) => {
    const customerId = await customerIdFor(session, overrides);
    const invoiceId = overrides.invoiceId ?? (await insertInvoice(session, { customerId })).id;
    return makeCreditNote({ ...overrides, customerId, invoiceId });
  },
  change: (record) => ({ ...record, reason: 'duplicate', memo: 'Billed twice' }),
};

/** Payments (their customer stored first). */
export const paymentKind: VersionedRecordKind<Payment> = {
  entity: 'payment',
  repository: (session) => session.payments,
  build: async (session, overrides = {}) =>
    makePayment({ ...overrides, customerId: await customerIdFor(session, overrides) }),
  change: (record) => ({ ...record, status: 'refunded', amountRefunded: record.amount }),
};

/** Refunds (their customer and payment stored first). */
export const refundKind: RecordKind<Refund> = {
  entity: 'refund',
  repository: (session) => session.refunds,
  build: async (session, overrides = {}) => {
    const customerId = await customerIdFor(session, overrides);
    const paymentId = overrides.paymentId ?? (await insertPayment(session, { customerId })).id;
    return makeRefund({ ...overrides, customerId, paymentId });
  },
  change: (record) => ({ ...record, amount: '4.00', reason: 'Goodwill' }),
};

/** Ledger entries (their customer stored first); listed per customer. */
export const balanceTransactionKind: RecordKind<BalanceTransaction> = {
  entity: 'balance transaction',
  repository: (session) => session.balance,
  build: async (session, overrides = {}) =>
    makeBalanceTransaction({ ...overrides, customerId: await customerIdFor(session, overrides) }),
  change: (record) => ({ ...record, amount: '-2.00', type: 'applied_to_invoice' }),
  listFilter: (record) => ({ customerId: record.customerId }),
};

/** Outbox entries (their customer stored first). */
export const outboxEntryKind: VersionedRecordKind<OutboxEntry> = {
  entity: 'outbox entry',
  repository: (session) => session.outbox,
  build: async (session, overrides = {}) =>
    makeOutboxEntry({ ...overrides, customerId: await customerIdFor(session, overrides) }),
  change: (record) => ({
    ...record,
    status: 'dead',
    attempts: 8,
    lastAttemptAt: '2026-01-16T10:00:00.000Z',
    lastError: { code: 'delivery_rejected', message: '550 5.1.1 no such user', retryable: false },
  }),
};

/** Past-due fees (their customer and overdue invoice stored first). */
export const collectionFeeKind: VersionedRecordKind<CollectionFee> = {
  entity: 'collection fee',
  repository: (session) => session.collectionFees,
  build: async (session, overrides = {}) => {
    const customerId = await customerIdFor(session, overrides);
    const invoiceId = overrides.invoiceId ?? (await insertInvoice(session, { customerId })).id;
    return makeCollectionFee({ ...overrides, customerId, invoiceId });
  },
  change: (record) => ({
    ...record,
    status: 'waived',
    creditNoteId: 'cn_waiver',
    waivedAt: '2026-01-20T08:00:00.000Z',
  }),
};

/** Imported bank credits (no parent records: a queued credit belongs to no one yet). */
export const bankCreditKind: VersionedRecordKind<BankCredit> = {
  entity: 'bank credit',
  repository: (session) => session.bankCredits,
  build: async (_session, overrides = {}) => makeBankCredit(overrides),
  change: (record) => ({
    ...record,
    status: 'matched',
    resolution: 'assigned',
    customerId: 'cus_kit_payer',
    paymentId: 'pay_kit_payer',
    candidates: [
      {
        customerId: 'cus_kit_payer',
        rule: 'amount',
        allocations: [{ invoiceId: 'inv_kit_1', invoiceNumber: 'INV-1', amount: '75.00' }],
        unapplied: '0.00',
      },
    ],
    resolvedAt: '2026-01-20T08:00:00.000Z',
  }),
};

/** Payment attempts (their customer and invoice stored first). */
export const paymentAttemptKind: VersionedRecordKind<PaymentAttempt> = {
  entity: 'payment attempt',
  repository: (session) => session.paymentAttempts,
  build: async (session, overrides = {}) => {
    const customerId = await customerIdFor(session, overrides);
    const invoiceId = overrides.invoiceId ?? (await insertInvoice(session, { customerId })).id;
    return makePaymentAttempt({ ...overrides, customerId, invoiceId });
  },
  change: ({ decline: _decline, dueAt: _dueAt, failedAt: _failedAt, ...record }) => ({
    ...record,
    status: 'succeeded',
    paymentId: 'pay_recovered',
    fee: { amount: '3.75', currency: 'EUR' },
    updatedAt: '2026-01-16T10:00:00.000Z',
  }),
};

/** Saved payment methods (their customer stored first). */
export const paymentMethodKind: VersionedRecordKind<CustomerPaymentMethod> = {
  entity: 'payment method',
  repository: (session) => session.paymentMethods,
  build: async (session, overrides = {}) =>
    makePaymentMethod({ ...overrides, customerId: await customerIdFor(session, overrides) }),
  change: (record) => ({ ...record, isDefault: false, status: 'detached', updatedAt: '2026-01-16T10:00:00.000Z' }),
};
