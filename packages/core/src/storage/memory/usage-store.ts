import type { Page, PageRequest } from '../../domain/common';
import type { UsageEvent } from '../../domain/usage-event';
import type { UsageEventKey, UsageQuery } from '../subscription-repositories';
import { normalizeInstant } from './instant';
import { invalidCursor, pageLimit } from './paging';
import { copyRecord } from './record-copy';
import { aggregateUsage } from './usage-aggregate';
import type { UndoLog } from './undo-log';

const CURSOR = 'ts:';

/** The key of an event: its id within its customer's. */
const eventKey = (event: UsageEventKey) => `${event.customerId}\u0000${event.id}`;

/**
 * Usage events by (customer, id) (for idempotent ingestion) and by subscription (for aggregation and listing).
 * @internal
 */
export class UsageStore {
  private readonly events = new Map<string, UsageEvent>();
  private readonly bySubscription = new Map<string, UsageEvent[]>();

  /** Stores copies of the events whose (customer, id) is new; the first write of a key wins. */
  insertMany(events: readonly UsageEvent[], log: UndoLog): { inserted: UsageEventKey[]; duplicates: UsageEventKey[] } {
    const inserted: UsageEventKey[] = [];
    const duplicates: UsageEventKey[] = [];
    for (const event of events) {
      const key = eventKey(event);
      if (this.events.has(key)) {
        duplicates.push({ customerId: event.customerId, id: event.id });
        continue;
      }
      const stored = copyRecord(event);
      this.events.set(key, stored);
      const subscriptionId = stored.subscriptionId;
      if (subscriptionId !== undefined) {
        let list = this.bySubscription.get(subscriptionId);
        if (list === undefined) {
          list = [];
          this.bySubscription.set(subscriptionId, list);
        }
        list.push(stored);
      }
      inserted.push({ customerId: stored.customerId, id: stored.id });
      log.record(() => {
        this.events.delete(key);
        // Undo runs newest first, so this event is the last one of its subscription's list.
        if (subscriptionId !== undefined) this.bySubscription.get(subscriptionId)?.pop();
      });
    }
    return { inserted, duplicates };
  }

  /** Every stored event (not copies), in no particular order. */
  all(): IterableIterator<UsageEvent> {
    return this.events.values();
  }

  /** Empties the `properties` of the customer's events (erasure); how many events had any. */
  clearProperties(customerId: string, log: UndoLog): number {
    let cleared = 0;
    for (const event of this.events.values()) {
      if (event.customerId !== customerId || Object.keys(event.properties).length === 0) continue;
      // the same object sits in the subscription's list: change it in place, and put it back on rollback
      const mutable = event as { properties: UsageEvent['properties'] };
      const previous = mutable.properties;
      mutable.properties = {};
      log.record(() => {
        mutable.properties = previous;
      });
      cleared += 1;
    }
    return cleared;
  }

  /** Each query's quantity; see `UsageRepository.aggregate`. */
  aggregate(queries: readonly UsageQuery[]): string[] {
    // A run's queries share a few windows: each distinct instant is normalized once.
    const instants = new Map<string, string>();
    const instant = (text: string, field: string) => {
      let normalized = instants.get(text);
      if (normalized === undefined) {
        normalized = normalizeInstant(text, field);
        instants.set(text, normalized);
      }
      return normalized;
    };
    return queries.map((query) => {
      const from = instant(query.from, 'from');
      const to = instant(query.to, 'to');
      const events = (this.bySubscription.get(query.subscriptionId) ?? []).filter(
        (event) => event.eventName === query.eventName && event.timestamp >= from && event.timestamp < to,
      );
      return aggregateUsage(events, query);
    });
  }

  /** One page of a subscription's events in `[from, to)`, by timestamp then id. */
  list(filter: { subscriptionId: string; from: string; to: string } & PageRequest): Page<UsageEvent> {
    const limit = pageLimit(filter);
    const from = normalizeInstant(filter.from, 'from');
    const to = normalizeInstant(filter.to, 'to');
    const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    const events = (this.bySubscription.get(filter.subscriptionId) ?? [])
      .filter((event) => event.timestamp >= from && event.timestamp < to)
      .filter((event) => after === undefined || compare(event, after) > 0)
      .sort(compare);
    const items = events.slice(0, limit).map((event) => copyRecord(event));
    if (events.length <= limit) return { items };
    const last = items[items.length - 1] as UsageEvent;
    return { items, nextCursor: `${CURSOR}${last.timestamp}|${last.id}` };
  }
}

function compare(a: { timestamp: string; id: string }, b: { timestamp: string; id: string }): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function decodeCursor(cursor: string): { timestamp: string; id: string } {
  const bar = cursor.indexOf('|');
  if (!cursor.startsWith(CURSOR) || bar < 0) throw invalidCursor();
  return { timestamp: cursor.slice(CURSOR.length, bar), id: cursor.slice(bar + 1) };
}
