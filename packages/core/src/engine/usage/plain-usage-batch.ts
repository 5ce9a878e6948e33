import { ID_MAX_LENGTH, ID_PATTERN, INSTANT_RANGE, RESERVED_KEYS } from '../../domain/common';
import { validate } from '../../errors/validate';
import { unstorableTextReason } from '../../errors/storable-text';
import {
  MAX_USAGE_BATCH,
  type ParsedUsageEvent,
  USAGE_EVENT_LIMITS,
  UsageBatchSchema,
  type UsageEventInput,
} from './usage-event-input';

/*
 * A meter sends the same plain shape millions of times: ids, an event name, a timestamp in the stored form and a few
 * string properties. Such an event is checked here against the rules of `UsageEventInputSchema` and of `validate`
 * (storable text) directly, at a tenth of the schema's cost. Anything else — a `Date`, another timestamp form, a
 * key the schema does not know, any rule broken — is left to the schema, which then checks the whole batch and
 * says what is wrong exactly as it always has. `plain-usage-batch.test.ts` proves that what is accepted here is
 * accepted by the schema, with the same result.
 */

const FIELDS: ReadonlySet<string> = new Set([
  'id',
  'customerId',
  'subscriptionId',
  'eventName',
  'timestamp',
  'properties',
]);
/** The stored form of an instant (its fields are checked against the calendar apart). */
const STORED_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= ID_MAX_LENGTH && ID_PATTERN.test(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Days of each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * A timestamp in the stored form, a real instant in `INSTANT_RANGE`: what the schema gives back unchanged. Checked
 * on the text alone (fixed width, so text order is time order), without a `Date` per event.
 */
function isStoredInstant(value: string): boolean {
  if (!STORED_INSTANT.test(value) || value < INSTANT_RANGE.from || value >= INSTANT_RANGE.to) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  return (
    day >= 1 && day <= days && digitsAt(value, 11, 2) < 24 && digitsAt(value, 14, 2) < 60 && digitsAt(value, 17, 2) < 60
  );
}

/** The number written by the `count` digits of `text` from `at` (a module function: no closure per event). */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** The properties as the schema gives them back (a copy), or `undefined` when the schema must judge them. */
function plainProperties(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isPlainObject(value)) return undefined;
  const properties: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const text = value[key];
    if (key.length === 0 || key.length > USAGE_EVENT_LIMITS.propertyKey || RESERVED_KEYS.has(key)) return undefined;
    if (typeof text !== 'string' || text.length > USAGE_EVENT_LIMITS.propertyValue) return undefined;
    if (unstorableTextReason(key) !== undefined || unstorableTextReason(text) !== undefined) return undefined;
    properties[key] = text;
  }
  return properties;
}

/** The event as the schema gives it back, or `undefined` when the schema must judge it. */
function plainEvent(input: unknown): ParsedUsageEvent | undefined {
  if (!isPlainObject(input)) return undefined;
  for (const key of Object.keys(input)) if (!FIELDS.has(key)) return undefined;
  const { id, customerId, subscriptionId, eventName, timestamp } = input;
  if (!isId(id) || !isId(customerId)) return undefined;
  if (subscriptionId !== undefined && !isId(subscriptionId)) return undefined;
  if ('subscriptionId' in input && subscriptionId === undefined) return undefined;
  if (typeof eventName !== 'string' || eventName.length === 0 || eventName.length > USAGE_EVENT_LIMITS.eventName) {
    return undefined;
  }
  if (unstorableTextReason(eventName) !== undefined) return undefined;
  if (timestamp !== undefined && (typeof timestamp !== 'string' || !isStoredInstant(timestamp))) return undefined;
  if ('timestamp' in input && timestamp === undefined) return undefined;
  const properties = plainProperties(input.properties);
  if (properties === undefined) return undefined;
  // One literal of the common shape (no spreads): this is made for every event of every batch.
  if (subscriptionId === undefined) {
    return timestamp === undefined
      ? { id, customerId, eventName, properties }
      : { id, customerId, eventName, timestamp, properties };
  }
  return timestamp === undefined
    ? { id, customerId, subscriptionId, eventName, properties }
    : { id, customerId, subscriptionId, eventName, timestamp, properties };
}

/**
 * A batch of usage events checked as `validate(UsageBatchSchema, events, 'events')` checks it, with the same
 * result: each event of the common plain shape is checked directly; when one is not, the schema checks the whole
 * batch (and throws its `invalid_input` with the path of the first bad field).
 * @internal
 */
export function validateUsageBatch(events: readonly UsageEventInput[]): ParsedUsageEvent[] {
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_USAGE_BATCH) {
    return validate(UsageBatchSchema, events, 'events');
  }
  const parsed: ParsedUsageEvent[] = [];
  for (const event of events) {
    const plain = plainEvent(event);
    if (plain === undefined) return validate(UsageBatchSchema, events, 'events');
    parsed.push(plain);
  }
  return parsed;
}
