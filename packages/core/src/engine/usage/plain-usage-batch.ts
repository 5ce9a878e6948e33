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
  // `for…in` walks the keys without an array per event; an inherited enumerable key (a polluted prototype) is not a
  // field either, and leaves the event to the schema.
  for (const key in input) if (!FIELDS.has(key)) return undefined;
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

/** Whether `events` is an array of 1 to {@link MAX_USAGE_BATCH} items: else only the schema says what is wrong. */
const isBatchArray = (events: readonly UsageEventInput[]) =>
  Array.isArray(events) && events.length > 0 && events.length <= MAX_USAGE_BATCH;

/**
 * Checks `events[from, to)` directly and appends them to `parsed`; `false` as soon as one is not of the common plain
 * shape (the schema must then check the whole batch).
 */
function appendPlainEvents(
  events: readonly UsageEventInput[],
  from: number,
  to: number,
  parsed: ParsedUsageEvent[],
): boolean {
  for (let i = from; i < to; i++) {
    const plain = plainEvent(events[i]);
    if (plain === undefined) return false;
    parsed.push(plain);
  }
  return true;
}

/**
 * A batch of usage events checked as `validate(UsageBatchSchema, events, 'events')` checks it, with the same
 * result: each event of the common plain shape is checked directly; when one is not, the schema checks the whole
 * batch (and throws its `invalid_input` with the path of the first bad field).
 * @internal
 */
export function validateUsageBatch(events: readonly UsageEventInput[]): ParsedUsageEvent[] {
  const parsed: ParsedUsageEvent[] = [];
  if (isBatchArray(events) && appendPlainEvents(events, 0, events.length, parsed)) return parsed;
  return validate(UsageBatchSchema, events, 'events');
}

/**
 * {@link validateUsageBatch}, `slice` events at a time with a turn of the event loop (`nextTurn`) between slices:
 * a stream checks its next batch this way while the current one is written, so the write's answers from the
 * database are taken as they come rather than after the whole batch is checked. Same result, same errors.
 * @internal
 */
export async function validateUsageBatchInSlices(
  events: readonly UsageEventInput[],
  slice: number,
  nextTurn: () => Promise<void>,
): Promise<ParsedUsageEvent[]> {
  const parsed: ParsedUsageEvent[] = [];
  if (!isBatchArray(events)) return validate(UsageBatchSchema, events, 'events');
  for (let from = 0; from < events.length; from += slice) {
    if (from > 0) await nextTurn();
    if (!appendPlainEvents(events, from, Math.min(from + slice, events.length), parsed)) {
      return validate(UsageBatchSchema, events, 'events');
    }
  }
  return parsed;
}
