import type { Page, PageRequest } from '../domain/common';
import type { CollectionFee } from '../domain/collection-fee';
import type { CustomerPaymentMethod } from '../domain/customer-payment-method';
import type { PaymentAttempt, PaymentAttemptStatus } from '../domain/payment-attempt';
import type { OutboxEntry, OutboxStatus } from '../domain/outbox-entry';
import type { VersionedRepository } from './repository';

/*
 * The collections part of the storage contract: the notification outbox, past-due fees, payment attempts and saved
 * payment methods. The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

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
