import type { EngineContext } from '../context';
import { type IngestResult, ingestUsage } from './ingest-usage';
import { type IngestStreamOptions, type IngestStreamResult, ingestUsageStream } from './ingest-usage-stream';
import type { UsageEventInput } from './usage-event-input';
import { type UsageSummary, type UsageSummaryInput, usageSummary } from './usage-summary';

/** Usage metering: idempotent ingestion of usage events and the usage of a period so far. */
export interface UsageService {
  /** Stores a batch of up to 10,000 events (`MAX_USAGE_BATCH`), skipping ids their customer sent before; see `ingestUsage`. */
  ingest(events: readonly UsageEventInput[]): Promise<IngestResult>;
  /**
   * Stores every event of an iterable or async iterable (a file, a queue), `batchSize` events per transaction, the
   * next batch checked while the current one is written; see `ingestUsageStream`.
   */
  ingestStream(
    events: AsyncIterable<UsageEventInput> | Iterable<UsageEventInput>,
    options?: IngestStreamOptions,
  ): Promise<IngestStreamResult>;
  /** The aggregated usage per metered price of a subscription's current period; see `usageSummary`. */
  summary(input: UsageSummaryInput): Promise<UsageSummary>;
}

/**
 * Creates the usage service over an engine context.
 * @example
 * ```ts
 * const usage = createUsageService(ctx);
 * await usage.ingest([{ id: 'evt_1', customerId: 'cus_1', eventName: 'data', properties: { gb: '2.5' } }]);
 * // { inserted: 1, duplicates: 0, duplicateEvents: [] }
 * (await usage.summary({ subscriptionId: 'sub_1' })).meters[0].quantity; // "2.5"
 * ```
 */
export function createUsageService(ctx: EngineContext): UsageService {
  return {
    ingest: (events) => ingestUsage(ctx, events),
    ingestStream: (events, options) => ingestUsageStream(ctx, events, options),
    summary: (input) => usageSummary(ctx, input),
  };
}
