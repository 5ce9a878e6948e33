import type { Page, PageRequest } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { AppendRepository, VersionedRepository } from '../repository';
import { type Table, updateVersioned } from './table';
import type { MemoryExecutor } from './undo-log';

/** `insert` and `get` over a table. @internal */
export function appendRepository<T extends { readonly id: string }>(
  table: Table<T>,
  exec: MemoryExecutor,
): AppendRepository<T> {
  return {
    insert: (record) => exec(({ log }) => table.insert(record, log)),
    get: (id) => exec(() => table.get(id)),
  };
}

/** `insert`, `get` and the optimistic-locking `update` over a table. @internal */
export function versionedRepository<T extends { readonly id: string; readonly version: number }>(
  table: Table<T>,
  exec: MemoryExecutor,
): VersionedRepository<T> {
  return {
    ...appendRepository(table, exec),
    update: (record) =>
      exec(({ log }) => {
        updateVersioned(table, record, log);
      }),
  };
}

/**
 * `setActive` over a table of records with an `active` flag (products, prices): replaces the record with the flag
 * set. @throws BillingError `not_found` for an unknown id.
 * @internal
 */
export function activeFlag<T extends { readonly id: string; readonly active: boolean }>(
  table: Table<T>,
  exec: MemoryExecutor,
): (id: string, active: boolean) => Promise<void> {
  return (id, active) =>
    exec(({ log }) => {
      const stored = table.peek(id);
      if (stored === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `${table.entity} "${id}" does not exist`, { path: ['id'] });
      }
      table.replace({ ...stored, active }, log);
    });
}

/**
 * A `list` over a table: ascending id, keeping the records whose fields equal every filter field that is set
 * (`limit` and `cursor` are paging, not filters).
 * @internal
 */
export function listByFields<T extends { readonly id: string }, F extends PageRequest>(
  table: Table<T>,
  exec: MemoryExecutor,
): (filter: F) => Promise<Page<T>> {
  return (filter) =>
    exec(() => {
      const fields = Object.entries(filter).filter(
        ([key, value]) => key !== 'limit' && key !== 'cursor' && value !== undefined,
      );
      if (fields.length === 0) return table.page(filter);
      return table.page(filter, (record) =>
        fields.every(([key, value]) => (record as Record<string, unknown>)[key] === value),
      );
    });
}
