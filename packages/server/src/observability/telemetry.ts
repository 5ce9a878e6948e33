import { createBillingTelemetry, DURATION_BUCKETS_SECONDS, TelemetryAttribute } from '@billfold/core';
import { type Histogram, type Meter, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';

/** Where the portal's spans and metrics go: the global OpenTelemetry providers unless given (no-ops until the host installs an SDK). */
export interface PortalTelemetryOptions {
  readonly tracer?: Tracer;
  readonly meter?: Meter;
}

/** What the portal knows of a request once it is answered. */
export interface AnsweredRequest {
  readonly method: string;
  /** The route id (`getProfile`), or `unmatched`: the `billfold.step`. */
  readonly routeId: string;
  /** The route's path template (`/invoices/:id`): the `http.route`. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
  readonly code?: string;
}

/** The portal's instruments: one span per request, the request duration, and core's `billfold.portal.*` counters. */
export interface PortalTelemetry {
  start(method: string): Span;
  /** Ends the request's span and records it: an item, its latency and, for a 5xx, an error. */
  finish(span: Span, request: AnsweredRequest): void;
}

/**
 * Creates the instruments: `http.server.request.duration` (seconds, the semantic convention), and core's
 * `billfold.portal.items` and `billfold.portal.errors` (5xx, by route id and problem code). Meter and tracer are
 * looked up at first use, so a host may install its SDK after creating the handler.
 */
export function createTelemetry(options: PortalTelemetryOptions = {}): PortalTelemetry {
  const telemetry = createBillingTelemetry(options);
  const duration = telemetry.instrument(
    (meter): Histogram =>
      meter.createHistogram('http.server.request.duration', {
        unit: 's',
        description: 'Duration of portal requests',
        // The SDK's default buckets are made for milliseconds.
        advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] },
      }),
  );
  return {
    start: (method) =>
      telemetry
        .tracer()
        .startSpan(`${method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }),
    finish(span, { method, routeId, route, status, seconds, code }) {
      const attributes = {
        'http.request.method': method,
        'http.route': route,
        'http.response.status_code': status,
        ...(code === undefined ? {} : { [TelemetryAttribute.errorType]: code }),
      };
      span.updateName(`${method} ${route}`);
      span.setAttributes(attributes);
      telemetry.items('portal', routeId, 1, attributes);
      if (status >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        telemetry.error('portal', routeId, code ?? 'internal_error', attributes);
      }
      span.end();
      duration().record(seconds, attributes);
    },
  };
}
