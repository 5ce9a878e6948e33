import type { AuditEntry } from '../domain/audit-entry';
import type { Page, PageRequest } from '../domain/common';

/*
 * The data-protection part of the storage contract: erasure of personal data, and the audit log. The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

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
