import { type Customer, foldEmail } from '../../domain/customer';
import type { PayoutRepository } from '../reconciliation-repositories';
import type { StorageSession } from '../storage-adapter';
import { activeFlag, appendRepository, listByFields, versionedRepository } from './basic-repositories';
import { memoryAuditRepository } from './audit-repository';
import { memoryCollectionFeeRepository, memoryOutboxRepository } from './collections-repositories';
import { memoryInvoiceRepository } from './invoice-repository';
import { memoryBalanceRepository, memoryIdempotencyRepository } from './ledger-repositories';
import type { MemoryState } from './memory-state';
import { memoryPaymentAttemptRepository, memoryPaymentMethodRepository } from './payment-repositories';
import { memoryPrivacyRepository } from './privacy-repository';
import { memoryLedgerLocks } from './serial-locks';
import { memorySubscriptionRepository } from './subscription-repository';
import type { MemoryExecutor } from './undo-log';

/**
 * Every repository over one memory state, each operation run through `exec` (alone under the adapter's lock,
 * or inside an open transaction).
 * @internal
 */
export function createMemorySession(
  state: MemoryState,
  exec: MemoryExecutor,
): StorageSession & { readonly payouts: PayoutRepository } {
  return {
    customers: {
      ...versionedRepository(state.customers, exec),
      list: ({ email, searchToken, erasure, ...page }) =>
        exec(() => {
          const wanted = email === undefined ? undefined : foldEmail(email);
          return state.customers.page(
            page,
            (customer) =>
              (wanted === undefined || foldEmail(customer.email) === wanted) &&
              (searchToken === undefined || (customer.searchTokens ?? []).includes(searchToken)) &&
              (erasure === undefined || (customer.erasure !== undefined && customer.erasure.purgedAt === undefined)),
          );
        }),
      getByExternalRef: (externalRef) => exec(() => state.customers.findByKey('externalRef', externalRef)),
      getMany: (ids) =>
        exec(() => {
          const found: Customer[] = [];
          for (const id of new Set(ids)) {
            const customer = state.customers.get(id);
            if (customer !== undefined) found.push(customer);
          }
          return found;
        }),
    },
    products: {
      ...appendRepository(state.products, exec),
      getByBillingCode: (billingCode) => exec(() => state.products.findByKey('billingCode', billingCode)),
      list: listByFields(state.products, exec),
      setActive: activeFlag(state.products, exec),
    },
    prices: {
      ...appendRepository(state.prices, exec),
      list: listByFields(state.prices, exec),
      setActive: activeFlag(state.prices, exec),
    },
    meters: { ...appendRepository(state.meters, exec), list: listByFields(state.meters, exec) },
    coupons: { ...appendRepository(state.coupons, exec), list: listByFields(state.coupons, exec) },
    taxRates: { ...appendRepository(state.taxRates, exec), list: listByFields(state.taxRates, exec) },
    subscriptions: memorySubscriptionRepository(state, exec),
    usage: {
      insertMany: (events) => exec(({ log }) => state.usage.insertMany(events, log)),
      aggregate: (queries) => exec(() => state.usage.aggregate(queries)),
      list: (filter) => exec(() => state.usage.list(filter)),
    },
    invoices: memoryInvoiceRepository(state, exec),
    creditNotes: { ...appendRepository(state.creditNotes, exec), list: listByFields(state.creditNotes, exec) },
    payments: { ...versionedRepository(state.payments, exec), list: listByFields(state.payments, exec) },
    refunds: { ...appendRepository(state.refunds, exec), list: listByFields(state.refunds, exec) },
    balance: memoryBalanceRepository(state, exec),
    idempotency: memoryIdempotencyRepository(state, exec),
    privacy: memoryPrivacyRepository(state, exec),
    audit: memoryAuditRepository(state.auditEntries, exec),
    outbox: memoryOutboxRepository(state, exec),
    collectionFees: memoryCollectionFeeRepository(state, exec),
    bankCredits: {
      ...versionedRepository(state.bankCredits, exec),
      getByKey: (key) => exec(() => state.bankCredits.findByKey('key', key)),
      list: listByFields(state.bankCredits, exec),
    },
    payouts: {
      ...versionedRepository(state.payouts, exec),
      getByKey: (key) => exec(() => state.payouts.findByKey('key', key)),
      list: listByFields(state.payouts, exec),
    },
    paymentAttempts: memoryPaymentAttemptRepository(state, exec),
    paymentMethods: memoryPaymentMethodRepository(state, exec),
    locks: memoryLedgerLocks(state.customers, exec),
  };
}
