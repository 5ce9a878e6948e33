import type { CatalogPrice, Meter } from '../../domain/catalog';
import type { Subscription } from '../../domain/subscription';
import type { UsageEvent } from '../../domain/usage-event';
import { BillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { StorageSession, UsageEventKey } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { type Catalog, listAllById } from '../run-cycle/catalog';
import { type UsageIssue, checkProperties } from './check-properties';
import { meteredItems } from './metered-prices';
import { UsageBatchSchema, type UsageEventInput } from './usage-event-input';

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
 * two events): a replayed batch stores nothing and reports every event as a duplicate. The whole batch is checked before anything is written, so one bad event rejects
 * all of them: the event shape, the properties the meters aggregate (non-negative decimal strings), the
 * customer, and the subscription (given, or resolved as the customer's one live subscription with a metered
 * price for the event name). An event dated before the subscription's current period is refused: that
 * period has been invoiced and the usage could never be billed; so is one dated at or after the end it announced
 * (at period end, or a scheduled cancellation), or while it is paused with `restart` billing (a pause on its
 * schedule keeps taking usage, billed with its period). The subscriptions are checked as they are once
 * locked (`share`) in the transaction that stores the events, so an event a billing run has invoiced the period
 * of is refused, never stored and left unbilled.
 * @throws BillingError `invalid_input` / `not_found` with the path of the first bad field
 * (`["events", 3, "properties", "gb"]`) and every problem in `issues`.
 */
export async function ingestUsage(ctx: EngineContext, events: readonly UsageEventInput[]): Promise<IngestResult> {
  const batch = validate(UsageBatchSchema, events, 'events');
  const now = ctx.clock.now().toISOString();
  const meters = await listAllById((page) => ctx.storage.meters.list(page));
  const metersByEvent = new Map<string, Meter[]>();
  for (const meter of meters.values())
    metersByEvent.set(meter.eventName, [...(metersByEvent.get(meter.eventName) ?? []), meter]);

  const issues: UsageIssue[] = [];
  batch.forEach((event, i) => {
    const counted = metersByEvent.get(event.eventName);
    if (counted === undefined) {
      issues.push({
        code: 'invalid_input',
        path: ['events', i, 'eventName'],
        message: `no meter counts events named "${event.eventName}"`,
      });
    } else {
      issues.push(...checkProperties(i, event.properties, counted));
    }
  });
  throwIfAny(issues);

  // Rule L3 of the engine README: one transaction that locks the subscriptions the events may go to (share)
  // before deciding. A billing batch that holds one is waited for, and its new period then refuses usage it has
  // already invoiced; a batch claiming later skips the subscriptions until the events are stored.
  return ledgerTransaction(ctx.storage, async (session) => {
    // Read what resolution needs, once per distinct customer, subscription and price.
    const customerIds = new Set(batch.map((e) => e.customerId));
    const knownCustomers = new Set((await session.customers.getMany([...customerIds])).map((c) => c.id));
    const resolving = new Set<string>();
    const candidates = new Set(batch.flatMap((e) => (e.subscriptionId === undefined ? [] : [e.subscriptionId])));
    for (const customerId of customerIds) {
      if (!knownCustomers.has(customerId)) continue;
      if (batch.some((e) => e.customerId === customerId && e.subscriptionId === undefined)) {
        resolving.add(customerId);
        const all = await listAllById((page) => session.subscriptions.list({ ...page, customerId }));
        for (const id of all.keys()) candidates.add(id);
      }
    }
    const subscriptions = new Map<string, Subscription>();
    const subscriptionsByCustomer = new Map<string, Subscription[]>();
    for (const sub of await session.subscriptions.lock([...candidates].sort(), 'share')) {
      subscriptions.set(sub.id, sub);
      if (resolving.has(sub.customerId)) {
        subscriptionsByCustomer.set(sub.customerId, [...(subscriptionsByCustomer.get(sub.customerId) ?? []), sub]);
      }
    }
    const prices = new Map<string, CatalogPrice>();
    for (const priceId of new Set([...subscriptions.values()].flatMap((s) => s.items.map((item) => item.priceId)))) {
      const price = await session.prices.get(priceId);
      if (price !== undefined) prices.set(priceId, price);
    }
    const catalog: Catalog = { products: new Map(), prices, meters, coupons: new Map(), taxRates: new Map() };
    const hasMeterFor = (sub: Subscription, eventName: string) =>
      meteredItems(sub, catalog).some((item) => item.meter.eventName === eventName);

    const records: UsageEvent[] = [];
    batch.forEach((event, i) => {
      const timestamp = event.timestamp ?? now;
      if (!knownCustomers.has(event.customerId)) {
        issues.push({
          code: 'not_found',
          path: ['events', i, 'customerId'],
          message: `customer ${event.customerId} not found`,
        });
        return;
      }
      let sub: Subscription | undefined;
      if (event.subscriptionId !== undefined) {
        sub = subscriptions.get(event.subscriptionId);
        const path = ['events', i, 'subscriptionId'];
        if (sub === undefined) {
          issues.push({ code: 'not_found', path, message: `subscription ${event.subscriptionId} not found` });
          return;
        }
        if (sub.customerId !== event.customerId) {
          issues.push({ code: 'invalid_input', path, message: `subscription ${sub.id} belongs to another customer` });
          return;
        }
        if (!hasMeterFor(sub, event.eventName)) {
          issues.push({
            code: 'invalid_input',
            path,
            message: `subscription ${sub.id} has no metered price for "${event.eventName}"`,
          });
          return;
        }
      } else {
        const metering = (subscriptionsByCustomer.get(event.customerId) ?? []).filter((s) =>
          hasMeterFor(s, event.eventName),
        );
        // A subscription cancelled now still takes usage dated before its end, until its final invoice.
        const candidates = metering.filter((s) => timestampRejection(s, timestamp) === undefined);
        if (candidates.length !== 1) {
          const path = ['events', i, candidates.length === 0 && metering.length > 0 ? 'timestamp' : 'subscriptionId'];
          const message =
            candidates.length > 1
              ? `customer ${event.customerId} has ${candidates.length} subscriptions metering "${event.eventName}": give subscriptionId`
              : metering.length === 1
                ? (timestampRejection(metering[0] as Subscription, timestamp) as string)
                : metering.length > 0
                  ? `no subscription of customer ${event.customerId} takes "${event.eventName}" usage at ${timestamp} (ended, paused, or already invoiced)`
                  : `customer ${event.customerId} has no subscription with a metered price for "${event.eventName}"`;
          issues.push({ code: 'invalid_input', path, message });
          return;
        }
        sub = candidates[0] as Subscription;
      }
      const rejection = timestampRejection(sub, timestamp);
      if (rejection !== undefined) {
        issues.push({ code: 'invalid_input', path: ['events', i, 'timestamp'], message: rejection });
        return;
      }
      records.push({ ...event, subscriptionId: sub.id, timestamp });
    });
    throwIfAny(issues);

    return insertInKeyOrder(session, records);
  });
}

/**
 * Stores the events sorted by their key (customer, then id; a stable sort, so the first event of a key in the
 * batch is still the one kept), so that two batches sharing keys take the key locks in the same order and never
 * wait for each other in a circle; reports the duplicates in input order.
 */
async function insertInKeyOrder(session: StorageSession, records: readonly UsageEvent[]): Promise<IngestResult> {
  const keyOf = (event: UsageEventKey) => `${event.customerId}\u0000${event.id}`;
  const sorted = [...records].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const { inserted } = await session.usage.insertMany(sorted);
  const stored = new Map<string, number>();
  for (const key of inserted) stored.set(keyOf(key), (stored.get(keyOf(key)) ?? 0) + 1);
  const duplicateEvents: UsageEventKey[] = [];
  for (const { customerId, id } of records) {
    const left = stored.get(keyOf({ customerId, id })) ?? 0;
    if (left > 0) stored.set(keyOf({ customerId, id }), left - 1);
    else duplicateEvents.push({ customerId, id });
  }
  return { inserted: inserted.length, duplicates: duplicateEvents.length, duplicateEvents };
}

/** Why a subscription cannot take usage at `timestamp`, or `undefined` when it can. */
function timestampRejection(sub: Subscription, timestamp: string): string | undefined {
  const { pause } = sub;
  if (
    pause?.behavior === 'restart' &&
    timestamp >= pause.pausedAt &&
    (pause.resumeAt === undefined || timestamp < pause.resumeAt)
  ) {
    return `subscription ${sub.id} is paused from ${pause.pausedAt}${pause.resumeAt === undefined ? '' : ` to ${pause.resumeAt}`}: no usage is billed while it is paused`;
  }
  if (sub.nextBillingAt === undefined) return `subscription ${sub.id} has ended and is fully billed`;
  if (timestamp < sub.currentPeriodStart) {
    return `${timestamp} is before the current period of subscription ${sub.id} (${sub.currentPeriodStart}), which is already invoiced`;
  }
  if (sub.endedAt !== undefined && timestamp >= sub.endedAt) return `subscription ${sub.id} ended at ${sub.endedAt}`;
  if (sub.cancelAtPeriodEnd && timestamp >= sub.currentPeriodEnd) {
    return `subscription ${sub.id} ends at ${sub.currentPeriodEnd} (cancelled at period end)`;
  }
  const end = sub.scheduledChanges?.find((change) => change.action === 'cancel' && timestamp >= change.at);
  if (end !== undefined) return `subscription ${sub.id} ends at ${end.at} (a scheduled cancellation)`;
  return undefined;
}

function throwIfAny(issues: readonly UsageIssue[]): void {
  const first = issues[0];
  if (first === undefined) return;
  throw new BillingError(first.code, `Invalid ${first.path.join('.')}: ${first.message}`, {
    path: first.path,
    issues: issues.map(({ path, message }) => ({ path, message })),
  });
}
