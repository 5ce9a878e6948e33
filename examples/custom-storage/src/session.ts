import { bankCreditRepository } from './bank-credits';
import {
  type BalanceTransaction,
  BillingError,
  type Customer,
  type Invoice,
  type Page,
  type PageRequest,
  type Product,
  type StorageSession,
  type Subscription,
  type UsageEventKey,
  foldEmail,
} from '@billfold/core';
import { addDecimals, type Decimal, formatDecimal, parseDecimal, ZERO } from './decimal';
import { copyJson, type FileData, type TableName } from './file-data';
import {
  assertUnique,
  type DataAccess,
  findRecord,
  getRecord,
  insertRecord,
  listRecords,
  matchesFilter,
  setActiveFlag,
  table,
  updateRecord,
} from './records';
import { auditRepository, idempotencyExpiry, privacyRepository } from './privacy';
import { claimRows } from './claims';
import { paymentAttemptRepository, paymentMethodRepository } from './payment-attempts';
import { collectionFeeRepository, outboxRepository } from './collections';
import { aggregate, listUsage, usageKey } from './usage';

/** Only one invoice per subscription and period start for these reasons. */
const ONCE_PER_PERIOD = new Set(['subscription_create', 'subscription_cycle']);

function checkInvoiceKeys(data: FileData, invoice: Invoice): void {
  assertUnique(data, 'invoices', invoice, (i) => (i.number === undefined ? undefined : `${i.sequence}|${i.number}`));
  assertUnique(data, 'invoices', invoice, (i) =>
    i.subscriptionId === undefined || i.periodStart === undefined || !ONCE_PER_PERIOD.has(i.billingReason)
      ? undefined
      : `${i.subscriptionId}|${i.periodStart}`,
  );
}

/** The exact sum of each customer's ledger entries in `currency`, in one pass over the ledger (zero when none). */
function balancesOf(data: FileData, customerIds: readonly string[], currency: string): Map<string, Decimal> {
  const totals = new Map<string, Decimal>(customerIds.map((id) => [id, ZERO]));
  for (const entry of Object.values(table<BalanceTransaction>(data, 'balance'))) {
    const total = totals.get(entry.customerId);
    if (total === undefined || entry.currency !== currency) continue;
    totals.set(entry.customerId, addDecimals(total, parseDecimal(entry.amount) ?? ZERO));
  }
  return totals;
}

/** The ids of `name` among `ids`, ascending and each once: what a lock call of this serial adapter returns. */
function lockedIds(access: DataAccess, name: TableName, ids: readonly string[], operation: string): string[] {
  if (!access.inTransaction) {
    throw new BillingError('invalid_state', `${operation} must be called inside transaction()`);
  }
  const rows = table(access.read(), name);
  return [...new Set(ids)].filter((id) => rows[id] !== undefined).sort();
}

/** Every repository, reading and writing through `access`. */
export function createSession(access: DataAccess): StorageSession {
  /** insert, get and list of a table (list filtered by equal fields). */
  const basic = <T extends { id: string }>(name: TableName, check?: (data: FileData, record: T) => void) => ({
    insert: (record: T) =>
      access.write((data) => {
        check?.(data, record);
        insertRecord(data, name, record);
      }),
    get: async (id: string) => getRecord<T>(access.read(), name, id),
    list: async (filter: PageRequest & object): Promise<Page<T>> =>
      listRecords<T>(access.read(), name, filter, matchesFilter(filter)),
  });
  /** basic, plus update under the version rule. */
  const versioned = <T extends { id: string; version: number }>(
    name: TableName,
    check?: (data: FileData, record: T) => void,
  ) => ({
    ...basic<T>(name, check),
    update: (record: T) =>
      access.write((data) => {
        check?.(data, record);
        updateRecord(data, name, record);
      }),
  });

  const invoices = versioned<Invoice>('invoices', checkInvoiceKeys);
  const subscriptions = versioned<Subscription>('subscriptions');
  const customers = versioned<Customer>('customers', (data, customer) =>
    assertUnique(data, 'customers', customer, (c) => c.externalRef),
  );

  return {
    customers: {
      ...customers,
      list: async ({ email, searchToken, erasure, ...page }) => {
        const wanted = email === undefined ? undefined : foldEmail(email);
        return listRecords<Customer>(
          access.read(),
          'customers',
          page,
          (customer) =>
            (wanted === undefined || foldEmail(customer.email) === wanted) &&
            (searchToken === undefined || (customer.searchTokens ?? []).includes(searchToken)) &&
            (erasure === undefined || (customer.erasure !== undefined && customer.erasure.purgedAt === undefined)),
        );
      },
      getByExternalRef: async (externalRef) =>
        findRecord<Customer>(access.read(), 'customers', (c) => c.externalRef === externalRef),
      getMany: async (ids) =>
        [...new Set(ids)].flatMap((id) => {
          const customer = getRecord<Customer>(access.read(), 'customers', id);
          return customer === undefined ? [] : [customer];
        }),
    },
    products: {
      ...basic<Product>('products', (data, product) => assertUnique(data, 'products', product, (p) => p.billingCode)),
      getByBillingCode: async (code) => findRecord<Product>(access.read(), 'products', (p) => p.billingCode === code),
      setActive: (id, active) => access.write((data) => setActiveFlag(data, 'products', id, active)),
    },
    prices: {
      ...basic('prices'),
      setActive: (id, active) => access.write((data) => setActiveFlag(data, 'prices', id, active)),
    },
    meters: basic('meters'),
    coupons: basic('coupons'),
    taxRates: basic('taxRates'),
    subscriptions: {
      ...subscriptions,
      updateMany: (records) =>
        access.write((data) => {
          for (const record of records) updateRecord(data, 'subscriptions', record);
        }),
      // Transactions run one at a time (see JsonFileStorage): what one locks or claims, no other can touch.
      lock: async (ids) =>
        lockedIds(access, 'subscriptions', ids, 'subscriptions.lock').map(
          (id) => getRecord<Subscription>(access.read(), 'subscriptions', id) as Subscription,
        ),
      claimDue: async (query) =>
        claimRows(
          access,
          'subscriptions.claimDue',
          Object.values(table<Subscription>(access.read(), 'subscriptions')),
          (s) => s.nextBillingAt,
          query,
        ),
    },
    usage: {
      insertMany: (events) =>
        access.write((data) => {
          // Keyed by customer and event id: event ids are scoped per customer.
          const rows = table(data, 'usage');
          const result = { inserted: [] as UsageEventKey[], duplicates: [] as UsageEventKey[] };
          for (const event of events) {
            const key = usageKey(event);
            const identity = { customerId: event.customerId, id: event.id };
            if (rows[key] === undefined) {
              rows[key] = copyJson(event);
              result.inserted.push(identity);
            } else result.duplicates.push(identity);
          }
          return result;
        }),
      aggregate: async (queries) => queries.map((query) => aggregate(access.read(), query)),
      list: async (filter) => listUsage(access.read(), filter),
    },
    invoices: {
      ...invoices,
      list: async (filter) =>
        listRecords<Invoice>(access.read(), 'invoices', filter, (invoice) => {
          const { dueBefore, ...fields } = filter;
          if (dueBefore !== undefined && !(invoice.dueAt !== undefined && invoice.dueAt < dueBefore)) return false;
          return matchesFilter(fields)(invoice);
        }),
      insertMany: (records) =>
        access.write((data) => {
          for (const record of records) {
            checkInvoiceKeys(data, record);
            insertRecord(data, 'invoices', record);
          }
        }),
      updateMany: (records) =>
        access.write((data) => {
          for (const record of records) {
            checkInvoiceKeys(data, record);
            updateRecord(data, 'invoices', record);
          }
        }),
      claimCollectible: async (query) =>
        claimRows(
          access,
          'invoices.claimCollectible',
          Object.values(table<Invoice>(access.read(), 'invoices')),
          (invoice) => (invoice.status === 'open' ? invoice.collectionsDueAt : undefined),
          query,
        ),
      // The lowest id first, as the contract asks should two sequences hold the same number text.
      getByNumber: async (number) =>
        listRecords<Invoice>(access.read(), 'invoices', { limit: 1 }, (invoice) => invoice.number === number).items[0],
      reserveNumbers: (sequence, count) =>
        access.write((data) => {
          const first = (data.sequences[sequence] ?? 0) + 1;
          data.sequences[sequence] = first + count - 1;
          return first;
        }),
    },
    creditNotes: basic('creditNotes'),
    payments: versioned('payments'),
    refunds: basic('refunds'),
    balance: {
      ...basic<BalanceTransaction>('balance'),
      balance: async (customerId, currency) =>
        formatDecimal(balancesOf(access.read(), [customerId], currency).get(customerId) ?? ZERO),
      balances: async (customerIds, currency) => {
        const totals = balancesOf(access.read(), customerIds, currency);
        return new Map([...totals].map(([customerId, total]) => [customerId, formatDecimal(total)]));
      },
    },
    idempotency: {
      get: async (key) => {
        const record = access.read().idempotency[key];
        return record === undefined ? undefined : copyJson(record);
      },
      put: (record) =>
        access.write((data) => {
          if (data.idempotency[record.key] !== undefined) {
            throw new BillingError('conflict', `idempotency key "${record.key}" is already used`);
          }
          data.idempotency[record.key] = copyJson(record);
        }),
      ...idempotencyExpiry(access),
    },
    privacy: privacyRepository(access),
    audit: auditRepository(access),
    outbox: outboxRepository(access),
    collectionFees: collectionFeeRepository(access),
    bankCredits: bankCreditRepository(access),
    paymentAttempts: paymentAttemptRepository(access),
    paymentMethods: paymentMethodRepository(access),
    locks: {
      customers: async (ids) => lockedIds(access, 'customers', ids, 'locks.customers'),
    },
  };
}
