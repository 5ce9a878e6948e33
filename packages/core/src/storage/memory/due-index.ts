/** One subscription's next billing instant, as the due index holds it. */
interface DueEntry {
  readonly at: string;
  readonly id: string;
}

function before(a: DueEntry, b: DueEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/**
 * Subscriptions by `nextBillingAt` (then id) in a min-heap, so a billing run claims the due ones without
 * scanning or sorting every subscription. Entries are lazy: a changed subscription simply gets a new entry,
 * and entries that no longer match the stored subscription are dropped when they surface. A rollback only has
 * to re-add the entry of the record it restores.
 * @internal
 */
export class DueIndex {
  private heap: DueEntry[] = [];

  /** @param current the stored `nextBillingAt` of each subscription, to check entries and rebuild. */
  constructor(private readonly current: { nextBillingAt(id: string): string | undefined; all(): Iterable<DueEntry> }) {}

  /** Notes a subscription's `nextBillingAt` (nothing to note when it has none). */
  add(id: string, at: string | undefined, liveCount: number): void {
    if (at === undefined) return;
    if (this.heap.length > 2 * liveCount + 1024) this.rebuild();
    this.push({ at, id });
  }

  /** Up to `limit` ids with `nextBillingAt <= now`, by `nextBillingAt` then id. They stay in the index. */
  due(now: string, limit: number): string[] {
    const claimed: DueEntry[] = [];
    const seen = new Set<string>();
    while (claimed.length < limit && this.heap.length > 0 && (this.heap[0] as DueEntry).at <= now) {
      const entry = this.pop();
      if (seen.has(entry.id) || this.current.nextBillingAt(entry.id) !== entry.at) continue; // duplicate or stale
      seen.add(entry.id);
      claimed.push(entry);
    }
    for (const entry of claimed) this.push(entry);
    return claimed.map((entry) => entry.id);
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
