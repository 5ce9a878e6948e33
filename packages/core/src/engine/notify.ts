import type { BillingNotification } from '../notify/notifier';
import type { EngineContext } from './context';

/**
 * Sends notifications once the transaction that caused them has committed, one after another. A notifier
 * that throws never undoes or fails the billing operation: delivery is the notifier's job to retry.
 */
export async function deliverNotifications(
  ctx: EngineContext,
  notifications: readonly BillingNotification[],
): Promise<void> {
  const notifier = ctx.notifier;
  if (notifier === undefined) return;
  for (const notification of notifications) {
    try {
      await notifier.notify(notification);
    } catch {
      // Deliberately swallowed: the money has moved and is committed; a lost email must not roll it back.
    }
  }
}
