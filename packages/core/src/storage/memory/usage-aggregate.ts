import type { UsageEvent } from '../../domain/usage-event';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { addFixed, compareFixed, DECIMAL_PATTERN, type Fixed, formatFixed, parseFixed } from '../../money/fixed';
import type { UsageQuery } from '../subscription-repositories';

/**
 * One meter's quantity over events already selected for the query (same subscription, event name and
 * period), as a decimal string; exact, never through a float. Events without the property do not count
 * toward `sum`, `max`, `unique_count` or `last`.
 * @throws BillingError `invalid_input` when a summed, compared or last value is not a decimal string, or
 *   the query names no property for an aggregation that needs one.
 * @internal
 */
export function aggregateUsage(events: readonly UsageEvent[], query: UsageQuery): string {
  if (query.aggregation === 'count') return String(events.length);
  const property = query.property;
  if (property === undefined) {
    throw new BillingError(BillingErrorCode.invalidInput, `aggregation "${query.aggregation}" needs a property`, {
      path: ['property'],
    });
  }
  const values: { event: UsageEvent; text: string }[] = [];
  for (const event of events) {
    const text = event.properties[property];
    if (text !== undefined) values.push({ event, text });
  }
  switch (query.aggregation) {
    case 'unique_count':
      return String(new Set(values.map((value) => value.text)).size);
    case 'sum': {
      let total: Fixed = { units: 0n, scale: 0 };
      for (const value of values) total = addFixed(total, decimal(value.event, property, value.text));
      return formatFixed(total, total.scale);
    }
    case 'max': {
      let best: { fixed: Fixed; text: string } | undefined;
      for (const value of values) {
        const fixed = decimal(value.event, property, value.text);
        if (best === undefined || compareFixed(fixed, best.fixed) > 0) best = { fixed, text: value.text };
      }
      return best?.text ?? '0';
    }
    case 'last': {
      let latest: { event: UsageEvent; text: string } | undefined;
      for (const value of values) {
        if (latest === undefined || isLater(value.event, latest.event)) latest = value;
      }
      if (latest === undefined) return '0';
      decimal(latest.event, property, latest.text);
      return latest.text;
    }
    default: {
      const never: never = query.aggregation;
      throw new BillingError(BillingErrorCode.invalidInput, `unknown aggregation "${String(never)}"`, {
        path: ['aggregation'],
      });
    }
  }
}

/** Whether `a` comes after `b` by timestamp, then id. */
function isLater(a: UsageEvent, b: UsageEvent): boolean {
  return a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.id > b.id);
}

function decimal(event: UsageEvent, property: string, text: string): Fixed {
  if (!DECIMAL_PATTERN.test(text)) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `usage event "${event.id}": property "${property}" is "${text}", not a decimal string`,
      { path: ['properties', property] },
    );
  }
  return parseFixed(text);
}
