import type { CollectionFee } from '../../domain/collection-fee';
import type { CollectionFeeRepository, OutboxRepository } from '../collections-repositories';
import { appendRepository, listByFields, versionedRepository } from './basic-repositories';
import { indexedWrites } from './due-index';
import { type MemoryState, pendingAt } from './memory-state';
import { claimFrom } from './serial-locks';
import type { MemoryExecutor } from './undo-log';

/** The notification outbox in memory, with the pending entries by `nextAttemptAt`. @internal */
export function memoryOutboxRepository(state: MemoryState, exec: MemoryExecutor): OutboxRepository {
  const { outbox, outboxDue } = state;
  const writes = indexedWrites(outbox, outboxDue, pendingAt);
  return {
    ...appendRepository(outbox, exec),
    insert: (entry) => exec(({ log }) => writes.insert(entry, log)),
    update: (entry) => exec(({ log }) => writes.update(entry, log)),
    insertMany: (entries) =>
      exec(({ log }) => {
        for (const entry of entries) writes.insert(entry, log);
      }),
    updateMany: (entries) =>
      exec(({ log }) => {
        for (const entry of entries) writes.update(entry, log);
      }),
    list: listByFields(outbox, exec),
    claimDue: (query) => exec((context) => claimFrom(outbox, outboxDue, query, context, 'outbox.claimDue')),
  };
}

/** Past-due fees in memory, unique by (invoice, key). @internal */
export function memoryCollectionFeeRepository(state: MemoryState, exec: MemoryExecutor): CollectionFeeRepository {
  const { collectionFees } = state;
  return {
    ...versionedRepository(collectionFees, exec),
    insertMany: (fees) =>
      exec(({ log }) => {
        for (const fee of fees) collectionFees.insert(fee, log);
      }),
    list: listByFields(collectionFees, exec),
    listForInvoices: (invoiceIds) =>
      exec(() => {
        const wanted = new Set(invoiceIds);
        const found: CollectionFee[] = [];
        for (const fee of collectionFees.values()) if (wanted.has(fee.invoiceId)) found.push(fee);
        return found.map((fee) => collectionFees.get(fee.id) as CollectionFee);
      }),
  };
}
