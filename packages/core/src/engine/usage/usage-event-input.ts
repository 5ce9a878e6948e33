import { z } from 'zod';
import { customFieldKey, IdSchema, InstantInputSchema } from '../../domain/common';

/** The most events one `ingest` call takes; send more in several batches. */
export const MAX_USAGE_BATCH = 1000;

/**
 * One usage event as a host sends it. `id` is the host's event id (a replay with the same id is skipped);
 * `timestamp` defaults to now; property values are strings, quantities decimal strings (`"1.5"`), never numbers.
 */
export const UsageEventInputSchema = z.strictObject({
  id: IdSchema,
  customerId: IdSchema,
  /** When absent, the customer's live subscription with a metered price for `eventName`. */
  subscriptionId: IdSchema.optional(),
  eventName: z.string().min(1).max(100),
  timestamp: InstantInputSchema.optional(),
  properties: z.record(customFieldKey(100), z.string().max(200)).default({}),
});

/** One usage event as a host sends it; see {@link UsageEventInputSchema}. */
export type UsageEventInput = z.input<typeof UsageEventInputSchema>;

/** A batch of 1 to {@link MAX_USAGE_BATCH} usage events. */
export const UsageBatchSchema = z
  .array(UsageEventInputSchema)
  .min(1, 'send at least one event')
  .max(MAX_USAGE_BATCH, `at most ${MAX_USAGE_BATCH} events per batch; split larger uploads`);
