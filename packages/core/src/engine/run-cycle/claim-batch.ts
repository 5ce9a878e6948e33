import type { Subscription } from '../../domain/subscription';
import type { DuePosition } from '../../storage/subscription-repositories';
import type { StorageSession } from '../../storage/storage-adapter';

/** What one batch of a billing run claimed (see {@link claimBatch}). */
export interface ClaimedBatch {
  /** Every due subscription the batch claimed, failed and deferred ones of earlier batches left out. */
  readonly due: readonly Subscription[];
  /** The claimed subscriptions whose customer's ledger the batch now holds: bill these. */
  readonly billable: readonly Subscription[];
  /** The ids of the claimed subscriptions whose customer another transaction holds: not billed by this batch. */
  readonly held: readonly string[];
}

/**
 * Claims the next batch of a billing run inside its transaction (rule L2 of the engine README): up to
 * `batchSize` due subscriptions (`claimDue`, skip-locked, past the position `after` when given, claiming past the
 * ids in `passed`), then the ledger
 * locks of their customers in one call with `skipLocked`. A subscription whose customer another writer holds is
 * left to the caller (`held`): the batch already holds subscription rows, so it must never wait for a customer
 * (that writer may be waiting for one of those rows).
 */
export async function claimBatch(
  session: StorageSession,
  now: string,
  batchSize: number,
  passed: readonly ReadonlySet<string>[],
  after?: DuePosition,
): Promise<ClaimedBatch> {
  const skipped = passed.reduce((sum, ids) => sum + ids.size, 0);
  const claimed = await session.subscriptions.claimDue({
    now,
    limit: batchSize + skipped,
    ...(after === undefined ? {} : { after }),
  });
  const due = claimed.filter((s) => !passed.some((ids) => ids.has(s.id))).slice(0, batchSize);
  if (due.length === 0) return { due, billable: [], held: [] };
  const customerIds = [...new Set(due.map((s) => s.customerId))].sort();
  const locked = new Set(await session.locks.customers(customerIds, { skipLocked: true }));
  return {
    due,
    billable: due.filter((s) => locked.has(s.customerId)),
    held: due.filter((s) => !locked.has(s.customerId)).map((s) => s.id),
  };
}
