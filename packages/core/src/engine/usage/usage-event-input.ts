import { z } from 'zod';
import { customFieldKey, IdSchema, InstantInputSchema } from '../../domain/common';

/**
 * The most events one `ingest` call takes (10,000; it was 1,000): send more in several batches, or
 * through `ingestStream`, which batches for you. A larger batch costs fewer round trips per event, and holds its
 * subscriptions' share locks (which a billing run claims past) a little longer.
 */
export const MAX_USAGE_BATCH = 10_000;

/** The longest event name, property key and property value of a usage event. @internal */
export const USAGE_EVENT_LIMITS = { eventName: 100, propertyKey: 100, propertyValue: 200 } as const;

/**
 * One usage event as a host sends it. `id` is the host's event id (a replay with the same id is skipped);
 * `timestamp` defaults to now; property values are strings, quantities decimal strings (`"1.5"`), never numbers.
 */
export const UsageEventInputSchema = z.strictObject({
  id: IdSchema,
  customerId: IdSchema,
  /** When absent, the customer's live subscription with a metered price for `eventName`. */
  subscriptionId: IdSchema.optional(),
  eventName: z.string().min(1).max(USAGE_EVENT_LIMITS.eventName),
  timestamp: InstantInputSchema.optional(),
  properties: z
    .record(customFieldKey(USAGE_EVENT_LIMITS.propertyKey), z.string().max(USAGE_EVENT_LIMITS.propertyValue))
    .default({}),
});

/** One usage event as a host sends it; see {@link UsageEventInputSchema}. */
export type UsageEventInput = z.input<typeof UsageEventInputSchema>;

/** One usage event once validated: `properties` always present. @internal */
export type ParsedUsageEvent = z.output<typeof UsageEventInputSchema>;

/** A batch of 1 to {@link MAX_USAGE_BATCH} usage events. */
export const UsageBatchSchema = z
  .array(UsageEventInputSchema)
  .min(1, 'send at least one event')
  .max(MAX_USAGE_BATCH, `at most ${MAX_USAGE_BATCH} events per batch; split larger uploads`);
