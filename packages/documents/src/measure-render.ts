import { billingTelemetry, TelemetryAttribute } from '@billfold/core';
import { FILE_TYPES } from './document-output';

/** What is rendered: the `billfold.step` of `billfold.documents.*`. */
export type DocumentStep = 'invoice' | 'credit_note' | 'receipt' | 'statement';

/**
 * Renders as one step of the `documents` area: a span `billfold.documents.<step>`, its latency, one item, or its
 * failure by code, with the requested format in `billfold.document.format` (`invalid` for one that is not a
 * format, so bad input cannot grow the number of series).
 */
export function measureRender<T>(step: DocumentStep, options: unknown, render: () => Promise<T>): Promise<T> {
  const requested = (options as { format?: unknown } | undefined)?.format;
  const format = typeof requested === 'string' && Object.hasOwn(FILE_TYPES, requested) ? requested : 'invalid';
  return billingTelemetry.measure('documents', step, render, {
    attributes: { [TelemetryAttribute.documentFormat]: format },
    items: () => 1,
  });
}
