import { z } from 'zod';
import {
  BillingNotificationSchema,
  NOTIFICATION_TYPES,
  NotificationDedupeKeySchema,
  type NotificationType,
} from '../notify/notifier';
import { IdSchema, TimestampSchema } from './common';

/** Where an outbox entry is: waiting (or being sent), delivered, or given up on (`dead`, with the last error). */
export const OutboxStatusSchema = z.enum(['pending', 'delivered', 'dead']);

/** Where an outbox entry is. */
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

/** Why the last delivery attempt failed, as the notifier said (never credentials: notifiers strip them). */
export const DeliveryErrorSchema = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(2000),
  /** Whether the dispatcher would try again (`isRetryableDeliveryError`). */
  retryable: z.boolean(),
});

/** Why the last delivery attempt failed. */
export type DeliveryError = z.infer<typeof DeliveryErrorSchema>;

/**
 * One notification in the transactional outbox: written in the transaction of the ledger change that caused it,
 * delivered after commit by the dispatcher (`billing.notifications.dispatch`), at least once. `dedupeKey` is
 * unique in storage and travels in `notification`, so every delivery of the entry carries it and a receiver drops
 * repeats. A pending entry is claimed by setting `nextAttemptAt` to the end of a lease: a dispatcher that dies
 * while sending leaves it to be claimed again once the lease has run out.
 */
export const OutboxEntrySchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  type: z.enum(NOTIFICATION_TYPES as [NotificationType, ...NotificationType[]]),
  dedupeKey: NotificationDedupeKeySchema,
  /** The notification as the notifier gets it, `dedupeKey` included. */
  notification: BillingNotificationSchema,
  status: OutboxStatusSchema,
  /** Delivery attempts so far (claims, counting one that is under way). */
  attempts: z.number().int().min(0),
  /** Pending: when it may be claimed (next retry, or the end of the lease of an attempt under way). */
  nextAttemptAt: TimestampSchema,
  lastAttemptAt: TimestampSchema.optional(),
  lastError: DeliveryErrorSchema.optional(),
  deliveredAt: TimestampSchema.optional(),
  createdAt: TimestampSchema,
  version: z.number().int().min(1),
});

/** One notification in the outbox; see {@link OutboxEntrySchema}. */
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;
