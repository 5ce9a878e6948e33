import type { Subscription } from '../../domain/subscription';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { lockSubscriptionForUpdate } from '../ledger/ledger-lock';
import { assertLive } from './period-guard';

/**
 * Runs one operation on a live subscription: one transaction (under the `idempotencyKey`, scoped as
 * `subscriptions.<operation>:<key>`), in which the subscription is locked for update under its customer's ledger
 * lock (rules L1 and L5 of the engine README) and refused when it has ended; `work` decides on the subscription as
 * locked, writes, and puts what to notify in `outbox` (sent after the commit).
 * @throws BillingError `not_found` or `invalid_state` at `["input", "subscriptionId"]`, or what `work` throws;
 * nothing is stored then.
 */
export function onLockedSubscription<T>(
  ctx: EngineContext,
  operation: string,
  request: { readonly subscriptionId: string; readonly idempotencyKey?: string | undefined },
  work: (session: StorageSession, current: Subscription, outbox: BillingNotification[]) => Promise<T>,
): Promise<T> {
  const { idempotencyKey, ...rest } = request;
  const key = idempotencyKey === undefined ? undefined : `subscriptions.${operation}:${idempotencyKey}`;
  return runIdempotent(ctx, key, rest, async (session, outbox) => {
    const current = await lockSubscriptionForUpdate(session, request.subscriptionId, ['input', 'subscriptionId']);
    assertLive(current, ['input', 'subscriptionId']);
    return work(session, current, outbox);
  });
}

/** The subscription with `changes`, its `updatedAt` and `version` moved on, stored (under the version rule). */
export async function storeUpdate(
  session: StorageSession,
  ctx: EngineContext,
  current: Subscription,
  changes: Partial<Subscription>,
): Promise<Subscription> {
  const subscription: Subscription = {
    ...current,
    ...changes,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  await session.subscriptions.update(subscription);
  return subscription;
}
