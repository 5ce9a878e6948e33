import type { AuditEntry } from '../domain/audit-entry';
import type { Coupon, CatalogPrice, Meter, Product } from '../domain/catalog';
import type { Page, PageRequest } from '../domain/common';
import type { CreditNote } from '../domain/credit-note';
import type { Customer } from '../domain/customer';
import type { Invoice, InvoiceStatus } from '../domain/invoice';
import type { BankCredit, BankCreditStatus } from '../domain/bank-credit';
import type { Payout, PayoutStatus } from '../domain/payout';
import type { CollectionFee } from '../domain/collection-fee';
import type { CustomerPaymentMethod } from '../domain/customer-payment-method';
import type { PaymentAttempt, PaymentAttemptStatus } from '../domain/payment-attempt';
import type { OutboxEntry, OutboxStatus } from '../domain/outbox-entry';
import type { BalanceTransaction, Payment, Refund } from '../domain/payment';
import type { Subscription, SubscriptionStatus } from '../domain/subscription';
import type { UsageEvent } from '../domain/usage-event';
import type { TaxRate } from '../tax/tax-rate';
import type { ReportQueries } from './report-queries';

/*
 * The storage contract. Rules every adapter keeps (the conformance kit in @billfold/storage-testkit checks them):
 * - Records go in and come out as plain data, equal field for field: decimal strings keep their exact text
 *   (scale included, amounts beyond 2^53), timestamps keep their ISO UTC text, optional fields stay absent.
 * - `insert` of an id that exists, or an `insert`/`update` that breaks a uniqueness rule named below, throws a
 *   BillingError with code `conflict` and changes nothing.
 * - `update` writes only when the stored `version` is exactly `record.version - 1` (optimistic locking);
 *   otherwise it throws `conflict` (stale) or `not_found` (no such id). `updateMany` and `insertMany` are
 *   all-or-none, also outside a transaction.
 * - `list` returns items in ascending `id` order, comparing ids by code point (binary, `COLLATE "C"`), except
 *   `usage.list`, which orders by timestamp then id; `nextCursor` is opaque and resumes after the last item, so
 *   paging is stable while other rows are added.
 * - Instants passed in queries (`now`, `from`, `to`, `dueBefore`) are ISO UTC strings in the stored form; ranges are
 *   half-open `[from, to)` and `dueBefore` is strict.
 * - Inside `transaction`, everything done through the session commits together or not at all; a thrown error
 *   rolls back and is re-thrown unchanged. A failed statement ends the transaction's usefulness (as in
 *   PostgreSQL): the engine never catches an error inside `work` and carries on writing.
 * - Calling the adapter itself (not the session) from inside `transaction(work)` is not allowed: an adapter may
 *   serialise transactions and would then wait on itself.
 * - What the engine stores is bounded, the same for every adapter, and every adapter must keep all of it: decimals
 *   the engine takes have at most 15 digits before the point and 12 after (`DECIMAL_INPUT_LIMITS`); what it computes
 *   from them and sums of them (balances, usage totals) grow larger and must still come back exactly (the engine
 *   parses up to 1000 characters). Instants it takes are from 1970-01-01 to before 2200-01-01 (`INSTANT_RANGE`);
 *   computed period ends may lie some decades past it. Text never holds U+0000 or a lone UTF-16 surrogate (the
 *   engine's validation refuses them), so `text`/`jsonb` columns and JSON files keep every string as given.
 *
 * Locks. The engine's ledger rules (engine README, "Ledger rules") rest on them; the kit's `concurrency` suite
 * proves them with several transactions open at once.
 * - `capabilities.transactions` says how transactions run. `serial`: one at a time — the work of a second one
 *   starts only once the first has ended — so every lock holds by construction, and the lock operations only
 *   check that they run inside a transaction and return what they would lock. `concurrent`: side by side (on
 *   separate connections), and the lock operations take real locks, held until the transaction ends (commit or
 *   rollback).
 * - `locks.customers(ids)` is the ledger lock: exclusive per customer. A second taker waits until the holder's
 *   transaction ends, then reads what it committed; with `skipLocked` it leaves held customers out at once.
 *   Several customers are locked in one call, in ascending id order.
 * - `subscriptions.lock(ids, 'share')` (usage ingestion) does not wait for other share holders; `claimDue` skips
 *   the rows, `update` and `lock(…, 'update')` wait for them. `subscriptions.lock(ids, 'update')` and `claimDue`
 *   are exclusive: they wait for (or, `claimDue`, skip) rows held in either mode.
 * - Order, so that no two transactions ever wait for each other: customer locks (ascending id, in one call) →
 *   subscription rows → invoices and numbers → payments. A transaction that holds subscription rows takes
 *   customer locks only with `skipLocked` (a billing batch), never waiting.
 * - A read made after a lock call has returned sees everything the previous holder committed.
 * - The claims — `subscriptions.claimDue`, `invoices.claimCollectible`, `outbox.claimDue`, `paymentAttempts.claimDue` — lock the rows they
 *   return until the transaction ends and skip rows another transaction holds (`FOR UPDATE SKIP LOCKED`), so
 *   several billing runs, collections runs and dispatchers share the work without doing any of it twice.
 * - Lock calls outside `transaction` throw a BillingError `invalid_state`: a lock outside a transaction would end
 *   as soon as it was taken.
 */

/** A repository of records that are written once and never change. */
export interface AppendRepository<T> {
  /** Stores a new record. @throws BillingError `conflict` when the id (or another unique key) exists. */
  insert(record: T): Promise<void>;
  /** The record with this id, or `undefined`. */
  get(id: string): Promise<T | undefined>;
}

/** A repository of records that change over time, guarded by their `version`. */
export interface VersionedRepository<T extends { version: number }> extends AppendRepository<T> {
  /** Replaces the record when the stored version is `record.version - 1`. @throws BillingError `conflict` / `not_found`. */
  update(record: T): Promise<void>;
}

/** Which customers to list: all, or those with one email address. */
export interface CustomerListFilter extends PageRequest {
  /**
   * Only customers whose `email` equals this one with ASCII letters compared case-insensitively
   * (`Ada@Example.com` finds `ada@example.com`; nothing else is folded, so every adapter agrees).
   */
  readonly email?: string;
  /** Only customers whose `searchTokens` hold this token (a keyed hash of a protected field; indexed where it can be). */
  readonly searchToken?: string;
  /** `pending_purge`: only erased customers whose retained data is not purged yet (`erasure` set, no `purgedAt`). */
  readonly erasure?: 'pending_purge';
}

/** Customers. Unique: `externalRef`, among the customers that have one. */
export interface CustomerRepository extends VersionedRepository<Customer> {
  /** Customers in ascending id order, optionally only those with an email address (indexed where it can be). */
  list(filter: CustomerListFilter): Promise<Page<Customer>>;
  /** The customer whose `externalRef` (the host's own id for it) is exactly this, or `undefined`. */
  getByExternalRef(externalRef: string): Promise<Customer | undefined>;
  /**
   * The customers with these ids, read in one round trip where the adapter can (a billing run reads a whole
   * batch's customers at once). Each customer found is returned once, in no particular order: ids with no
   * customer are left out, and an id listed twice gives one record. An empty list gives `[]`.
   */
  getMany(ids: readonly string[]): Promise<Customer[]>;
}

/** Products; `billingCode` is unique. A product never changes but for `active` (archived or not). */
export interface ProductRepository extends AppendRepository<Product> {
  getByBillingCode(billingCode: string): Promise<Product | undefined>;
  list(page: PageRequest): Promise<Page<Product>>;
  /**
   * Sets the product's `active` flag (archiving it, or restoring it); every other field stays as it is.
   * @throws BillingError `not_found` when no product has the id.
   */
  setActive(id: string, active: boolean): Promise<void>;
}

/** Catalog prices. A price never changes but for `active` (archived or not). */
export interface PriceRepository extends AppendRepository<CatalogPrice> {
  list(filter: { productId?: string } & PageRequest): Promise<Page<CatalogPrice>>;
  /**
   * Sets the price's `active` flag (archiving it, or restoring it); every other field stays as it is.
   * @throws BillingError `not_found` when no price has the id.
   */
  setActive(id: string, active: boolean): Promise<void>;
}

/** A plain catalog list: meters, coupons, tax rates. */
export interface CatalogListRepository<T> extends AppendRepository<T> {
  list(page: PageRequest): Promise<Page<T>>;
}

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
   * Locks the subscriptions with these ids until the transaction ends (see "Locks" above), in ascending id order
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

/** Options of {@link LedgerLocks.customers}. */
export interface CustomerLockOptions {
  /** Leave out customers another transaction holds, at once, instead of waiting for them (a billing batch). */
  readonly skipLocked?: boolean;
}

/** The customer ledger lock (see "Locks" above). */
export interface LedgerLocks {
  /**
   * Locks the customers with these ids until the transaction ends: exclusive, taken in ascending id order in one
   * round trip where the adapter can. Waits for customers another transaction holds, or leaves them out with
   * `skipLocked`. Reads made afterwards see what the previous holder committed.
   * @returns the ids locked, ascending, each once (ids with no customer, and held ones with `skipLocked`, left out).
   * @throws BillingError `invalid_state` outside a transaction.
   */
  customers(ids: readonly string[], options?: CustomerLockOptions): Promise<string[]>;
}

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

/**
 * Invoices. Unique: (`sequence`, `number`) once numbered; (`subscriptionId`, `periodStart`) over the subscription
 * invoices of reasons `subscription_create` and `subscription_cycle` together, whatever their status (a voided
 * period invoice keeps its period: re-bill it with a one-off invoice, never a second period invoice).
 */
export interface InvoiceRepository extends VersionedRepository<Invoice> {
  /** Stores many new invoices, in one round trip where the adapter can; all or none. */
  insertMany(records: readonly Invoice[]): Promise<void>;
  /** Updates many (each under the same version rule as `update`), in one round trip where the adapter can. */
  updateMany(records: readonly Invoice[]): Promise<void>;
  /**
   * Up to `limit` invoices with status `open` and `collectionsDueAt <= now`, oldest `collectionsDueAt` first (then
   * id), locked until the surrounding transaction ends. Rows another transaction has locked are skipped, not waited
   * for (`FOR UPDATE SKIP LOCKED`), so concurrent collections runs share the work. Must be called inside
   * `transaction`.
   * @throws BillingError `invalid_state` outside a transaction, `invalid_input` for a bad `limit`.
   */
  claimCollectible(query: { now: string; limit: number }): Promise<Invoice[]>;
  list(
    filter: { customerId?: string; subscriptionId?: string; status?: InvoiceStatus; dueBefore?: string } & PageRequest,
  ): Promise<Page<Invoice>>;
  /**
   * The invoice with this `number` (`INV-2026-000123`), or `undefined`; indexed where the adapter can. The engine's
   * numbers name their sequence (everything before the last `-`), so it never makes two alike; should two
   * sequences hold the same number text, the one with the lowest id is returned.
   */
  getByNumber(number: string): Promise<Invoice | undefined>;
  /**
   * Reserves `count` consecutive numbers of a gapless sequence and returns the first (sequences start at 1).
   * Inside a transaction the reservation rolls back with it, so numbers never skip.
   */
  reserveNumbers(sequence: string, count: number): Promise<number>;
}

/** Credit notes (never change once issued). */
export interface CreditNoteRepository extends AppendRepository<CreditNote> {
  list(filter: { invoiceId?: string; customerId?: string } & PageRequest): Promise<Page<CreditNote>>;
}

/** Payments. */
export interface PaymentRepository extends VersionedRepository<Payment> {
  list(filter: { customerId?: string } & PageRequest): Promise<Page<Payment>>;
}

/** Refunds (never change). */
export interface RefundRepository extends AppendRepository<Refund> {
  list(filter: { paymentId?: string; customerId?: string } & PageRequest): Promise<Page<Refund>>;
}

/** The customer credit ledger. */
export interface BalanceRepository extends AppendRepository<BalanceTransaction> {
  /** The sum of a customer's entries in one currency, as an exact decimal string (`"0"` when none). */
  balance(customerId: string, currency: string): Promise<string>;
  /**
   * The balances of many customers in one currency, in one round trip where the adapter can: one entry per
   * distinct id, each the exact decimal sum that {@link BalanceRepository.balance} gives (`"0"` for a customer
   * with no entries in `currency`, or no such customer). Compared by value, so `"4.00"` and `"4"` are both right.
   */
  balances(customerIds: readonly string[], currency: string): Promise<Map<string, string>>;
  list(filter: { customerId: string } & PageRequest): Promise<Page<BalanceTransaction>>;
}

/** Which outbox entries to list. */
export interface OutboxListFilter extends PageRequest {
  readonly status?: OutboxStatus;
  readonly customerId?: string;
}

/**
 * The transactional outbox of notifications. Unique: `dedupeKey` (a second entry with the same key is `conflict`).
 * Entries are written in the transaction of the change that caused them and claimed by dispatchers.
 */
export interface OutboxRepository extends VersionedRepository<OutboxEntry> {
  /** Stores many new entries, in one round trip where the adapter can; all or none. */
  insertMany(entries: readonly OutboxEntry[]): Promise<void>;
  /** Updates many (each under the version rule of `update`), in one round trip where the adapter can; all or none. */
  updateMany(entries: readonly OutboxEntry[]): Promise<void>;
  list(filter: OutboxListFilter): Promise<Page<OutboxEntry>>;
  /**
   * Up to `limit` entries with status `pending` and `nextAttemptAt <= now` (only those among `ids` when given),
   * oldest `nextAttemptAt` first (then id), locked until the surrounding transaction ends; rows another
   * transaction holds are skipped (`FOR UPDATE SKIP LOCKED`). Must be called inside `transaction`.
   * @throws BillingError `invalid_state` outside a transaction, `invalid_input` for a bad `limit`.
   */
  claimDue(query: { now: string; limit: number; ids?: readonly string[] }): Promise<OutboxEntry[]>;
}

/** Past-due fees. Unique: (`invoiceId`, `key`): the same fee of one overdue invoice is never stored twice. */
export interface CollectionFeeRepository extends VersionedRepository<CollectionFee> {
  /** Stores many new fees, in one round trip where the adapter can; all or none (`conflict` on a taken key). */
  insertMany(fees: readonly CollectionFee[]): Promise<void>;
  list(filter: { customerId?: string; invoiceId?: string } & PageRequest): Promise<Page<CollectionFee>>;
  /**
   * Every fee of these overdue invoices, in one round trip where the adapter can, in no particular order (a
   * collections batch reads what its invoices were already charged).
   */
  listForInvoices(invoiceIds: readonly string[]): Promise<CollectionFee[]>;
}

/** Which imported bank credits to list. */
export interface BankCreditListFilter extends PageRequest {
  readonly status?: BankCreditStatus;
  readonly customerId?: string;
}

/** Imported bank credits (reconciliation). Unique: `key`, so a statement line is stored once. */
export interface BankCreditRepository extends VersionedRepository<BankCredit> {
  /** The credit stored for a statement line (`bank:<account>:<line id>`), or `undefined`. */
  getByKey(key: string): Promise<BankCredit | undefined>;
  /** Credits in ascending id order, optionally by status and customer. */
  list(filter: BankCreditListFilter): Promise<Page<BankCredit>>;
}

/** Which gateway payouts to list. */
export interface PayoutListFilter extends PageRequest {
  readonly status?: PayoutStatus;
  readonly currency?: string;
}

/** Imported gateway payouts (reconciliation). Unique: `key` (`payout:<provider>:<payout id>`), so a payout is stored once. */
export interface PayoutRepository extends VersionedRepository<Payout> {
  /** The payout stored under `key`, or `undefined`. */
  getByKey(key: string): Promise<Payout | undefined>;
  /** Payouts in ascending id order, optionally by status and currency. */
  list(filter: PayoutListFilter): Promise<Page<Payout>>;
}

/** Which payment attempts to list. */
export interface PaymentAttemptListFilter extends PageRequest {
  readonly customerId?: string;
  readonly invoiceId?: string;
  readonly status?: PaymentAttemptStatus;
}

/**
 * Attempts to charge invoices through gateways. Unique: `idempotencyKey`; (`gateway`, `providerPaymentId`) where
 * `providerPaymentId` is set, and (`gateway`, `chargeId`) where `chargeId` is set (a second record of one provider
 * payment or charge is `conflict`).
 */
export interface PaymentAttemptRepository extends VersionedRepository<PaymentAttempt> {
  list(filter: PaymentAttemptListFilter): Promise<Page<PaymentAttempt>>;
  /** The attempt sent under this idempotency key, or `undefined`. */
  getByIdempotencyKey(idempotencyKey: string): Promise<PaymentAttempt | undefined>;
  /** The attempt whose provider payment (`providerPaymentId`) or charge (`chargeId`) at `gateway` is `id`, or `undefined`. */
  getByProviderPayment(gateway: string, id: string): Promise<PaymentAttempt | undefined>;
  /**
   * Up to `limit` attempts with `dueAt <= now` (only those among `ids` when given), oldest `dueAt` first (then id),
   * locked until the surrounding transaction ends; rows another transaction holds are skipped (`FOR UPDATE SKIP
   * LOCKED`), so several charging runs share the work. Must be called inside `transaction`.
   * @throws BillingError `invalid_state` outside a transaction, `invalid_input` for a bad `limit`.
   */
  claimDue(query: { now: string; limit: number; ids?: readonly string[] }): Promise<PaymentAttempt[]>;
}

/** Which saved payment methods to list. */
export interface PaymentMethodListFilter extends PageRequest {
  readonly customerId?: string;
  readonly status?: CustomerPaymentMethod['status'];
}

/** Payment methods customers saved at gateways. Unique: (`gateway`, `providerMethodId`). */
export interface PaymentMethodRepository extends VersionedRepository<CustomerPaymentMethod> {
  list(filter: PaymentMethodListFilter): Promise<Page<CustomerPaymentMethod>>;
  /** The method with this provider token at this gateway, or `undefined`. */
  getByProviderMethod(gateway: string, providerMethodId: string): Promise<CustomerPaymentMethod | undefined>;
}

/** The stored outcome of a request made with an idempotency key. */
export interface IdempotencyRecord {
  /** The caller's key, scoped by operation (`payments.record:abc`). */
  readonly key: string;
  /** A hash of the request, so the same key with a different request is refused. */
  readonly requestHash: string;
  /** The JSON result returned to the first request, returned again on replays. */
  readonly response: unknown;
  readonly createdAt: string;
}

/** Idempotency records; they expire (the engine's `idempotencyKeyTtlHours`) and are purged. */
export interface IdempotencyRepository {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores a record. @throws BillingError `conflict` when the key exists. */
  put(record: IdempotencyRecord): Promise<void>;
  /**
   * Deletes the record with this key if it was created before `createdBefore` (it has expired), so the key can be
   * used again. @returns whether a record was deleted.
   */
  deleteExpired(key: string, createdBefore: string): Promise<boolean>;
  /** Deletes up to `limit` records created before `createdBefore`, oldest first. @returns how many. */
  purgeExpired(query: { readonly createdBefore: string; readonly limit: number }): Promise<number>;
}

/** How many records {@link PersonalDataRepository.scrubCustomer} changed, per kind. */
export interface ScrubCounts {
  readonly usageEvents: number;
  readonly payments: number;
  readonly refunds: number;
  readonly subscriptions: number;
  readonly invoices: number;
  readonly creditNotes: number;
  readonly idempotencyRecords: number;
  readonly auditEntries: number;
  /**
   * Outbox entries whose `lastError` (a receiver's refusal may quote the address) was removed, or that were still
   * pending and were cancelled (`dead`, never sent).
   */
  readonly outboxEntries: number;
  /** Saved payment methods pseudonymised (see `erasedPaymentMethod`). */
  readonly paymentMethods: number;
  /** Payment attempts whose decline lost its provider message. */
  readonly paymentAttempts: number;
}

/** What {@link PersonalDataRepository.purgeRetained} did. */
export interface PurgeCounts {
  /** Invoices whose snapshot it redacted now (already redacted ones are not counted). */
  readonly invoices: number;
  /** The customer's invoices issued on or after `issuedBefore` that still keep their snapshot. */
  readonly remaining: number;
}

/** The name a redacted invoice snapshot carries after the purge. */
export const ERASED_CUSTOMER_NAME = 'Erased customer';

/**
 * Erasure of a customer's personal data in the records the engine cannot rewrite through the other repositories
 * (append-only and finalized ones). Amounts, ids, dates, statuses and versions never change, so the ledger stays
 * as it was. Both operations are idempotent: running them again changes nothing more.
 */
export interface PersonalDataRepository {
  /**
   * Clears what erasure lets go at once, in every record of the customer: usage events' `properties` become `{}`;
   * payments lose `reference` and their `metadata` becomes `{}`; refunds lose `reason`; subscriptions', invoices' and
   * credit notes' `metadata` become `{}`; invoice snapshots' `email` becomes `""` (name, address and tax ids stay
   * for the retention); idempotency records whose stored response holds the customer id as a JSON string
   * (`"cus_1"`, not a part of `"cus_12"`) are deleted; audit entries of the customer lose `before` and `after` and
   * get `redacted: true`; the customer's outbox entries lose `lastError` and pending ones become `dead` (never sent);
   * saved payment methods become detached, not default, with the token `erased:<method id>`
   * (`erasedProviderMethodId`), the customer reference `ERASED_PROVIDER_REFERENCE` and no `card` or `email`;
   * payment attempts' `decline.message` becomes `""` (code, kind, amounts, statuses and provider payment ids stay).
   * The shapes are those of `erasedPaymentMethod`, `erasedPaymentAttempt` and `erasedOutboxEntry`.
   * @returns how many records of each kind it changed (records already clear are not counted).
   */
  scrubCustomer(customerId: string): Promise<ScrubCounts>;
  /**
   * Clears what the retention kept, on the customer's invoices issued before `issuedBefore` (invoices never issued:
   * created before it): the snapshot's `name` becomes {@link ERASED_CUSTOMER_NAME}, `email` `""`, `address` goes,
   * `taxIds` become `[]`; their credit notes lose `memo`.
   */
  purgeRetained(customerId: string, query: { readonly issuedBefore: string }): Promise<PurgeCounts>;
}

/** Which audit entries to list: every filter given must match; ascending id (time) order. */
export interface AuditFilter extends PageRequest {
  readonly actorId?: string;
  readonly operation?: string;
  readonly entity?: string;
  readonly entityId?: string;
  readonly customerId?: string;
  /** Entries at or after this instant. */
  readonly from?: string;
  /** Entries before this instant. */
  readonly to?: string;
}

/** The audit log: append-only (erasure redacts, see {@link PersonalDataRepository.scrubCustomer}). */
export interface AuditRepository {
  /** Stores entries, all or none. @throws BillingError `conflict` when an id exists. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** One page of the entries that match, ascending by id. */
  list(filter: AuditFilter): Promise<Page<AuditEntry>>;
}

/** Every repository, as seen inside or outside a transaction. */
export interface StorageSession {
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly prices: PriceRepository;
  readonly meters: CatalogListRepository<Meter>;
  readonly coupons: CatalogListRepository<Coupon>;
  readonly taxRates: CatalogListRepository<TaxRate>;
  readonly subscriptions: SubscriptionRepository;
  readonly usage: UsageRepository;
  readonly invoices: InvoiceRepository;
  readonly creditNotes: CreditNoteRepository;
  readonly payments: PaymentRepository;
  readonly refunds: RefundRepository;
  readonly balance: BalanceRepository;
  readonly idempotency: IdempotencyRepository;
  readonly privacy: PersonalDataRepository;
  readonly audit: AuditRepository;
  /** Notifications waiting to be delivered, and those delivered or given up on. */
  readonly outbox: OutboxRepository;
  /** Past-due fees charged for overdue invoices. */
  readonly collectionFees: CollectionFeeRepository;
  /** Credit lines of imported bank statements: matched, proposed, in the queue or dismissed. */
  readonly bankCredits: BankCreditRepository;
  /**
   * Gateway payouts imported for reconciliation. Optional: an adapter without it cannot import payouts (the engine
   * refuses with `invalid_state`) and bank deposits are never matched to payouts.
   */
  readonly payouts?: PayoutRepository;
  /** Attempts to charge invoices through gateways. */
  readonly paymentAttempts: PaymentAttemptRepository;
  /** Payment methods customers saved at gateways (tokens only). */
  readonly paymentMethods: PaymentMethodRepository;
  /** The customer ledger lock; only inside `transaction`. */
  readonly locks: LedgerLocks;
}

/**
 * How an adapter runs transactions (see "Locks" above): `serial` — one at a time, a second one's work starts
 * once the first has ended (MemoryStorage, PGlite, a single-writer file); `concurrent` — side by side with real
 * row locks and skip-locked claiming, so several processes can bill and take payments at once.
 */
export type TransactionMode = 'serial' | 'concurrent';

/** What an adapter can do; the engine adapts to what is declared. */
export interface StorageCapabilities {
  /** How transactions run; the kit's `concurrency` suite proves what is declared. */
  readonly transactions: TransactionMode;
}

/**
 * Where Billfold keeps its records. Implement this to store billing data anywhere; prove the implementation
 * with `describeStorageAdapter` from `@billfold/storage-testkit`.
 */
export interface BillingStorageAdapter extends StorageSession {
  readonly capabilities: StorageCapabilities;
  /**
   * Set-based report queries (aging, payments received, collections figures), when the adapter can answer them
   * in its own query language; without them the engine computes the same from `list` calls. The kit checks that
   * both give the same answer.
   */
  readonly reports?: ReportQueries;
  /** Runs `work` in one atomic transaction: all its writes commit together, or none when it throws. */
  transaction<T>(work: (session: StorageSession) => Promise<T>): Promise<T>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
