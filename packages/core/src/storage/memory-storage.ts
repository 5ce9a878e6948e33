import type { Coupon, Meter } from '../domain/catalog';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import type { TaxRate } from '../tax/tax-rate';
import { AsyncMutex } from './memory/async-mutex';
import { createMemorySession } from './memory/memory-session';
import { createMemoryState, type MemoryState } from './memory/memory-state';
import { Table } from './memory/table';
import { type OperationContext, runOperation, UndoLog } from './memory/undo-log';
import type {
  BalanceRepository,
  CreditNoteRepository,
  CustomerRepository,
  InvoiceRepository,
  LedgerLocks,
  PaymentRepository,
  RefundRepository,
} from './ledger-repositories';
import type { BankCreditRepository, PayoutRepository } from './reconciliation-repositories';
import type { BillingStorageAdapter, StorageCapabilities, StorageSession } from './storage-adapter';
import type { CatalogListRepository, PriceRepository, ProductRepository } from './catalog-repositories';
import type {
  CollectionFeeRepository,
  PaymentAttemptRepository,
  PaymentMethodRepository,
  OutboxRepository,
} from './collections-repositories';
import type { AuditRepository, PersonalDataRepository } from './privacy-repositories';
import type { IdempotencyRepository } from './idempotency-repository';
import type { SubscriptionRepository, UsageRepository } from './subscription-repositories';

/**
 * Billing storage held in memory: for tests, demos and browser playgrounds. Keeps every rule of the storage
 * contract (exact copies of records, uniqueness, optimistic locking, gapless numbers, atomic transactions).
 *
 * How it stays consistent: every operation, and every transaction as a whole, runs alone behind one async
 * lock, so nothing ever sees another transaction's uncommitted writes. Writes record undo steps; a transaction
 * whose work throws undoes its own writes (cost proportional to the writes, not to the data held).
 * Because transactions never overlap, `capabilities.transactions` is `serial`: the claims and the lock operations
 * (`locks.customers`, `subscriptions.lock`) need no locks, since no other transaction can run while one holds
 * them, and a second billing run waits for the first instead of sharing its work.
 *
 * Inside `transaction(work)`, use only the session handed to `work`: calling the adapter itself from there
 * waits for the lock the transaction holds, and so never finishes.
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * await storage.transaction(async (session) => {
 *   await session.customers.insert(customer);
 *   const first = await session.invoices.reserveNumbers('INV-2026', 1); // 1
 * });
 * ```
 */
export class MemoryStorage implements BillingStorageAdapter {
  /** Transactions run one after the other (see the class comment). */
  readonly capabilities: StorageCapabilities = { transactions: 'serial' };
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
  readonly outbox: OutboxRepository;
  readonly collectionFees: CollectionFeeRepository;
  readonly bankCredits: BankCreditRepository;
  readonly payouts: PayoutRepository;
  readonly paymentAttempts: PaymentAttemptRepository;
  readonly paymentMethods: PaymentMethodRepository;
  readonly locks: LedgerLocks;

  readonly #state: MemoryState = createMemoryState();
  readonly #lock = new AsyncMutex();
  #closed = false;

  constructor() {
    // Outside a transaction, each operation takes the lock and commits on its own.
    const session = createMemorySession(this.#state, (operation) =>
      this.#lock.run(async () => {
        this.#assertOpen();
        return runOperation(operation, { log: new UndoLog(), inTransaction: false });
      }),
    );
    this.customers = session.customers;
    this.products = session.products;
    this.prices = session.prices;
    this.meters = session.meters;
    this.coupons = session.coupons;
    this.taxRates = session.taxRates;
    this.subscriptions = session.subscriptions;
    this.usage = session.usage;
    this.invoices = session.invoices;
    this.creditNotes = session.creditNotes;
    this.payments = session.payments;
    this.refunds = session.refunds;
    this.balance = session.balance;
    this.idempotency = session.idempotency;
    this.privacy = session.privacy;
    this.audit = session.audit;
    this.outbox = session.outbox;
    this.collectionFees = session.collectionFees;
    this.bankCredits = session.bankCredits;
    this.payouts = session.payouts;
    this.paymentAttempts = session.paymentAttempts;
    this.paymentMethods = session.paymentMethods;
    this.locks = session.locks;
  }

  /**
   * Runs `work` alone: its writes all stay when it resolves, or are all undone when it throws (the error is
   * re-thrown unchanged). Transactions queue in the order they were started.
   */
  transaction<T>(work: (session: StorageSession) => Promise<T>): Promise<T> {
    return this.#lock.run(async () => {
      this.#assertOpen();
      const context: OperationContext = { log: new UndoLog(), inTransaction: true };
      let open = true;
      const session = createMemorySession(this.#state, async (operation) => {
        if (!open) {
          throw new BillingError(
            BillingErrorCode.invalidState,
            'this transaction has ended: use its session only inside the work function',
          );
        }
        return runOperation(operation, context);
      });
      try {
        return await work(session);
      } catch (error) {
        context.log.rollbackTo(0);
        throw error;
      } finally {
        open = false;
      }
    });
  }

  /**
   * Everything this storage holds as JSON text — every record of every kind, the idempotency records, the audit log
   * and the number counters — for tests that search all stored text (an erased customer's name must be nowhere).
   */
  dump(): Promise<string> {
    return this.#lock.run(async () => {
      const state = this.#state;
      const tables: Record<string, unknown> = {};
      for (const [name, held] of Object.entries(state)) {
        if (held instanceof Table) tables[name] = [...held.values()];
      }
      return JSON.stringify({
        ...tables,
        usage: [...state.usage.all()],
        sequences: [...state.sequences],
        balances: [...state.balances.keys()],
        idempotency: [...state.idempotency.values()],
      });
    });
  }

  /** Waits for queued work to finish, then refuses further use. */
  close(): Promise<void> {
    return this.#lock.run(async () => {
      this.#closed = true;
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new BillingError(BillingErrorCode.invalidState, 'this MemoryStorage is closed');
  }
}

/**
 * A new, empty {@link MemoryStorage}.
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * await storage.customers.insert(customer);
 * await storage.customers.get(customer.id); // an equal copy
 * ```
 */
export function createMemoryStorage(): MemoryStorage {
  return new MemoryStorage();
}
