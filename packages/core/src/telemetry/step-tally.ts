import { type BillingTelemetry, billingTelemetry, measureWith } from './billing-telemetry';
import type { TelemetryArea } from './instruments';

/** What one step did, summed over one operation (a billing run): the same figures its instruments received. */
export interface StepFigures {
  readonly area: TelemetryArea;
  readonly step: string;
  /** Items done (`billfold.<area>.items`). */
  readonly items: number;
  /** Failures by error code (`billfold.<area>.errors`). */
  readonly errors: Readonly<Record<string, number>>;
  /** Passes timed (the count of `billfold.<area>.duration`). */
  readonly passes: number;
  /** Their latency summed (the sum of `billfold.<area>.duration`), in seconds. */
  readonly seconds: number;
}

/** Telemetry that also keeps what it recorded, step by step. */
export interface StepTally extends BillingTelemetry {
  /** The figures per step, in the order the steps first recorded. */
  figures(): StepFigures[];
}

type Figures = { -readonly [K in keyof StepFigures]: K extends 'errors' ? Record<string, number> : StepFigures[K] };

/**
 * Wraps `telemetry` so every figure recorded through it is also summed per step: how `billfold run` prints at its
 * end exactly what the instruments were given.
 */
export function createStepTally(telemetry: BillingTelemetry = billingTelemetry): StepTally {
  const steps = new Map<string, Figures>();
  const at = (area: TelemetryArea, step: string) => {
    const key = `${area}.${step}`;
    let found = steps.get(key);
    if (found === undefined) {
      found = { area, step, items: 0, errors: {}, passes: 0, seconds: 0 };
      steps.set(key, found);
    }
    return found;
  };
  const recorder = {
    items: ((area, step, count, attributes) => {
      telemetry.items(area, step, count, attributes);
      at(area, step).items += count;
    }) satisfies BillingTelemetry['items'],
    error: ((area, step, code, attributes) => {
      telemetry.error(area, step, code, attributes);
      const { errors } = at(area, step);
      errors[code] = (errors[code] ?? 0) + 1;
    }) satisfies BillingTelemetry['error'],
    duration: ((area, step, seconds, attributes) => {
      telemetry.duration(area, step, seconds, attributes);
      const figures = at(area, step);
      figures.passes += 1;
      figures.seconds += seconds;
    }) satisfies BillingTelemetry['duration'],
  };
  return {
    ...recorder,
    instrument: telemetry.instrument,
    tracer: telemetry.tracer,
    measure: measureWith(recorder, telemetry.tracer),
    figures: () => [...steps.values()].map((figures) => ({ ...figures, errors: { ...figures.errors } })),
  };
}
