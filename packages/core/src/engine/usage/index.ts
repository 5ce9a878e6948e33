/**
 * Usage metering: ingest usage events in idempotent batches and summarise a subscription's usage.
 * @module
 */
export { createUsageService } from './create-usage-service';
export type { UsageService } from './create-usage-service';
export { ingestUsage } from './ingest-usage';
export type { IngestResult } from './ingest-usage';
export { ingestUsageStream, IngestStreamOptionsSchema } from './ingest-usage-stream';
export type { IngestStreamOptions, IngestStreamProgress, IngestStreamResult } from './ingest-usage-stream';
export { usageSummary, UsageSummaryInputSchema } from './usage-summary';
export type { MeterUsage, UsageSummary, UsageSummaryInput } from './usage-summary';
export { MAX_USAGE_BATCH, UsageBatchSchema, UsageEventInputSchema } from './usage-event-input';
export type { UsageEventInput } from './usage-event-input';
