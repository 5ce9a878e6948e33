import type { Page, PageRequest } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { decodeIdCursor, encodeIdCursor, indexAfter, pageLimit } from './paging';
import { copyRecord } from './record-copy';
import type { UndoLog } from './undo-log';

/** A uniqueness rule of a table: the key a record claims, or `undefined` when the rule does not apply to it. */
export interface UniqueKey<T> {
  /** The field that breaks the rule, for the error's path (`billingCode`). */
  readonly name: string;
  /** What must be unique, for the error's message (`billing code`). */
  readonly description: string;
  readonly of: (record: T) => string | undefined;
}

interface UniqueIndex<T> {
  readonly key: UniqueKey<T>;
  /** key → id of the record that holds it. */
  readonly owners: Map<string, string>;
}

/**
 * The records of one kind, by id, with their uniqueness rules and their ascending-id order. Stores and hands
 * out copies only; every write records its undo step.
 * @internal
 */
export class Table<T extends { readonly id: string }> {
  private readonly rows = new Map<string, T>();
  /** Every id, ascending while `sorted` is true. */
  private ids: string[] = [];
  private sorted = true;
  private readonly indexes: UniqueIndex<T>[];

  /** @param entity what a record is, for error messages (`customer`). */
  constructor(
    readonly entity: string,
    keys: readonly UniqueKey<T>[] = [],
  ) {
    this.indexes = keys.map((key) => ({ key, owners: new Map() }));
  }

  /** How many records are stored. */
  get size(): number {
    return this.rows.size;
  }

  /** The stored record itself (not a copy): for reading inside this adapter only. */
  peek(id: string): T | undefined {
    return this.rows.get(id);
  }

  /** A copy of the record, or `undefined`. */
  get(id: string): T | undefined {
    const row = this.rows.get(id);
    return row === undefined ? undefined : copyRecord(row);
  }

  /** A copy of the record holding a unique key. */
  findByKey(name: string, key: string): T | undefined {
    const id = this.indexes.find((index) => index.key.name === name)?.owners.get(key);
    return id === undefined ? undefined : this.get(id);
  }

  /** The stored records, in no particular order (not copies). */
  values(): IterableIterator<T> {
    return this.rows.values();
  }

  /** Stores a copy of a new record. @throws BillingError `conflict` when its id or a unique key is taken. */
  insert(record: T, log: UndoLog): void {
    if (this.rows.has(record.id)) {
      throw new BillingError(BillingErrorCode.conflict, `${this.entity} "${record.id}" already exists`, {
        path: ['id'],
      });
    }
    this.assertUnique(record);
    const stored = copyRecord(record);
    this.rows.set(stored.id, stored);
    this.addToIndexes(stored);
    if (this.sorted && this.ids.length > 0 && (this.ids[this.ids.length - 1] as string) > stored.id) {
      this.sorted = false;
    }
    this.ids.push(stored.id);
    log.record(() => {
      this.removeFromIndexes(stored);
      this.rows.delete(stored.id);
      if (this.ids[this.ids.length - 1] === stored.id) this.ids.pop();
      else this.sorted = false;
    });
  }

  /** Replaces a stored record with a copy of `record`. @throws BillingError `conflict` when a unique key is taken. */
  replace(record: T, log: UndoLog): void {
    const previous = this.rows.get(record.id);
    if (previous === undefined) throw new Error(`replace of a missing ${this.entity}`);
    this.assertUnique(record);
    const stored = copyRecord(record);
    this.removeFromIndexes(previous);
    this.rows.set(stored.id, stored);
    this.addToIndexes(stored);
    log.record(() => {
      this.removeFromIndexes(stored);
      this.rows.set(previous.id, previous);
      this.addToIndexes(previous);
    });
  }

  /** One page of copies of the records that match, ascending by id, resuming after the request's cursor. */
  page(request: PageRequest, matches?: (record: T) => boolean): Page<T> {
    const limit = pageLimit(request);
    const ids = this.sortedIds();
    let position = request.cursor === undefined ? 0 : indexAfter(ids, decodeIdCursor(request.cursor));
    const items: T[] = [];
    for (; position < ids.length && items.length < limit; position++) {
      const row = this.rows.get(ids[position] as string) as T;
      if (matches === undefined || matches(row)) items.push(copyRecord(row));
    }
    // The cursor is only handed out when another matching record follows, so the last page has none.
    for (; position < ids.length; position++) {
      const row = this.rows.get(ids[position] as string) as T;
      if (matches === undefined || matches(row)) {
        return { items, nextCursor: encodeIdCursor((items[items.length - 1] as T).id) };
      }
    }
    return { items };
  }

  private sortedIds(): readonly string[] {
    if (!this.sorted) {
      this.ids = [...this.rows.keys()].sort();
      this.sorted = true;
    }
    return this.ids;
  }

  /** Refuses a record whose unique keys another record holds (the record itself may hold them). */
  private assertUnique(record: T): void {
    for (const { key, owners } of this.indexes) {
      const value = key.of(record);
      if (value === undefined) continue;
      const owner = owners.get(value);
      if (owner !== undefined && owner !== record.id) {
        throw new BillingError(
          BillingErrorCode.conflict,
          `${this.entity} "${owner}" already has this ${key.description}; it must be unique`,
          { path: [key.name] },
        );
      }
    }
  }

  private addToIndexes(record: T): void {
    for (const { key, owners } of this.indexes) {
      const value = key.of(record);
      if (value !== undefined) owners.set(value, record.id);
    }
  }

  private removeFromIndexes(record: T): void {
    for (const { key, owners } of this.indexes) {
      const value = key.of(record);
      if (value !== undefined && owners.get(value) === record.id) owners.delete(value);
    }
  }
}

/**
 * Replaces a record under the optimistic-locking rule: the stored version must be `record.version - 1`.
 * @throws BillingError `not_found` when no record has the id, `conflict` when the stored version differs.
 * @internal
 */
export function updateVersioned<T extends { readonly id: string; readonly version: number }>(
  table: Table<T>,
  record: T,
  log: UndoLog,
): T {
  const stored = table.peek(record.id);
  if (stored === undefined) {
    throw new BillingError(BillingErrorCode.notFound, `${table.entity} "${record.id}" does not exist`, {
      path: ['id'],
    });
  }
  if (stored.version !== record.version - 1) {
    throw new BillingError(
      BillingErrorCode.conflict,
      `${table.entity} "${record.id}" changed meanwhile: stored version ${stored.version}, update to version ${record.version} needs ${record.version - 1}`,
      { path: ['version'] },
    );
  }
  table.replace(record, log);
  return stored;
}
