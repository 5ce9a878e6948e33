import type { BillingStorageAdapter, StorageCapabilities, StorageSession } from '@billfold/core';
import { copyJson, type FileData, loadData, saveData } from './file-data';
import { createSession } from './session';

/**
 * A Billfold storage adapter that keeps everything in one JSON file: fine for a demo, a CLI or a single-process
 * tool. Every committed write rewrites the whole file atomically (temporary file, then rename).
 *
 * - Transactions and writes run one at a time, behind a lock. A transaction works on a draft copy of the data:
 *   when its work resolves, the draft is written to the file and becomes the data; when it throws, the draft is
 *   dropped, so nothing of it remains (numbers reserved, usage, everything).
 * - Reads outside a transaction see the committed data only, never a draft: no dirty reads.
 * - Because transactions never overlap, `capabilities.transactions` is `serial`: the claims and the lock
 *   operations (`locks.customers`, `subscriptions.lock`) need no locks of their own; they only refuse to run
 *   outside a transaction.
 */
export class JsonFileStorage implements BillingStorageAdapter {
  readonly capabilities: StorageCapabilities = { transactions: 'serial' };
  private data: FileData;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly session: StorageSession;

  private constructor(
    private readonly path: string,
    data: FileData,
  ) {
    this.data = data;
    this.session = createSession({
      read: () => this.data,
      // A write outside a transaction is a transaction of its own.
      write: (change) => this.transactionOnData(async (draft) => change(draft)),
      inTransaction: false,
    });
  }

  /** Opens (or, on first commit, creates) the JSON file at `path`. */
  static async open(path: string): Promise<JsonFileStorage> {
    return new JsonFileStorage(path, await loadData(path));
  }

  get customers() {
    return this.session.customers;
  }
  get products() {
    return this.session.products;
  }
  get prices() {
    return this.session.prices;
  }
  get meters() {
    return this.session.meters;
  }
  get coupons() {
    return this.session.coupons;
  }
  get taxRates() {
    return this.session.taxRates;
  }
  get subscriptions() {
    return this.session.subscriptions;
  }
  get usage() {
    return this.session.usage;
  }
  get invoices() {
    return this.session.invoices;
  }
  get creditNotes() {
    return this.session.creditNotes;
  }
  get payments() {
    return this.session.payments;
  }
  get refunds() {
    return this.session.refunds;
  }
  get balance() {
    return this.session.balance;
  }
  get idempotency() {
    return this.session.idempotency;
  }
  get privacy() {
    return this.session.privacy;
  }
  get audit() {
    return this.session.audit;
  }
  get outbox() {
    return this.session.outbox;
  }
  get collectionFees() {
    return this.session.collectionFees;
  }
  get bankCredits() {
    return this.session.bankCredits;
  }
  get paymentAttempts() {
    return this.session.paymentAttempts;
  }
  get paymentMethods() {
    return this.session.paymentMethods;
  }
  get locks() {
    return this.session.locks;
  }

  /** Runs `work` on a draft; commits it to the file when `work` resolves, drops it when `work` throws. */
  transaction<T>(work: (session: StorageSession) => Promise<T>): Promise<T> {
    return this.transactionOnData(async (draft, replaceDraft) => {
      let current = draft;
      const session = createSession({
        read: () => current,
        // Each write works on a copy of the draft, so a write that fails half-way leaves the draft as it was.
        write: async (change) => {
          const copy = copyJson(current);
          const result = change(copy);
          current = copy;
          replaceDraft(copy);
          return result;
        },
        inTransaction: true,
      });
      return work(session);
    });
  }

  /** Nothing to release: the file is closed after every write. Waits for running work. */
  async close(): Promise<void> {
    await this.lock.catch(() => undefined);
  }

  /** Runs `work` alone on a copy of the data and, when it resolves, saves that copy and makes it the data. */
  private transactionOnData<T>(
    work: (draft: FileData, replaceDraft: (draft: FileData) => void) => Promise<T>,
  ): Promise<T> {
    const run = async () => {
      let draft = copyJson(this.data);
      const result = await work(draft, (next) => {
        draft = next;
      });
      await saveData(this.path, draft);
      this.data = draft;
      return result;
    };
    const result = this.lock.then(run, run);
    this.lock = result.catch(() => undefined);
    return result;
  }
}

/**
 * Opens a {@link JsonFileStorage} over the file at `path`.
 * @example
 * ```ts
 * const storage = await openJsonFileStorage('./billing.json');
 * await storage.customers.insert(customer);
 * ```
 */
export function openJsonFileStorage(path: string): Promise<JsonFileStorage> {
  return JsonFileStorage.open(path);
}
