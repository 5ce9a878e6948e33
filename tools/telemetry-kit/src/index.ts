/**
 * Test-only: installs the OpenTelemetry SDK as the global providers, with the in-memory exporters
 * (`InMemoryMetricExporter`, `InMemorySpanExporter`) and an AsyncLocalStorage context manager, as a host would
 * install its SDK; then reads back what was recorded.
 * @module
 */
import { type Attributes, context, type Meter, metrics, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** One data point of a metric: its attributes and its value (a counter's sum, a histogram's count and sum). */
export interface RecordedPoint {
  readonly attributes: Attributes;
  readonly value: number;
  readonly sum?: number;
}

/** What the installed SDK recorded. */
export interface InMemoryTelemetry {
  /** The data points of a metric now (cumulative since install); `[]` when it was never recorded. */
  points(name: string): Promise<RecordedPoint[]>;
  /** The sum of a counter, or the count of a histogram, over the points whose attributes include `where`. */
  total(name: string, where?: Attributes): Promise<number>;
  /** The spans ended so far. */
  spans(): readonly ReadableSpan[];
  /** This SDK's meter and tracer, to pass to Billfold explicitly. */
  readonly meter: Meter;
  readonly tracer: Tracer;
  /** Shuts the SDK down and, if it was installed globally, removes it: the API is a no-op again. */
  uninstall(): Promise<void>;
}

/**
 * Installs a fresh SDK as the global meter, tracer and context providers (removing any installed before), or with
 * `{ global: false }` only creates it (its `meter` and `tracer` are then passed by hand).
 * @example
 * ```ts
 * const telemetry = installInMemoryTelemetry();
 * await billing.runCycle();
 * expect(await telemetry.total('billfold.invoicing.items')).toBe(5);
 * await telemetry.uninstall();
 * ```
 */
export function installInMemoryTelemetry(options: { readonly global?: boolean } = {}): InMemoryTelemetry {
  const global = options.global ?? true;
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  if (global) {
    metrics.disable();
    trace.disable();
    context.disable();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    metrics.setGlobalMeterProvider(meterProvider);
    trace.setGlobalTracerProvider(tracerProvider);
  }

  const points = async (name: string): Promise<RecordedPoint[]> => {
    await reader.forceFlush();
    const latest = exporter.getMetrics().at(-1);
    const metric = latest?.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
    // Billfold records counters (a number) and explicit-bucket histograms (a count and a sum).
    const recorded = (metric?.dataPoints ?? []) as DataPoint<number | Histogram>[];
    return recorded.map((point) =>
      typeof point.value === 'number'
        ? { attributes: point.attributes, value: point.value }
        : { attributes: point.attributes, value: point.value.count, sum: point.value.sum ?? 0 },
    );
  };
  return {
    points,
    async total(name, where = {}) {
      const matching = (await points(name)).filter((point) =>
        Object.entries(where).every(([key, value]) => point.attributes[key] === value),
      );
      return matching.reduce((sum, point) => sum + point.value, 0);
    },
    spans: () => spanExporter.getFinishedSpans(),
    meter: meterProvider.getMeter('telemetry-kit'),
    tracer: tracerProvider.getTracer('telemetry-kit'),
    async uninstall() {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      if (!global) return;
      metrics.disable();
      trace.disable();
      context.disable();
    },
  };
}
