import { type Table, updateVersioned } from './table';
import type { UndoLog } from './undo-log';

/** One record's due instant, as the due index holds it. */
interface DueEntry {
  readonly at: string;
  readonly id: string;
}

function before(a: DueEntry, b: DueEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/**
 * Records by a due instant (then id) in a min-heap — subscriptions by `nextBillingAt`, open invoices by
 * `collectionsDueAt`, pending outbox entries by `nextAttemptAt` — so a claim finds the due ones without scanning
 * or sorting every record. Entries are lazy: a changed record simply gets a new entry, and entries that no longer
 * match the stored record are dropped when they surface. A rollback only has to re-add the entry of the record it
 * restores.
 * @internal
 */
export class DueIndex {
  private heap: DueEntry[] = [];

  /** @param current the stored due instant of each record (`undefined`: not due at all), to check entries and rebuild. */
  constructor(private readonly current: { dueAt(id: string): string | undefined; all(): Iterable<DueEntry> }) {}

  /** Notes a record's due instant (nothing to note when it has none). */
  add(id: string, at: string | undefined, liveCount: number): void {
    if (at === undefined) return;
    if (this.heap.length > 2 * liveCount + 1024) this.rebuild();
    this.push({ at, id });
  }

  /** Up to `limit` ids due at or before `now` (and past `after`), by due instant then id. They stay in the index. */
  due(now: string, limit: number, after?: DueEntry): string[] {
    const claimed: DueEntry[] = [];
    const passed: DueEntry[] = [];
    const seen = new Set<string>();
    while (claimed.length < limit && this.heap.length > 0 && (this.heap[0] as DueEntry).at <= now) {
      const entry = this.pop();
      if (seen.has(entry.id) || this.current.dueAt(entry.id) !== entry.at) continue; // duplicate or stale
      seen.add(entry.id);
      if (after !== undefined && !before(after, entry)) passed.push(entry);
      else claimed.push(entry);
    }
    for (const entry of [...passed, ...claimed]) this.push(entry);
    return claimed.map((entry) => entry.id);
  }

  /** Those of `ids` due at or before `now` (and past `after`; each once), by due instant then id. */
  dueAmong(ids: readonly string[], now: string, after?: DueEntry): string[] {
    const entries: DueEntry[] = [];
    for (const id of new Set(ids)) {
      const at = this.current.dueAt(id);
      if (at !== undefined && at <= now && (after === undefined || before(after, { id, at }))) entries.push({ id, at });
    }
    return entries.sort((a, b) => (before(a, b) ? -1 : 1)).map((entry) => entry.id);
  }

  private rebuild(): void {
    this.heap = [];
    for (const entry of this.current.all()) this.push(entry);
  }

  private push(entry: DueEntry): void {
    const heap = this.heap;
    let index = heap.push(entry) - 1;
    while (index > 0) {
      const parent = (index - 1) >>> 1;
      if (!before(entry, heap[parent] as DueEntry)) break;
      heap[index] = heap[parent] as DueEntry;
      index = parent;
    }
    heap[index] = entry;
  }

  private pop(): DueEntry {
    const heap = this.heap;
    const top = heap[0] as DueEntry;
    const last = heap.pop() as DueEntry;
    if (heap.length > 0) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right] as DueEntry, heap[left] as DueEntry) ? right : left;
        if (!before(heap[child] as DueEntry, last)) break;
        heap[index] = heap[child] as DueEntry;
        index = child;
      }
      heap[index] = last;
    }
    return top;
  }
}

/**
 * `insert` and the optimistic-locking `update` of a table that keep a due index in step with it: each written
 * record gets an entry at `dueAt(record)`, and an undone update re-adds the entry of the record it restores (the
 * index may have dropped it as stale meanwhile).
 * @internal
 */
export function indexedWrites<T extends { readonly id: string; readonly version: number }>(
  table: Table<T>,
  index: DueIndex,
  dueAt: (record: T) => string | undefined,
): { insert(record: T, log: UndoLog): void; update(record: T, log: UndoLog): void } {
  return {
    insert(record, log) {
      table.insert(record, log);
      index.add(record.id, dueAt(record), table.size);
    },
    update(record, log) {
      const previous = updateVersioned(table, record, log);
      index.add(record.id, dueAt(record), table.size);
      log.record(() => index.add(previous.id, dueAt(previous), table.size));
    },
  };
}
