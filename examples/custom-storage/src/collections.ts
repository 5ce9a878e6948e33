import type { CollectionFee, CollectionFeeRepository, OutboxEntry, OutboxRepository } from '@billfold/core';
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

const uniqueDedupeKey = (data: FileData, entry: OutboxEntry) => assertUnique(data, 'outbox', entry, (e) => e.dedupeKey);

const uniqueFeeKey = (data: FileData, fee: CollectionFee) =>
  assertUnique(data, 'collectionFees', fee, (f) => `${f.invoiceId}|${f.key}`);

/** The notification outbox in the file: unique by dedupe key; pending entries claimed by `nextAttemptAt`. */
export function outboxRepository(access: DataAccess): OutboxRepository {
  const insert = (data: FileData, entry: OutboxEntry) => {
    uniqueDedupeKey(data, entry);
    insertRecord(data, 'outbox', entry);
  };
  return {
    insert: (entry) => access.write((data) => insert(data, entry)),
    insertMany: (entries) =>
      access.write((data) => {
        for (const entry of entries) insert(data, entry);
      }),
    get: async (id) => getRecord<OutboxEntry>(access.read(), 'outbox', id),
    update: (entry) => access.write((data) => updateRecord(data, 'outbox', entry)),
    updateMany: (entries) =>
      access.write((data) => {
        for (const entry of entries) updateRecord(data, 'outbox', entry);
      }),
    list: async (filter) => listRecords<OutboxEntry>(access.read(), 'outbox', filter, matchesFilter(filter)),
    claimDue: async (query) =>
      claimRows(
        access,
        'outbox.claimDue',
        Object.values(table<OutboxEntry>(access.read(), 'outbox')),
        (entry) => (entry.status === 'pending' ? entry.nextAttemptAt : undefined),
        query,
      ),
  };
}

/** Past-due fees in the file, unique by (invoice, key). */
export function collectionFeeRepository(access: DataAccess): CollectionFeeRepository {
  const insert = (data: FileData, fee: CollectionFee) => {
    uniqueFeeKey(data, fee);
    insertRecord(data, 'collectionFees', fee);
  };
  return {
    insert: (fee) => access.write((data) => insert(data, fee)),
    insertMany: (fees) =>
      access.write((data) => {
        for (const fee of fees) insert(data, fee);
      }),
    get: async (id) => getRecord<CollectionFee>(access.read(), 'collectionFees', id),
    update: (fee) => access.write((data) => updateRecord(data, 'collectionFees', fee)),
    list: async (filter) => listRecords<CollectionFee>(access.read(), 'collectionFees', filter, matchesFilter(filter)),
    listForInvoices: async (invoiceIds) => {
      const wanted = new Set(invoiceIds);
      return Object.values(table<CollectionFee>(access.read(), 'collectionFees'))
        .filter((fee) => wanted.has(fee.invoiceId))
        .map((fee) => copyJson(fee));
    },
  };
}
