import type { Page, PageRequest } from '../domain/common';
import type { BankCredit, BankCreditStatus } from '../domain/bank-credit';
import type { Payout, PayoutStatus } from '../domain/payout';
import type { VersionedRepository } from './repository';

/*
 * The reconciliation part of the storage contract: imported bank credits and gateway payouts. The rules every adapter keeps, and the locks, are in `storage-adapter.ts`.
 */

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
