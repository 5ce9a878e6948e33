import type { FieldProtector } from '../../protection/field-protector';
import type { BillingStorageAdapter, StorageSession } from '../../storage/storage-adapter';
import type { CustomerRepository } from '../../storage/ledger-repositories';
import type { IdempotencyRepository } from '../../storage/idempotency-repository';
import { openCustomer, type ProtectedFields, sealCustomer } from './customer-fields';
import { openResponse, sealResponse } from './sealed-responses';

/** Customers sealed on the way in and opened on the way out. */
function protectedCustomers(
  inner: CustomerRepository,
  protector: FieldProtector,
  fields: ProtectedFields,
): CustomerRepository {
  const open = (customer: Awaited<ReturnType<CustomerRepository['get']>>) =>
    customer === undefined ? undefined : openCustomer(protector, customer);
  return {
    insert: async (record) => inner.insert(await sealCustomer(protector, fields, record)),
    update: async (record) => inner.update(await sealCustomer(protector, fields, record)),
    get: async (id) => open(await inner.get(id)),
    getByExternalRef: async (externalRef) => open(await inner.getByExternalRef(externalRef)),
    getMany: async (ids) =>
      Promise.all((await inner.getMany(ids)).map((customer) => openCustomer(protector, customer))),
    list: async (filter) => {
      const page = await inner.list(filter);
      return { ...page, items: await Promise.all(page.items.map((customer) => openCustomer(protector, customer))) };
    },
  };
}

/** Idempotency records whose responses (which may name people) are encrypted at rest. */
function protectedIdempotency(inner: IdempotencyRepository, protector: FieldProtector): IdempotencyRepository {
  return {
    get: async (key) => {
      const record = await inner.get(key);
      return record === undefined ? undefined : openResponse(protector, record);
    },
    put: async (record) => inner.put(await sealResponse(protector, record)),
    deleteExpired: (key, createdBefore) => inner.deleteExpired(key, createdBefore),
    purgeExpired: (query) => inner.purgeExpired(query),
  };
}

function protectSession<S extends StorageSession>(session: S, protector: FieldProtector, fields: ProtectedFields): S {
  return {
    ...session,
    customers: protectedCustomers(session.customers, protector, fields),
    idempotency: protectedIdempotency(session.idempotency, protector),
  };
}

/**
 * The storage as the engine uses it when the host configures field protection: customers' IBANs (and tax ids,
 * when chosen) and idempotency responses are encrypted before they reach the adapter and decrypted when read, and
 * customers carry search tokens for lookups. Every other repository passes through unchanged.
 * @internal
 */
export function protectedStorage(
  storage: BillingStorageAdapter,
  protector: FieldProtector,
  fields: ProtectedFields,
): BillingStorageAdapter {
  return {
    ...protectSession(storage, protector, fields),
    capabilities: storage.capabilities,
    transaction: (work) => storage.transaction((session) => work(protectSession(session, protector, fields))),
    close: () => storage.close(),
  };
}
