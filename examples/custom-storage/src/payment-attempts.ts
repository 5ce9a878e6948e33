import type {
  CustomerPaymentMethod,
  PaymentAttempt,
  PaymentAttemptRepository,
  PaymentMethodRepository,
} from '@billfold/core';
import { claimRows } from './claims';
import { copyJson, type FileData } from './file-data';
import {
  assertUnique,
  type DataAccess,
  getRecord,
  insertRecord,
  listRecords,
  matchesFilter,
  table,
  updateRecord,
} from './records';

/** Both unique keys of an attempt: its idempotency key, and its provider payment where known. */
function uniqueAttempt(data: FileData, attempt: PaymentAttempt): void {
  assertUnique(data, 'paymentAttempts', attempt, (a) => a.idempotencyKey);
  assertUnique(data, 'paymentAttempts', attempt, (a) =>
    a.providerPaymentId === undefined ? undefined : `${a.gateway}|${a.providerPaymentId}`,
  );
  assertUnique(data, 'paymentAttempts', attempt, (a) =>
    a.chargeId === undefined ? undefined : `${a.gateway}|${a.chargeId}`,
  );
}

/** The first attempt of the file that `matches`, as a copy. */
function findAttempt(data: FileData, matches: (attempt: PaymentAttempt) => boolean): PaymentAttempt | undefined {
  const found = Object.values(table<PaymentAttempt>(data, 'paymentAttempts')).find(matches);
  return found === undefined ? undefined : copyJson(found);
}

/** Payment attempts in the file, unique by idempotency key and provider payment; due ones claimed by `dueAt`. */
export function paymentAttemptRepository(access: DataAccess): PaymentAttemptRepository {
  return {
    insert: (attempt) =>
      access.write((data) => {
        uniqueAttempt(data, attempt);
        insertRecord(data, 'paymentAttempts', attempt);
      }),
    get: async (id) => getRecord<PaymentAttempt>(access.read(), 'paymentAttempts', id),
    update: (attempt) =>
      access.write((data) => {
        uniqueAttempt(data, attempt);
        updateRecord(data, 'paymentAttempts', attempt);
      }),
    list: async (filter) =>
      listRecords<PaymentAttempt>(access.read(), 'paymentAttempts', filter, matchesFilter(filter)),
    getByIdempotencyKey: async (key) => findAttempt(access.read(), (a) => a.idempotencyKey === key),
    getByProviderPayment: async (gateway, providerPaymentId) =>
      findAttempt(
        access.read(),
        (a) => a.gateway === gateway && (a.providerPaymentId === providerPaymentId || a.chargeId === providerPaymentId),
      ),
    claimDue: async (query) =>
      claimRows(
        access,
        'paymentAttempts.claimDue',
        Object.values(table<PaymentAttempt>(access.read(), 'paymentAttempts')),
        (attempt) => attempt.dueAt,
        query,
      ),
  };
}

/** Saved payment methods in the file, unique by (gateway, provider token). */
export function paymentMethodRepository(access: DataAccess): PaymentMethodRepository {
  const unique = (data: FileData, method: CustomerPaymentMethod) =>
    assertUnique(data, 'paymentMethods', method, (m) => `${m.gateway}|${m.providerMethodId}`);
  return {
    insert: (method) =>
      access.write((data) => {
        unique(data, method);
        insertRecord(data, 'paymentMethods', method);
      }),
    get: async (id) => getRecord<CustomerPaymentMethod>(access.read(), 'paymentMethods', id),
    update: (method) => access.write((data) => updateRecord(data, 'paymentMethods', method)),
    list: async (filter) =>
      listRecords<CustomerPaymentMethod>(access.read(), 'paymentMethods', filter, matchesFilter(filter)),
    getByProviderMethod: async (gateway, providerMethodId) => {
      const found = Object.values(table<CustomerPaymentMethod>(access.read(), 'paymentMethods')).find(
        (m) => m.gateway === gateway && m.providerMethodId === providerMethodId,
      );
      return found === undefined ? undefined : copyJson(found);
    },
  };
}
