import {
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { monotonicMs } from '../clock/clock';
import { isBillingError } from '../errors/billing-error';
import {
  DURATION_BUCKETS_SECONDS,
  instrumentNames,
  TELEMETRY_SCOPE,
  type TelemetryArea,
  TelemetryAttribute,
} from './instruments';

/** Records the figures of one step: items done, failures by code, latency. */
export interface StepRecorder {
  /** Counts `count` items done at `step` (nothing when 0). */
  items(area: TelemetryArea, step: string, count: number, attributes?: Attributes): void;
  /** Counts one failure at `step` under its code (a `BillingErrorCode`, `internal_error`: see {@link errorType}). */
  error(area: TelemetryArea, step: string, code: string, attributes?: Attributes): void;
  /** Records how long one pass of `step` took. */
  duration(area: TelemetryArea, step: string, seconds: number, attributes?: Attributes): void;
}

/** How {@link BillingTelemetry.measure} records a step. */
export interface MeasureOptions<T> {
  /** Set on the span and on every figure. */
  readonly attributes?: Attributes;
  /** Items the result stands for (default 0: only latency and errors are recorded). */
  readonly items?: (result: T) => number;
  /** Whether the pass found nothing to do (an empty last claim): its span ends, but no figure is recorded. */
  readonly skip?: (result: T) => boolean;
  /** The span's kind (default internal; `SpanKind.CLIENT` for a call to a provider). */
  readonly kind?: SpanKind;
}

/**
 * Billfold's metrics and traces over `@opentelemetry/api`: a no-op until the host installs an SDK, and cheap
 * then (no allocation per item: counts are added per batch).
 */
export interface BillingTelemetry extends StepRecorder {
  /**
   * Runs `work` as one step: inside a span `billfold.<area>.<step>` (the active span, so nested steps become its
   * children where the host installed a context manager), then records its latency and items, or its failure by
   * code (the span's status is then an error with `error.type`; messages stay out, they may hold personal data).
   * The error is thrown on.
   */
  measure<T>(
    area: TelemetryArea,
    step: string,
    work: (span: Span) => Promise<T>,
    options?: MeasureOptions<T>,
  ): Promise<T>;
  /**
   * An instrument of the caller's own (e.g. a semantic-convention histogram), made from the meter on first use and
   * again whenever the host installs another meter provider.
   */
  instrument<T>(create: (meter: Meter) => T): () => T;
  /** The tracer spans start from. */
  tracer(): Tracer;
}

/** Where {@link createBillingTelemetry} sends figures: the global providers unless given. */
export interface BillingTelemetryOptions {
  readonly meter?: Meter;
  readonly tracer?: Tracer;
}

/**
 * Creates Billfold's telemetry. Without options the meter and tracer come from the global OpenTelemetry providers
 * at first use, and again after the host installs another provider: importing Billfold before the SDK starts loses
 * nothing.
 * @example
 * ```ts
 * const telemetry = createBillingTelemetry();
 * await telemetry.measure('payments', 'record', () => recordPayment(ctx, input), { items: () => 1 });
 * ```
 */
export function createBillingTelemetry(options: BillingTelemetryOptions = {}): BillingTelemetry {
  const instrument = <T>(create: (meter: Meter) => T) =>
    perProvider(
      options.meter,
      () => metrics.getMeterProvider(),
      (provider) => provider.getMeter(TELEMETRY_SCOPE),
      create,
    );
  const tracer = perProvider(
    options.tracer,
    () => trace.getTracerProvider(),
    (provider) => provider.getTracer(TELEMETRY_SCOPE),
    (found) => found,
  );
  const families = new Map<TelemetryArea, () => AreaInstruments>();
  const family = (area: TelemetryArea) => {
    let found = families.get(area);
    if (found === undefined) {
      found = instrument((meter) => createAreaInstruments(meter, area));
      families.set(area, found);
    }
    return found();
  };
  const recorder: StepRecorder = {
    items(area, step, count, attributes) {
      if (count > 0) family(area).items.add(count, stepAttributes(step, attributes));
    },
    error(area, step, code, attributes) {
      family(area).errors.add(1, { ...stepAttributes(step, attributes), [TelemetryAttribute.errorType]: code });
    },
    duration(area, step, seconds, attributes) {
      family(area).duration.record(seconds, stepAttributes(step, attributes));
    },
  };
  return { ...recorder, instrument, tracer, measure: measureWith(recorder, tracer) };
}

/**
 * A `measure` that records through `recorder` and starts spans from `tracer`: the one implementation shared by the
 * plain telemetry and a run's tally.
 */
export function measureWith(recorder: StepRecorder, tracer: () => Tracer): BillingTelemetry['measure'] {
  return (area, step, work, options = {}) => {
    const { attributes, items, skip, kind = SpanKind.INTERNAL } = options;
    return tracer().startActiveSpan(`billfold.${area}.${step}`, { kind, attributes }, async (span) => {
      const started = monotonicMs();
      try {
        const result = await work(span);
        if (skip?.(result) !== true) {
          recorder.duration(area, step, (monotonicMs() - started) / 1000, attributes);
          if (items !== undefined) recorder.items(area, step, items(result), attributes);
        }
        return result;
      } catch (error) {
        const code = errorType(error);
        recorder.duration(area, step, (monotonicMs() - started) / 1000, attributes);
        recorder.error(area, step, code, attributes);
        span.setAttribute(TelemetryAttribute.errorType, code);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  };
}

/** Telemetry over the global providers: what the engine, documents, gateways and webhooks use by default. */
export const billingTelemetry: BillingTelemetry = createBillingTelemetry();

/** The `error.type` of a failure: its `BillingErrorCode`, or `internal_error`. */
export function errorType(error: unknown): string {
  return isBillingError(error) ? error.code : 'internal_error';
}

interface AreaInstruments {
  readonly items: Counter;
  readonly errors: Counter;
  readonly duration: Histogram;
}

function createAreaInstruments(meter: Meter, area: TelemetryArea): AreaInstruments {
  const names = instrumentNames(area);
  return {
    items: meter.createCounter(names.items, { unit: '{item}', description: `Items done by Billfold's ${area} steps` }),
    errors: meter.createCounter(names.errors, {
      unit: '{error}',
      description: `Failures of Billfold's ${area} steps, by step and error code`,
    }),
    duration: meter.createHistogram(names.duration, {
      unit: 's',
      description: `Latency of Billfold's ${area} steps`,
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] },
    }),
  };
}

function stepAttributes(step: string, attributes: Attributes | undefined): Attributes {
  return attributes === undefined
    ? { [TelemetryAttribute.step]: step }
    : { ...attributes, [TelemetryAttribute.step]: step };
}

/**
 * What `create` makes from the meter (or tracer) in force: from `given` once, else from the global provider's,
 * made again only when the host has installed another provider since the last call.
 */
function perProvider<P, S, T>(
  given: S | undefined,
  current: () => P,
  open: (provider: P) => S,
  create: (source: S) => T,
): () => T {
  if (given !== undefined) {
    const made = create(given);
    return () => made;
  }
  let cached: { provider: P; made: T } | undefined;
  return () => {
    const provider = current();
    if (cached?.provider !== provider) cached = { provider, made: create(open(provider)) };
    return cached.made;
  };
}
