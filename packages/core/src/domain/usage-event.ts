import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/**
 * One usage event: something a customer did that a meter counts. `id` is the caller's event id and makes
 * ingestion idempotent: an event id seen before is skipped. Property values are strings (decimal strings
 * for quantities such as `bytes: "1048576"`), so nothing numeric goes through a float.
 */
export const UsageEventSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  /** The subscription the usage belongs to; when absent, the customer's active subscription with a matching meter. */
  subscriptionId: IdSchema.optional(),
  eventName: z.string().min(1).max(100),
  timestamp: TimestampSchema,
  properties: z.record(z.string().max(100), z.string().max(200)).default({}),
});

/** A usage event as stored. */
export type UsageEvent = z.infer<typeof UsageEventSchema>;
