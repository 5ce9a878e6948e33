import type { Page, PageRequest } from '../domain/common';
import type { CreditNote } from '../domain/credit-note';
import type { Customer } from '../domain/customer';
import type { Invoice, InvoiceStatus } from '../domain/invoice';
import type { BalanceTransaction, Payment, Refund } from '../domain/payment';
import type { AppendRepository, VersionedRepository } from './repository';

/*
 * The ledger part of the storage contract: customers and their lock, invoices, credit notes, payments, refunds and
 * the credit balance. The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

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

/** Options of {@link LedgerLocks.customers}. */
export interface CustomerLockOptions {
  /** Leave out customers another transaction holds, at once, instead of waiting for them (a billing batch). */
  readonly skipLocked?: boolean;
}

/** The customer ledger lock (see "Locks" in storage-adapter.ts). */
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
