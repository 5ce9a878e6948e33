import { BillingError, type Page, type PageRequest, type UsageEvent, type UsageQuery } from '@billfold/core';
import { addDecimals, compareDecimals, type Decimal, formatDecimal, parseDecimal, ZERO } from './decimal';
import { copyJson, type FileData } from './file-data';
import { limitOf, table } from './records';

/** Where an event is kept in the usage table: event ids are unique per customer, so the key is both. */
export function usageKey(event: { readonly customerId: string; readonly id: string }): string {
  return JSON.stringify([event.customerId, event.id]);
}

/** Events by timestamp, then id. */
function byTime(a: UsageEvent, b: UsageEvent): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function eventsOf(data: FileData, subscriptionId: string, from: string, to: string): UsageEvent[] {
  return Object.values(table<UsageEvent>(data, 'usage'))
    .filter((e) => e.subscriptionId === subscriptionId && e.timestamp >= from && e.timestamp < to)
    .sort(byTime);
}

function decimalOf(event: UsageEvent, property: string): Decimal {
  const value = parseDecimal(event.properties[property] ?? '');
  if (value === undefined)
    throw new BillingError('invalid_input', `event "${event.id}": "${property}" is not a decimal`);
  return value;
}

/** One meter's quantity over `[from, to)`, exact. Events without the property are left out (but counted). */
export function aggregate(data: FileData, query: UsageQuery): string {
  const all = eventsOf(data, query.subscriptionId, query.from, query.to).filter((e) => e.eventName === query.eventName);
  if (query.aggregation === 'count') return String(all.length);
  const property = query.property ?? '';
  const events = all.filter((e) => e.properties[property] !== undefined);
  switch (query.aggregation) {
    case 'sum':
      return formatDecimal(events.reduce((total, e) => addDecimals(total, decimalOf(e, property)), ZERO));
    case 'max': {
      const values = events.map((e) => ({ text: e.properties[property] as string, value: decimalOf(e, property) }));
      values.sort((a, b) => compareDecimals(b.value, a.value));
      return values[0]?.text ?? '0';
    }
    case 'unique_count':
      return String(new Set(events.map((e) => e.properties[property])).size);
    case 'last': {
      const latest = events[events.length - 1];
      return latest === undefined ? '0' : formatDecimal(decimalOf(latest, property));
    }
  }
}

/** One page of a subscription's events in `[from, to)`, by timestamp then id; the cursor is `timestamp|id`. */
export function listUsage(
  data: FileData,
  filter: { subscriptionId: string; from: string; to: string } & PageRequest,
): Page<UsageEvent> {
  const limit = limitOf(filter);
  let events = eventsOf(data, filter.subscriptionId, filter.from, filter.to);
  if (filter.cursor !== undefined) {
    const [timestamp = '', id = ''] = filter.cursor.split('|');
    events = events.filter((e) => e.timestamp > timestamp || (e.timestamp === timestamp && e.id > id));
  }
  const items = events.slice(0, limit).map((e) => copyJson(e));
  const last = items[items.length - 1];
  return events.length > limit && last !== undefined
    ? { items, nextCursor: `${last.timestamp}|${last.id}` }
    : { items };
}
