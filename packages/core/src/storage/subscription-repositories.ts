import type { Page, PageRequest } from '../domain/common';
import type { Subscription, SubscriptionStatus } from '../domain/subscription';
import type { UsageEvent } from '../domain/usage-event';
import type { VersionedRepository } from './repository';

/*
 * The subscription part of the storage contract: subscriptions (claims and locks) and their usage events. The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

/** A position in the order claims return rows: the due instant, then the id. */
export interface DuePosition {
  readonly at: string;
  readonly id: string;
}

/** Subscriptions, and the claiming of due ones for a billing run. */
export interface SubscriptionRepository extends VersionedRepository<Subscription> {
  list(filter: { customerId?: string; status?: SubscriptionStatus } & PageRequest): Promise<Page<Subscription>>;
  /**
   * Up to `limit` subscriptions with `nextBillingAt <= now` (whatever their status: the engine clears
   * `nextBillingAt` when nothing is left to bill), oldest `nextBillingAt` first (then id), locked
   * until the surrounding transaction ends. Rows another transaction has locked are skipped, not waited for
   * (`FOR UPDATE SKIP LOCKED`), so concurrent runs share the work without billing anything twice.
   * With `after`, only rows past that position in this order: a billing run passes the last row of its previous
   * claim, so its claims do not walk again over the rows it has billed (on PostgreSQL their old index entries stay
   * until vacuum, and walking them made each claim cost more than the one before).
   * Must be called inside `transaction`.
   */
  claimDue(query: { now: string; limit: number; after?: DuePosition }): Promise<Subscription[]>;
  /**
   * Updates many (each under the same version rule as `update`), in one round trip where the adapter can.
   * `changed`, when given, names every field that may differ from the stored record (the engine passes the fields a
   * billing run moved on): an adapter may write only those and `version`, and ignoring it is always correct.
   */
  updateMany(records: readonly Subscription[], changed?: readonly (keyof Subscription & string)[]): Promise<void>;
  /**
   * Locks the subscriptions with these ids until the transaction ends (see "Locks" in storage-adapter.ts), in ascending id order
   * and in one round trip where the adapter can, waiting for holders of a conflicting lock, and returns them as
   * they are once locked, ascending by id (ids with no subscription are left out). `share` is what usage ingestion
   * takes: share holders do not wait for each other, while `claimDue` skips the rows and updates wait. `update`
   * is exclusive.
   * @throws BillingError `invalid_state` outside a transaction.
   */
  lock(ids: readonly string[], mode: SubscriptionLockMode): Promise<Subscription[]>;
  /**
   * Share-locks, exactly as `lock(ids, 'share')` does (ascending id order, waiting for holders of an exclusive
   * lock), the subscriptions with the ids in `match.ids` together with every subscription of the customers in
   * `match.customerIds`, in ONE round trip where the adapter can, and returns what usage ingestion decides on
   * ({@link SubscriptionUsageTerms}: a whole `Subscription` is one too), as it is once locked, ascending by id, each
   * once. Usage ingestion takes its share lock (rule L3) with it: a batch of 1,000 events from 1,000 customers is
   * then one statement, not one listing per customer.
   * Optional, so adapters written before it still work: without it the engine lists each customer's
   * subscriptions and calls `lock`.
   * @throws BillingError `invalid_state` outside a transaction.
   */
  lockForUsage?(match: SubscriptionLockMatch): Promise<SubscriptionUsageTerms[]>;
}

/** What {@link SubscriptionRepository.lockForUsage} locks: these subscriptions and every subscription of these customers. */
export interface SubscriptionLockMatch {
  readonly ids: readonly string[];
  readonly customerIds: readonly string[];
}

/**
 * The part of a subscription usage ingestion decides on: whose it is, what it meters (its items' prices), whether
 * it is paused, and the window it still takes usage in (its currency picks the price option it is charged in).
 */
export type SubscriptionUsageTerms = Pick<
  Subscription,
  | 'id'
  | 'customerId'
  | 'currency'
  | 'status'
  | 'items'
  | 'currentPeriodStart'
  | 'currentPeriodEnd'
  | 'nextBillingAt'
  | 'endedAt'
  | 'cancelAtPeriodEnd'
  | 'pause'
  | 'scheduledChanges'
>;

/** How {@link SubscriptionRepository.lock} locks: `share` (usage ingestion) or `update` (exclusive). */
export type SubscriptionLockMode = 'share' | 'update';

/** What to aggregate: one meter over one subscription's events in `[from, to)`. */
export interface UsageQuery {
  readonly subscriptionId: string;
  readonly eventName: string;
  readonly aggregation: 'sum' | 'count' | 'max' | 'unique_count' | 'last';
  /** The property aggregated; not used by `count`. */
  readonly property?: string;
  readonly from: string;
  readonly to: string;
}

/** What identifies a usage event: the caller's event id, scoped by customer. */
export interface UsageEventKey {
  readonly customerId: string;
  readonly id: string;
}

/**
 * Usage events: append-only and unique by (`customerId`, `id`). Event ids are the caller's and scoped per customer:
 * customer B may send an id customer A used; that is a new event, not a duplicate.
 */
export interface UsageRepository {
  /**
   * Stores the events whose (`customerId`, `id`) is new and skips the rest (idempotent ingestion; the first write of
   * a key wins, also inside one batch).
   * @returns the keys stored and the keys skipped as duplicates, each in input order.
   */
  insertMany(events: readonly UsageEvent[]): Promise<{ inserted: UsageEventKey[]; duplicates: UsageEventKey[] }>;
  /**
   * The aggregated quantity of each query as a decimal string (`"0"` when no event matches; compared by value, so
   * `"4.00"` and `"4"` are both right): `sum` and `max` of the property's decimal values, `count` of events,
   * `unique_count` of distinct property values, `last` the value of the latest event by timestamp (then id).
   * Events without the property are left out of every aggregation but `count` (the engine validates properties
   * at ingestion, so stored values of a meter's property are decimal strings).
   */
  aggregate(queries: readonly UsageQuery[]): Promise<string[]>;
  /** Events of one subscription in `[from, to)`, by timestamp then id (a subscription has one customer). */
  list(filter: { subscriptionId: string; from: string; to: string } & PageRequest): Promise<Page<UsageEvent>>;
}
