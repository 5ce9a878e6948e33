import type { Meter } from '../../domain/catalog';
import { boundedNonNegativeDecimalProblem } from '../../money/schemas';

/** A problem with one event of a batch, found before anything is written. */
export interface UsageIssue {
  readonly code: 'invalid_input' | 'not_found';
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Adds to `issues` the problems of an event's properties for the meters that count it: a summed, maxed or
 * last-value property must be a non-negative decimal string within `DECIMAL_INPUT_LIMITS`; a unique-count property
 * must be present. Runs for every event of a batch, so it allocates nothing unless there is a problem.
 */
export function checkProperties(
  index: number,
  properties: Readonly<Record<string, string>>,
  meters: readonly Meter[],
  issues: UsageIssue[],
): void {
  for (const meter of meters) {
    const name = meter.property;
    if (meter.aggregation === 'count' || name === undefined) continue;
    const value = properties[name];
    if (value === undefined) {
      const message = `meter "${meter.name}" needs the property "${name}"`;
      issues.push({ code: 'invalid_input', path: ['events', index, 'properties', name], message });
    } else if (meter.aggregation !== 'unique_count') {
      // Property values are strings (checked with the event), so this is the schema's check without a parse.
      const problem = boundedNonNegativeDecimalProblem(value);
      if (problem === undefined) continue;
      issues.push({
        code: 'invalid_input',
        path: ['events', index, 'properties', name],
        message: `"${name}" must be a non-negative decimal string such as "1.5" for meter "${meter.name}": ${problem}`,
      });
    }
  }
}
