import type { StorageSession } from '../../storage/storage-adapter';
import type { SubscriptionUsageTerms } from '../../storage/subscription-repositories';
import { listAllById } from '../run-cycle/catalog';
import type { UsageIssue } from './check-properties';
import { meteredItems } from './metered-prices';
import type { UsageCatalog } from './usage-catalog';
import type { ParsedUsageEvent } from './usage-event-input';

/** One event of a checked batch, its timestamp given (default now). */
export type UsageTarget = ParsedUsageEvent & { readonly timestamp: string };

/**
 * Why a subscription cannot take usage at `timestamp`, or `undefined` when it can: paused with `restart` billing at
 * that instant, fully billed, dated before its current period (already invoiced), at or after its end, or at or
 * after the end it announced (at period end, or a scheduled cancellation).
 */
export function timestampRejection(sub: SubscriptionUsageTerms, timestamp: string): string | undefined {
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
  // A loop, not `find`: this runs for every event, and a callback would be a closure made each time.
  for (const change of sub.scheduledChanges ?? []) {
    if (change.action === 'cancel' && timestamp >= change.at) {
      return `subscription ${sub.id} ends at ${change.at} (a scheduled cancellation)`;
    }
  }
  return undefined;
}

/**
 * The subscriptions a batch's events may go to, share-locked in ONE call (rule L3 of the engine README): those
 * named by an event, and every subscription of each customer with an event that names none (resolved from them).
 * `subscriptions.lockForUsage` does it in one round trip; an adapter without it lists each such customer's
 * subscriptions first, then locks them all with `subscriptions.lock`.
 */
async function lockCandidates(
  session: StorageSession,
  named: ReadonlySet<string>,
  resolving: ReadonlySet<string>,
): Promise<SubscriptionUsageTerms[]> {
  const { subscriptions } = session;
  if (subscriptions.lockForUsage !== undefined) {
    return subscriptions.lockForUsage({ ids: [...named], customerIds: [...resolving] });
  }
  const ids = new Set(named);
  for (const customerId of resolving) {
    const all = await listAllById((page) => subscriptions.list({ ...page, customerId }));
    for (const id of all.keys()) ids.add(id);
  }
  return subscriptions.lock([...ids].sort(), 'share');
}

/** Decides the subscription of each event of a batch against its locked subscriptions. */
export interface UsageResolver {
  /** The subscription event `index` goes to, or the problem that refuses it (pushed to `issues`). */
  resolve(event: UsageTarget, index: number, issues: UsageIssue[]): SubscriptionUsageTerms | undefined;
}

/**
 * Reads what resolving a batch needs, under the lock: the candidate subscriptions (share-locked, one call: those
 * named, and every subscription of each customer with an event naming none) and their prices (each read once per
 * ingestion). A customer owns the subscriptions found for it, so only customers with none are looked up (one
 * `customers.getMany`), to tell an unknown customer from one without a metered subscription.
 */
export async function lockUsageTargets(
  session: StorageSession,
  catalog: UsageCatalog,
  events: readonly UsageTarget[],
): Promise<UsageResolver> {
  const named = new Set<string>();
  const resolving = new Set<string>();
  // Every customer of the batch, once: those resolving, and those naming a subscription.
  const naming = new Set<string>();
  for (const event of events) {
    if (event.subscriptionId === undefined) resolving.add(event.customerId);
    else {
      named.add(event.subscriptionId);
      naming.add(event.customerId);
    }
  }
  const locked = await lockCandidates(session, named, resolving);
  const subscriptions = new Map<string, SubscriptionUsageTerms>();
  const byCustomer = new Map<string, SubscriptionUsageTerms[]>();
  for (const sub of locked) {
    subscriptions.set(sub.id, sub);
    const own = byCustomer.get(sub.customerId);
    if (own === undefined) byCustomer.set(sub.customerId, [sub]);
    else own.push(sub);
  }
  const unseen = new Set<string>();
  for (const customers of [resolving, naming]) {
    for (const customerId of customers) if (!byCustomer.has(customerId)) unseen.add(customerId);
  }
  // A customer owning a locked subscription is known; only the others are looked up.
  const found = new Set<string>();
  if (unseen.size > 0) for (const customer of await session.customers.getMany([...unseen])) found.add(customer.id);
  const priceIds = new Set<string>();
  for (const sub of locked) for (const item of sub.items) priceIds.add(item.priceId);
  await catalog.loadPrices(session, priceIds);
  return usageResolver(found, subscriptions, byCustomer, catalog);
}

/** `found`: the batch's customers that own no locked subscription but exist. */
function usageResolver(
  found: ReadonlySet<string>,
  subscriptions: ReadonlyMap<string, SubscriptionUsageTerms>,
  byCustomer: ReadonlyMap<string, SubscriptionUsageTerms[]>,
  catalog: UsageCatalog,
): UsageResolver {
  const lookup = catalog.catalog();
  /** The event names each subscription meters, worked out once per subscription. */
  const metered = new Map<string, ReadonlySet<string>>();
  const meters = (sub: SubscriptionUsageTerms, eventName: string) => {
    let names = metered.get(sub.id);
    if (names === undefined) {
      names = new Set(meteredItems(sub, lookup).map((item) => item.meter.eventName));
      metered.set(sub.id, names);
    }
    return names.has(eventName);
  };
  const named = (event: UsageTarget, i: number, issues: UsageIssue[]) => {
    const sub = subscriptions.get(event.subscriptionId as string);
    if (sub !== undefined && sub.customerId === event.customerId && meters(sub, event.eventName)) {
      return withOpenPeriod(sub, event, i, issues);
    }
    // The path is made only for a refused event.
    const path = ['events', i, 'subscriptionId'];
    if (sub === undefined) {
      issues.push({ code: 'not_found', path, message: `subscription ${event.subscriptionId} not found` });
    } else if (sub.customerId !== event.customerId) {
      issues.push({ code: 'invalid_input', path, message: `subscription ${sub.id} belongs to another customer` });
    } else {
      const message = `subscription ${sub.id} has no metered price for "${event.eventName}"`;
      issues.push({ code: 'invalid_input', path, message });
    }
    return undefined;
  };

  const resolved = (
    event: UsageTarget,
    own: readonly SubscriptionUsageTerms[],
    i: number,
    issues: UsageIssue[],
  ): SubscriptionUsageTerms | undefined => {
    const { customerId, eventName, timestamp } = event;
    let metering = 0;
    let open = 0;
    let only: SubscriptionUsageTerms | undefined;
    for (const sub of own) {
      if (!meters(sub, eventName)) continue;
      metering += 1;
      // A subscription cancelled now still takes usage dated before its end, until its final invoice.
      if (timestampRejection(sub, timestamp) !== undefined) continue;
      open += 1;
      only = sub;
    }
    if (open === 1) return only;
    const path = ['events', i, open === 0 && metering > 0 ? 'timestamp' : 'subscriptionId'];
    const message =
      open > 1
        ? `customer ${customerId} has ${open} subscriptions metering "${eventName}": give subscriptionId`
        : metering > 0
          ? `no subscription of customer ${customerId} takes "${eventName}" usage at ${timestamp} (ended, paused, or already invoiced)`
          : `customer ${customerId} has no subscription with a metered price for "${eventName}"`;
    issues.push({ code: 'invalid_input', path, message });
    return undefined;
  };

  return {
    resolve(event, i, issues) {
      // One look-up of the customer per event: its locked subscriptions, or whether it exists without any.
      const own = byCustomer.get(event.customerId);
      if (own === undefined && !found.has(event.customerId)) {
        const message = `customer ${event.customerId} not found`;
        issues.push({ code: 'not_found', path: ['events', i, 'customerId'], message });
        return undefined;
      }
      if (event.subscriptionId !== undefined) return named(event, i, issues);
      // A resolved subscription is the one open at the event's timestamp: checked once, while resolving.
      return resolved(event, own ?? [], i, issues);
    },
  };
}

/** `sub` when it takes usage at the event's timestamp; otherwise the reason is pushed to `issues`. */
function withOpenPeriod(
  sub: SubscriptionUsageTerms,
  event: UsageTarget,
  i: number,
  issues: UsageIssue[],
): SubscriptionUsageTerms | undefined {
  const rejection = timestampRejection(sub, event.timestamp);
  if (rejection === undefined) return sub;
  issues.push({ code: 'invalid_input', path: ['events', i, 'timestamp'], message: rejection });
  return undefined;
}
