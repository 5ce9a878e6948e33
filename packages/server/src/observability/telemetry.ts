import {
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

/** Where the portal's spans and metrics go: the global OpenTelemetry providers unless given (no-ops until the host installs an SDK). */
export interface PortalTelemetryOptions {
  readonly tracer?: Tracer;
  readonly meter?: Meter;
}

/** The portal's instruments: one span per request, a latency histogram and an error counter per route. */
export interface PortalTelemetry {
  start(method: string): Span;
  /** Ends the request's span and records its latency and, for a 5xx, an error. */
  finish(span: Span, facts: { method: string; route: string; status: number; seconds: number; code?: string }): void;
}

/** Creates the instruments (`http.server.request.duration` in seconds, `billfold.portal.errors`). */
export function createTelemetry(options: PortalTelemetryOptions = {}): PortalTelemetry {
  const tracer = options.tracer ?? trace.getTracer('@billfold/server');
  const meter = options.meter ?? metrics.getMeter('@billfold/server');
  const duration: Histogram = meter.createHistogram('http.server.request.duration', {
    unit: 's',
    description: 'Duration of portal requests',
  });
  const errors: Counter = meter.createCounter('billfold.portal.errors', {
    description: 'Portal requests that ended in a server error (5xx)',
  });
  return {
    start: (method) =>
      tracer.startSpan(`${method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }),
    finish(span, { method, route, status, seconds, code }) {
      const attributes = {
        'http.request.method': method,
        'http.route': route,
        'http.response.status_code': status,
        ...(code === undefined ? {} : { 'error.type': code }),
      };
      span.updateName(`${method} ${route}`);
      span.setAttributes(attributes);
      if (status >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        errors.add(1, attributes);
      }
      span.end();
      duration.record(seconds, attributes);
    },
  };
}
