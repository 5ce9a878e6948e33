import { BillingError, type Page, type PageRequest } from '@billfold/core';
import { copyJson, type FileData, type TableName } from './file-data';

/** How the session reaches the data: reads see `read()`, writes go through `write`. */
export interface DataAccess {
  read(): FileData;
  /** Applies `change` to a copy of the data; the copy replaces the data only when `change` returns. */
  write<T>(change: (data: FileData) => T): Promise<T>;
  /** Whether this access belongs to an open transaction (lock calls are refused outside one). */
  readonly inTransaction: boolean;
}

/** The records of a table, by id. */
export function table<T>(data: FileData, name: TableName): Record<string, T> {
  return data.tables[name] as Record<string, T>;
}

/** A copy of one record, or `undefined`. */
export function getRecord<T>(data: FileData, name: TableName, id: string): T | undefined {
  const record = table<T>(data, name)[id];
  return record === undefined ? undefined : copyJson(record);
}

/** A copy of the first record (in no particular order) that `matches`, or `undefined`: for lookups by a unique key. */
export function findRecord<T>(data: FileData, name: TableName, matches: (record: T) => boolean): T | undefined {
  const found = Object.values(table<T>(data, name)).find(matches);
  return found === undefined ? undefined : copyJson(found);
}

/** Stores a new record. @throws BillingError `conflict` when the id exists. */
export function insertRecord<T extends { id: string }>(data: FileData, name: TableName, record: T): void {
  const rows = table<T>(data, name);
  if (rows[record.id] !== undefined) {
    throw new BillingError('conflict', `${name}: "${record.id}" already exists`, { path: ['id'] });
  }
  rows[record.id] = copyJson(record);
}

/** Sets the `active` flag of a product or price. @throws BillingError `not_found` when the id is unknown. */
export function setActiveFlag(data: FileData, name: 'products' | 'prices', id: string, active: boolean): void {
  const rows = table<{ active: boolean }>(data, name);
  const record = rows[id];
  if (record === undefined) throw new BillingError('not_found', `${name}: "${id}" does not exist`, { path: ['id'] });
  rows[id] = { ...record, active };
}

/** Replaces a record under the version rule. @throws BillingError `not_found` / `conflict`. */
export function updateRecord<T extends { id: string; version: number }>(
  data: FileData,
  name: TableName,
  record: T,
): void {
  const rows = table<T>(data, name);
  const stored = rows[record.id];
  if (stored === undefined) throw new BillingError('not_found', `${name}: "${record.id}" does not exist`);
  if (stored.version !== record.version - 1) {
    throw new BillingError(
      'conflict',
      `${name}: "${record.id}" is at version ${stored.version}, not ${record.version - 1}`,
    );
  }
  rows[record.id] = copyJson(record);
}

/** Throws `conflict` when another record of the table has the same key. */
export function assertUnique<T extends { id: string }>(
  data: FileData,
  name: TableName,
  record: T,
  keyOf: (record: T) => string | undefined,
): void {
  const key = keyOf(record);
  if (key === undefined) return;
  for (const other of Object.values(table<T>(data, name))) {
    if (other.id !== record.id && keyOf(other) === key) {
      throw new BillingError('conflict', `${name}: "${other.id}" already has this unique key`);
    }
  }
}

/** The checked page size of a request (100 when it names none). */
export function limitOf(request: PageRequest): number {
  const limit = request.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new BillingError('invalid_input', 'limit must be an integer from 1 to 1000', { path: ['limit'] });
  }
  return limit;
}

/** One page of copies of the records that match, ascending by id; the cursor is the last id. */
export function listRecords<T extends { id: string }>(
  data: FileData,
  name: TableName,
  request: PageRequest,
  matches: (record: T) => boolean = () => true,
): Page<T> {
  const after = request.cursor;
  const sorted = Object.values(table<T>(data, name))
    .filter((record) => (after === undefined || record.id > after) && matches(record))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const limit = limitOf(request);
  const items = sorted.slice(0, limit).map((record) => copyJson(record));
  const last = items[items.length - 1];
  return sorted.length > limit && last !== undefined ? { items, nextCursor: last.id } : { items };
}

/** Whether a record's fields equal every filter field that is set (paging fields aside). */
export function matchesFilter(filter: object): (record: object) => boolean {
  const fields = Object.entries(filter).filter(
    ([key, value]) => key !== 'limit' && key !== 'cursor' && value !== undefined,
  );
  return (record) => fields.every(([key, value]) => (record as Record<string, unknown>)[key] === value);
}
