import type { Coupon, Meter } from '../domain/catalog';
import type { TaxRate } from '../tax/tax-rate';
import type { ReportQueries } from './report-queries';
import type {
  CustomerRepository,
  LedgerLocks,
  InvoiceRepository,
  CreditNoteRepository,
  PaymentRepository,
  RefundRepository,
  BalanceRepository,
} from './ledger-repositories';
import type { ProductRepository, PriceRepository, CatalogListRepository } from './catalog-repositories';
import type { SubscriptionRepository, UsageRepository } from './subscription-repositories';
import type {
  OutboxRepository,
  CollectionFeeRepository,
  PaymentAttemptRepository,
  PaymentMethodRepository,
} from './collections-repositories';
import type { BankCreditRepository, PayoutRepository } from './reconciliation-repositories';
import type { IdempotencyRepository } from './idempotency-repository';
import type { PersonalDataRepository, AuditRepository } from './privacy-repositories';

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
