/**
 * A deep copy of a record as plain data, so callers can never reach stored state. Like `structuredClone`,
 * but object keys whose value is `undefined` are left out: an optional field given as `undefined` is stored
 * absent, as every other adapter stores it.
 * @internal
 */
export function copyRecord<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyValue);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) copy[key] = copyValue(field);
  }
  return copy;
}
