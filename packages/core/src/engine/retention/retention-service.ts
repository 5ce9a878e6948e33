import { z } from 'zod';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { purgeUnclaimedBankCredits } from './purge-bank-credits';
import { shiftYears } from './shift-years';

/** Options of `retention.purge`. */
export const PurgeOptionsSchema = z.strictObject({
  /** Records handled per storage call (default 100). */
  batchSize: z.number().int().min(1).max(10_000).default(100),
});

/** Options of `retention.purge`. */
export type PurgeOptions = z.input<typeof PurgeOptionsSchema>;

/** What one `retention.purge` did. */
export interface PurgeSummary {
  /** Expired idempotency records deleted. */
  readonly idempotencyRecords: number;
  /** Invoices whose retained customer identity was cleared. */
  readonly invoicesRedacted: number;
  /** Erased customers whose retention ended on every invoice: nothing personal is left of them now. */
  readonly customersPurged: number;
  /** Erased customers with invoices still inside their retention. */
  readonly customersWaiting: number;
  /** Unclaimed bank credits (`unmatched`, `dismissed`) past `unmatchedBankCreditRetentionDays`, pseudonymised now. */
  readonly bankCreditsRedacted: number;
}

/** Data retention: the scheduled purge of expired idempotency records and of erased customers' retained data. */
export interface RetentionService {
  /**
   * Deletes idempotency records older than `idempotencyKeyTtlHours`, and clears the identity kept on erased
   * customers' invoices issued more than `invoiceRetentionYears` ago (their credit notes' memos too); a customer
   * whose every invoice is cleared gets `erasure.purgedAt`; and pseudonymises the bank credits nobody claimed
   * (`unmatched`, `dismissed`) imported more than `unmatchedBankCreditRetentionDays` ago. Call it from a scheduler (daily is plenty). Idempotent,
   * and safe from several processes at once: each customer is purged under its ledger lock after a fresh read,
   * and idempotency records are taken with `SKIP LOCKED` where the storage can.
   * @example
   * ```ts
   * const { customersPurged } = await billing.retention.purge();
   * ```
   */
  purge(options?: PurgeOptions): Promise<PurgeSummary>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Creates the retention service over an engine context. */
export function createRetentionService(ctx: EngineContext): RetentionService {
  return {
    async purge(options) {
      const { batchSize } = validate(PurgeOptionsSchema, options ?? {}, 'options');
      const now = ctx.clock.now();
      const createdBefore = new Date(now.getTime() - ctx.config.idempotencyKeyTtlHours * HOUR).toISOString();
      let idempotencyRecords = 0;
      for (;;) {
        const deleted = await ctx.storage.idempotency.purgeExpired({ createdBefore, limit: batchSize });
        idempotencyRecords += deleted;
        if (deleted < batchSize) break;
      }
      const issuedBefore = shiftYears(now, -ctx.config.invoiceRetentionYears);
      let invoicesRedacted = 0;
      let customersPurged = 0;
      let customersWaiting = 0;
      let cursor: string | undefined;
      do {
        const page = await ctx.storage.customers.list({
          erasure: 'pending_purge',
          limit: batchSize,
          ...(cursor === undefined ? {} : { cursor }),
        });
        for (const { id } of page.items) {
          const outcome = await ledgerTransaction(ctx.storage, async (session) => {
            await session.locks.customers([id]);
            const customer = await session.customers.get(id);
            if (customer?.erasure === undefined || customer.erasure.purgedAt !== undefined) return undefined;
            const counts = await session.privacy.purgeRetained(id, { issuedBefore });
            if (counts.remaining === 0) {
              await session.customers.update({
                ...customer,
                erasure: { ...customer.erasure, purgedAt: now.toISOString() },
                updatedAt: now.toISOString(),
                version: customer.version + 1,
              });
            }
            return counts;
          });
          if (outcome === undefined) continue;
          invoicesRedacted += outcome.invoices;
          if (outcome.remaining === 0) customersPurged += 1;
          else customersWaiting += 1;
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      const bankCreditsRedacted = await purgeUnclaimedBankCredits(ctx.storage, {
        importedBefore: new Date(now.getTime() - ctx.config.unmatchedBankCreditRetentionDays * DAY),
        batchSize,
      });
      return { idempotencyRecords, invoicesRedacted, customersPurged, customersWaiting, bankCreditsRedacted };
    },
  };
}
