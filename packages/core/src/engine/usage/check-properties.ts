import type { Meter } from '../../domain/catalog';
import { BoundedNonNegativeDecimalSchema } from '../../money/schemas';

/** A problem with one event of a batch, found before anything is written. */
export interface UsageIssue {
  readonly code: 'invalid_input' | 'not_found';
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * The problems of an event's properties for the meters that count it: a summed, maxed or last-value property
 * must be a non-negative decimal string within `DECIMAL_INPUT_LIMITS`; a unique-count property must be present.
 */
export function checkProperties(
  index: number,
  properties: Readonly<Record<string, string>>,
  meters: readonly Meter[],
): UsageIssue[] {
  const issues: UsageIssue[] = [];
  for (const meter of meters) {
    const name = meter.property;
    if (meter.aggregation === 'count' || name === undefined) continue;
    const path = ['events', index, 'properties', name];
    const value = properties[name];
    if (value === undefined) {
      issues.push({ code: 'invalid_input', path, message: `meter "${meter.name}" needs the property "${name}"` });
    } else if (meter.aggregation !== 'unique_count') {
      const checked = BoundedNonNegativeDecimalSchema.safeParse(value);
      if (checked.success) continue;
      issues.push({
        code: 'invalid_input',
        path,
        message: `"${name}" must be a non-negative decimal string such as "1.5" for meter "${meter.name}": ${checked.error.issues[0]?.message}`,
      });
    }
  }
  return issues;
}
