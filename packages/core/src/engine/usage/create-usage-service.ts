import { billingTelemetry } from '../../telemetry/billing-telemetry';
import { TelemetryAttribute } from '../../telemetry/instruments';
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

const INSERTED = { [TelemetryAttribute.usageOutcome]: 'inserted' };
const DUPLICATE = { [TelemetryAttribute.usageOutcome]: 'duplicate' };
const REJECTED = { [TelemetryAttribute.usageOutcome]: 'rejected' };

/**
 * Creates the usage service over an engine context. Ingestion reports through the engine's telemetry (area
 * `usage`: batch latency, events by outcome, refused batches by code).
 * @example
 * ```ts
 * const usage = createUsageService(ctx);
 * await usage.ingest([{ id: 'evt_1', customerId: 'cus_1', eventName: 'data', properties: { gb: '2.5' } }]);
 * // { inserted: 1, duplicates: 0, duplicateEvents: [] }
 * (await usage.summary({ subscriptionId: 'sub_1' })).meters[0].quantity; // "2.5"
 * ```
 */
export function createUsageService(ctx: EngineContext): UsageService {
  const telemetry = ctx.telemetry ?? billingTelemetry;
  /** Counts a step's events by what became of them. */
  const outcomes = (step: string, counts: { inserted: number; duplicates: number; rejected?: number }) => {
    telemetry.items('usage', step, counts.inserted, INSERTED);
    telemetry.items('usage', step, counts.duplicates, DUPLICATE);
    telemetry.items('usage', step, counts.rejected ?? 0, REJECTED);
  };
  return {
    async ingest(events) {
      try {
        const result = await telemetry.measure('usage', 'ingest', () => ingestUsage(ctx, events));
        outcomes('ingest', result);
        return result;
      } catch (error) {
        // The batch is checked whole before anything is written: a refused batch stores none of its events.
        outcomes('ingest', { inserted: 0, duplicates: 0, rejected: Array.isArray(events) ? events.length : 0 });
        throw error;
      }
    },
    async ingestStream(events, options) {
      // A stream that fails part way keeps the batches it committed: only its error is counted, not its events.
      const result = await telemetry.measure('usage', 'stream', () => ingestUsageStream(ctx, events, options));
      outcomes('stream', result);
      return result;
    },
    summary: (input) => usageSummary(ctx, input),
  };
}
