/**
 * Metrics and traces through `@opentelemetry/api`: the instrument names (`billfold.<area>.items`, `.errors`,
 * `.duration`), the telemetry the engine reports through, and a tally of what one operation recorded.
 * @module
 */
export {
  TelemetryArea,
  TelemetryAttribute,
  instrumentNames,
  DURATION_BUCKETS_SECONDS,
  TELEMETRY_SCOPE,
} from './instruments';
export type { AreaInstrumentNames } from './instruments';
export { billingTelemetry, createBillingTelemetry, errorType, measureWith } from './billing-telemetry';
export type { BillingTelemetry, BillingTelemetryOptions, MeasureOptions, StepRecorder } from './billing-telemetry';
export { createStepTally } from './step-tally';
export type { StepFigures, StepTally } from './step-tally';
