import type { EngineContext } from '../context';
import { dispatchEntries } from './dispatch-notifications';

/**
 * Sends the outbox entries an operation has just committed, when the engine has a notifier and `immediate`
 * delivery: claimed and leased like any dispatch, so a dispatcher running at the same time never sends them too.
 * Never throws: the money has moved and is committed; what could not be sent stays in the outbox (pending, with
 * its error and backoff) for `notifications.dispatch`.
 */
export async function deliverAfterCommit(ctx: EngineContext, entryIds: readonly string[]): Promise<void> {
  const notifier = ctx.notifier;
  if (notifier === undefined || entryIds.length === 0 || ctx.config.notifications.delivery !== 'immediate') return;
  try {
    await dispatchEntries(ctx, notifier, {
      now: ctx.clock.now().toISOString(),
      limit: entryIds.length,
      batchSize: entryIds.length,
      ids: entryIds,
    });
  } catch {
    // Deliberately swallowed: the entries stay pending and the next dispatch delivers them.
  }
}
