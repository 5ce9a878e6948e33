import type { OutboxEntry } from '../../domain/outbox-entry';
import { type BillingNotification, happensOncePerRecord, notificationDedupeKey } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';

/** The longest dedupe key (`NotificationDedupeKeySchema`). */
const MAX_KEY = 200;

/**
 * The key an outbox entry stores: the notification's own `dedupeKey`, else the key derived from its kind and ids
 * (`invoice.reminder/inv_…/step-2`) for kinds that happen once per record — so storage refuses a second entry for
 * the same reminder — and that key plus the entry's id for kinds that can happen again at the same instant.
 */
function outboxKey(notification: BillingNotification, entryId: string): string {
  if (notification.dedupeKey !== undefined) return notification.dedupeKey;
  const derived = notificationDedupeKey(notification);
  if (happensOncePerRecord(notification.type)) return derived;
  const key = `${derived}/${entryId}`;
  // Host ids may be long (128 characters): the entry's id alone still names the notification for good.
  return key.length <= MAX_KEY ? key : `${notification.type}/${entryId}`;
}

/**
 * Writes notifications to the outbox inside the caller's transaction (one `outbox.insertMany`), so they commit
 * with the change that caused them or not at all. Each entry is pending from now, with its dedupe key set on the
 * notification it stores.
 * @returns the ids of the entries written, in order.
 * @throws BillingError `conflict` when an entry's dedupe key is taken (the same reminder step written twice).
 */
export async function enqueueNotifications(
  session: StorageSession,
  ctx: EngineContext,
  notifications: readonly BillingNotification[],
): Promise<string[]> {
  if (notifications.length === 0) return [];
  const now = ctx.clock.now().toISOString();
  const entries = notifications.map((notification): OutboxEntry => {
    const id = ctx.ids('ntf');
    const dedupeKey = outboxKey(notification, id);
    return {
      id,
      customerId: notification.customerId,
      type: notification.type,
      dedupeKey,
      notification: { ...notification, dedupeKey },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      version: 1,
    };
  });
  await session.outbox.insertMany(entries);
  return entries.map((entry) => entry.id);
}
