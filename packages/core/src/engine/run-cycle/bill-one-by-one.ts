import { isBillingError } from '../../errors/billing-error';
import type { EngineContext } from '../context';
import { lockSubscriptionForUpdate } from '../ledger/ledger-lock';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import type { BilledBatch } from './bill-subscriptions';
import { billSubscriptions } from './bill-subscriptions';
import type { Catalog } from './catalog';
import { runError } from './run-error';

/**
 * Bills subscriptions one by one, each in its own transaction taken in the order of rule L5 (its customer's
 * ledger lock, waiting; then the subscription row, waiting), from a fresh read, skipping those no longer due.
 * For the subscriptions a batch had to leave (their customer was held, or its writes conflicted). A subscription
 * that fails is reported in `errors`; the results of the others are merged into one batch, with the ids of the
 * outbox entries their transactions wrote.
 */
export async function billOneByOne(
  ctx: EngineContext,
  ids: readonly string[],
  catalog: Catalog,
  billing: { readonly now: string; readonly maxBoundaries: number },
): Promise<BilledBatch> {
  const { now } = billing;
  const merged = { invoices: [], advanced: [], errors: [], notifications: [], outboxIds: [] } as {
    [K in keyof BilledBatch]: BilledBatch[K][number][];
  };
  for (const id of ids) {
    try {
      const batch = await ledgerTransaction(ctx.storage, async (session) => {
        const fresh = await lockSubscriptionForUpdate(session, id, ['subscriptionId']);
        if (fresh.nextBillingAt === undefined || fresh.nextBillingAt > now) return undefined;
        return billSubscriptions(session, ctx, [fresh], { catalog, ...billing, writeOutbox: true });
      });
      if (batch === undefined) continue;
      merged.invoices.push(...batch.invoices);
      merged.advanced.push(...batch.advanced);
      merged.errors.push(...batch.errors);
      merged.notifications.push(...batch.notifications);
      merged.outboxIds.push(...batch.outboxIds);
    } catch (error) {
      if (!isBillingError(error)) throw error;
      merged.errors.push(runError(id, 'write', error));
    }
  }
  return merged;
}
