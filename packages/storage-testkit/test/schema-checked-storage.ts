import {
  AuditEntrySchema,
  BalanceTransactionSchema,
  type BillingStorageAdapter,
  BankCreditSchema,
  CollectionFeeSchema,
  CatalogPriceSchema,
  CouponInputSchema,
  CreditNoteSchema,
  CustomerPaymentMethodSchema,
  CustomerSchema,
  InvoiceSchema,
  MeterInputSchema,
  OutboxEntrySchema,
  PaymentAttemptSchema,
  PaymentSchema,
  PayoutSchema,
  ProductSchema,
  RefundSchema,
  type StorageSession,
  SubscriptionSchema,
  TaxRateSchema,
  UsageEventSchema,
} from '@billfold/core';
import { expect } from 'vitest';

/** Anything with a zod-style `parse`. */
interface Parser {
  parse(value: unknown): unknown;
}

/** The schema each repository's records must satisfy (idempotency records have none). */
const schemas: Record<keyof StorageSession, Parser | undefined> = {
  customers: CustomerSchema,
  products: ProductSchema,
  prices: CatalogPriceSchema,
  meters: MeterInputSchema,
  coupons: CouponInputSchema,
  taxRates: TaxRateSchema,
  subscriptions: SubscriptionSchema,
  usage: UsageEventSchema,
  invoices: InvoiceSchema,
  creditNotes: CreditNoteSchema,
  payments: PaymentSchema,
  refunds: RefundSchema,
  balance: BalanceTransactionSchema,
  idempotency: undefined,
  privacy: undefined,
  audit: AuditEntrySchema,
  outbox: OutboxEntrySchema,
  collectionFees: CollectionFeeSchema,
  bankCredits: BankCreditSchema,
  payouts: PayoutSchema,
  paymentAttempts: PaymentAttemptSchema,
  paymentMethods: CustomerPaymentMethodSchema,
  locks: undefined,
};

const SINGLE = new Set(['insert', 'update']);
const MANY = new Set(['insertMany', 'updateMany', 'append']);

/** Fails the test unless `record` is valid and complete: parsing adds, drops and changes nothing. */
function check(repository: string, schema: Parser, record: unknown): void {
  let parsed: unknown;
  try {
    parsed = schema.parse(record);
  } catch (error) {
    expect.fail(`kit fixture for ${repository} breaks its schema: ${String(error)}\n${JSON.stringify(record)}`);
  }
  expect(parsed, `kit fixture for ${repository} is incomplete`).toEqual(record);
}

function checkedRepository<T extends object>(name: keyof StorageSession, repository: T): T {
  const schema = schemas[name];
  if (schema === undefined) return repository;
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        if (SINGLE.has(property)) check(name, schema, args[0]);
        if (MANY.has(property)) for (const record of args[0] as unknown[]) check(name, schema, record);
        return value.apply(target, args);
      };
    },
  });
}

function checkedSession<S extends StorageSession>(session: S): S {
  return new Proxy(session, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'transaction' && typeof value === 'function') {
        const transaction = value as BillingStorageAdapter['transaction'];
        return <R>(work: (inner: StorageSession) => Promise<R>) =>
          transaction.call(target, (inner) => work(checkedSession(inner)));
      }
      if (typeof value === 'function') return value.bind(target);
      if (typeof property === 'string' && property in schemas && typeof value === 'object' && value !== null) {
        return checkedRepository(property as keyof StorageSession, value);
      }
      return value;
    },
  });
}

/**
 * The adapter, with every record the kit writes checked against its `@billfold/core` domain schema, so the
 * kit's fixtures are proven valid: an adapter author must never fail the kit because of a bad fixture.
 */
export function schemaChecked(adapter: BillingStorageAdapter): BillingStorageAdapter {
  return checkedSession(adapter);
}
