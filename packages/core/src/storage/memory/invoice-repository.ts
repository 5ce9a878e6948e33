import type { Invoice } from '../../domain/invoice';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { InvoiceRepository } from '../ledger-repositories';
import { appendRepository } from './basic-repositories';
import { indexedWrites } from './due-index';
import { normalizeInstant } from './instant';
import { collectionsDueAt, type MemoryState } from './memory-state';
import { claimFrom } from './serial-locks';
import type { MemoryExecutor } from './undo-log';

/** Invoices in memory, with their gapless number sequences and the open ones due for collections. @internal */
export function memoryInvoiceRepository(state: MemoryState, exec: MemoryExecutor): InvoiceRepository {
  const { invoices, sequences, collectible } = state;
  const writes = indexedWrites(invoices, collectible, collectionsDueAt);
  return {
    ...appendRepository(invoices, exec),
    insert: (record) => exec(({ log }) => writes.insert(record, log)),
    update: (record) => exec(({ log }) => writes.update(record, log)),
    insertMany: (records) =>
      exec(({ log }) => {
        // All or none: a conflict half-way makes the operation undo the inserts before it.
        for (const record of records) writes.insert(record, log);
      }),
    updateMany: (records) =>
      exec(({ log }) => {
        for (const record of records) writes.update(record, log);
      }),
    claimCollectible: (query) =>
      exec((context) => claimFrom(invoices, collectible, query, context, 'invoices.claimCollectible')),
    list: (filter) =>
      exec(() => {
        const dueBefore = filter.dueBefore === undefined ? undefined : normalizeInstant(filter.dueBefore, 'dueBefore');
        return invoices.page(filter, (invoice: Invoice) => {
          if (filter.customerId !== undefined && invoice.customerId !== filter.customerId) return false;
          if (filter.subscriptionId !== undefined && invoice.subscriptionId !== filter.subscriptionId) return false;
          if (filter.status !== undefined && invoice.status !== filter.status) return false;
          return dueBefore === undefined || (invoice.dueAt !== undefined && invoice.dueAt < dueBefore);
        });
      }),
    getByNumber: (number) =>
      exec(() => {
        let found: Invoice | undefined;
        for (const invoice of invoices.values()) {
          if (invoice.number === number && (found === undefined || invoice.id < found.id)) found = invoice;
        }
        return found === undefined ? undefined : invoices.get(found.id);
      }),
    reserveNumbers: (sequence, count) =>
      exec(({ log }) => {
        if (!Number.isInteger(count) || count < 1) {
          throw new BillingError(BillingErrorCode.invalidInput, 'count must be a positive integer', {
            path: ['count'],
          });
        }
        const last = sequences.get(sequence);
        sequences.set(sequence, (last ?? 0) + count);
        log.record(() => {
          if (last === undefined) sequences.delete(sequence);
          else sequences.set(sequence, last);
        });
        return (last ?? 0) + 1;
      }),
  };
}
