import type { UsageEvent } from '../../domain/usage-event';
import { BillingError } from '../../errors/billing-error';
import type { StorageSession } from '../../storage/storage-adapter';
import type { UsageEventKey } from '../../storage/subscription-repositories';
import type { EngineContext } from '../context';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { type UsageIssue, checkProperties } from './check-properties';
import { UsageCatalog } from './usage-catalog';
import { validateUsageBatch } from './plain-usage-batch';
import type { ParsedUsageEvent, UsageEventInput } from './usage-event-input';
import { lockUsageTargets, type UsageTarget } from './usage-subscriptions';

/** What `ingestUsage` did: how many events were stored, and which had been seen before. */
export interface IngestResult {
  /** Events stored now. */
  readonly inserted: number;
  /** Events skipped because their customer had already sent their id (a replay). */
  readonly duplicates: number;
  /** The customer and id of each skipped event, in input order. */
  readonly duplicateEvents: readonly UsageEventKey[];
}

/**
 * Stores a batch of usage events, idempotently by event id within each customer (the same id from two customers is
 * two events): a replayed batch stores nothing and reports every event as a duplicate. The whole batch is checked
 * before anything is written, so one bad event rejects all of them: the event shape, the properties the meters
 * aggregate (non-negative decimal strings), the customer, and the subscription (given, or resolved as the
 * customer's one live subscription with a metered price for the event name). An event dated before the
 * subscription's current period is refused: that period has been invoiced and the usage could never be billed; so
 * is one dated at or after the end it announced (at period end, or a scheduled cancellation), or while it is paused
 * with `restart` billing (a pause on its schedule keeps taking usage, billed with its period). The subscriptions are
 * checked as they are once locked (`share`) in the transaction that stores the events, so an event a billing run
 * has invoiced the period of is refused, never stored and left unbilled.
 *
 * Set-based: whatever the batch holds, one `customers.getMany`, one share lock of the candidate subscriptions
 * (`subscriptions.lockMatching` where the adapter has it), one read per price not read before and one
 * `usage.insertMany`.
 * @throws BillingError `invalid_input` / `not_found` with the path of the first bad field
 * (`["events", 3, "properties", "gb"]`) and every problem in `issues`.
 */
export async function ingestUsage(ctx: EngineContext, events: readonly UsageEventInput[]): Promise<IngestResult> {
  const catalog = new UsageCatalog();
  const batch = await checkUsageBatch(ctx, catalog, validateUsageBatch(events));
  return storeUsageBatch(ctx, catalog, batch);
}

/**
 * Checks what can be checked before the transaction: each event's name has a meter and its properties are what
 * the meters need. Gives each event its timestamp (default now). Paths name the event's index in `batch`.
 * @internal
 */
export async function checkUsageBatch(
  ctx: EngineContext,
  catalog: UsageCatalog,
  batch: readonly ParsedUsageEvent[],
): Promise<UsageTarget[]> {
  const now = ctx.clock.now().toISOString();
  const eventNames = new Set<string>();
  for (const event of batch) eventNames.add(event.eventName);
  const metersByEvent = await catalog.metersByEvent(ctx.storage, eventNames);
  const issues: UsageIssue[] = [];
  batch.forEach((event, i) => {
    const counted = metersByEvent.get(event.eventName);
    if (counted === undefined) {
      const message = `no meter counts events named "${event.eventName}"`;
      issues.push({ code: 'invalid_input', path: ['events', i, 'eventName'], message });
    } else {
      checkProperties(i, event.properties, counted, issues);
    }
  });
  throwIfAny(issues);
  // Events with a timestamp are taken as they are (their own copies, made by the validation): no copy per event.
  return batch.map((event) => (event.timestamp === undefined ? { ...event, timestamp: now } : (event as UsageTarget)));
}

/**
 * Stores a checked batch in one transaction (rule L3 of the engine README): locks the subscriptions the events may
 * go to (share) before deciding, decides each event against the locked rows, and stores the events. A billing
 * batch that holds one of them is waited for, and its new period then refuses usage it has already invoiced; a
 * batch claiming later skips the subscriptions until the events are stored. Paths name the event's index.
 * @internal
 */
export function storeUsageBatch(
  ctx: EngineContext,
  catalog: UsageCatalog,
  batch: readonly UsageTarget[],
): Promise<IngestResult> {
  return ledgerTransaction(ctx.storage, async (session) => {
    const resolver = await lockUsageTargets(session, catalog, batch);
    const issues: UsageIssue[] = [];
    const records: UsageEvent[] = [];
    batch.forEach((event, i) => {
      const sub = resolver.resolve(event, i, issues);
      if (sub !== undefined) records.push(event.subscriptionId === sub.id ? event : withSubscription(event, sub.id));
    });
    throwIfAny(issues);
    return insertInKeyOrder(session, records);
  });
}

/**
 * The event with the subscription it was resolved to. One object literal of the stored shape (not a spread): it is
 * made for every event sent without a subscription id.
 */
function withSubscription(event: UsageTarget, subscriptionId: string): UsageEvent {
  return {
    id: event.id,
    customerId: event.customerId,
    subscriptionId,
    eventName: event.eventName,
    timestamp: event.timestamp,
    properties: event.properties,
  };
}

/** Orders two events by their key: customer, then id (code-unit order, as the database's "C" collation). */
function compareByKey(a: UsageEventKey, b: UsageEventKey): number {
  if (a.customerId !== b.customerId) return a.customerId < b.customerId ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The events in key order (a stable sort, so the first event of a key in the batch stays first); as given when already so. */
function inKeyOrder(records: readonly UsageEvent[]): readonly UsageEvent[] {
  let sorted = true;
  for (let i = 1; sorted && i < records.length; i++) {
    sorted = compareByKey(records[i - 1] as UsageEvent, records[i] as UsageEvent) <= 0;
  }
  // Array.prototype.sort is stable: events of one key keep their input order.
  return sorted ? records : [...records].sort(compareByKey);
}

/**
 * Stores the events sorted by their key (customer, then id; the first event of a key in the batch is still the one
 * kept), so that two batches sharing keys take the key locks in the same order and never wait for each other in a
 * circle; reports the duplicates in input order.
 */
async function insertInKeyOrder(session: StorageSession, records: readonly UsageEvent[]): Promise<IngestResult> {
  const { inserted } = await session.usage.insertMany(inKeyOrder(records));
  if (inserted.length === records.length) return { inserted: inserted.length, duplicates: 0, duplicateEvents: [] };
  const stored = new Map<string, number>();
  for (const key of inserted) stored.set(keyOf(key), (stored.get(keyOf(key)) ?? 0) + 1);
  const duplicateEvents: UsageEventKey[] = [];
  for (const { customerId, id } of records) {
    const key = keyOf({ customerId, id });
    const left = stored.get(key) ?? 0;
    if (left > 0) stored.set(key, left - 1);
    else duplicateEvents.push({ customerId, id });
  }
  return { inserted: inserted.length, duplicates: duplicateEvents.length, duplicateEvents };
}

const keyOf = (event: UsageEventKey) => `${event.customerId}\u0000${event.id}`;

function throwIfAny(issues: readonly UsageIssue[]): void {
  const first = issues[0];
  if (first === undefined) return;
  throw new BillingError(first.code, `Invalid ${first.path.join('.')}: ${first.message}`, {
    path: first.path,
    issues: issues.map(({ path, message }) => ({ path, message })),
  });
}
