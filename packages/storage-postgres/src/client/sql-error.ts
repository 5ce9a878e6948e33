import { BillingError } from '@billfold/core';

/** SQLSTATE codes that mean the caller's write collides with data or with a concurrent transaction. */
const CONFLICT_STATES: Record<string, string> = {
  '23505': 'a record with the same unique key already exists',
  '40001': 'a concurrent transaction changed the same records; retry',
  '40P01': 'a concurrent transaction changed the same records (deadlock); retry',
};

/**
 * SQLSTATE codes that mean a value could not be read as the type its column needs, or is text PostgreSQL cannot
 * store (U+0000 in text is 22021, in jsonb 22P05).
 */
const INVALID_INPUT_STATES = new Set(['22P02', '22003', '22007', '22008', '22001', '22021', '22P05']);

/**
 * Turns a driver error into a `BillingError` where the caller can act on it: a unique violation (23505) or a
 * serialization failure becomes `conflict`, a value PostgreSQL cannot parse becomes `invalid_input`. Anything
 * else is returned as it is (a broken connection, a bug in a statement).
 * @internal
 */
export function toBillingError(error: unknown): unknown {
  const state = sqlState(error);
  if (state === undefined) return error;
  const detail = (error as { detail?: unknown }).detail;
  const suffix = typeof detail === 'string' ? ` (${detail})` : '';
  const conflict = CONFLICT_STATES[state];
  if (conflict !== undefined) return new BillingError('conflict', `${conflict}${suffix}`, { cause: error });
  if (INVALID_INPUT_STATES.has(state)) {
    return new BillingError('invalid_input', `${(error as Error).message}${suffix}`, { cause: error });
  }
  return error;
}

/**
 * Whether `error` is a unique-key violation (SQLSTATE 23505), as the driver threw it or as {@link toBillingError}
 * wrapped it.
 * @internal
 */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505' || sqlState((error as { cause?: unknown } | undefined)?.cause) === '23505';
}

/** The SQLSTATE of a `pg` or PGlite error (both put it on `code`), or `undefined`. */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
