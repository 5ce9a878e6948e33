import { INSTANT_RANGE } from '../../domain/common';
import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { StorageSession } from '../../storage/storage-adapter';

/**
 * Refuses to end a subscription at `end` when usage is already recorded for it at or after `end`: those events
 * were accepted while it ran and would never be billed (rule L3 of the engine README: accepted usage is billed,
 * never dropped). Read under the subscription's `update` lock, so an ingestion in flight has committed first.
 * @throws BillingError `invalid_state` at `path`, naming the latest such event's instant.
 */
export async function assertNoUsageFrom(
  session: StorageSession,
  subscription: Subscription,
  end: string,
  path: readonly (string | number)[],
): Promise<void> {
  // Usage timestamps are inputs, so they lie before the end of the engine's instant range.
  const later = await session.usage.list({
    subscriptionId: subscription.id,
    from: end,
    to: INSTANT_RANGE.to,
    limit: 1,
  });
  const first = later.items[0];
  if (first === undefined) return;
  throw new BillingError(
    BillingErrorCode.invalidState,
    `Subscription ${subscription.id} has usage recorded at ${first.timestamp}, at or after ${end}: ending it there would leave that usage unbilled; end it after its last usage`,
    { path },
  );
}
