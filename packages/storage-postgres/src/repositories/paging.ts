import { BillingError, type PageRequest } from '@billfold/core';

/** The page size when the caller names none (as `PageRequestSchema` defaults it). */
const DEFAULT_LIMIT = 100;
/** The largest page `PageRequestSchema` allows. */
const MAX_LIMIT = 1000;

/** The number of items a page request asks for, checked. @internal */
export function pageLimit(page: PageRequest): number {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new BillingError('invalid_input', `limit must be an integer from 1 to ${MAX_LIMIT}`, { path: ['limit'] });
  }
  return limit;
}

/*
 * Cursors name the last item of the previous page: its id, or for usage events `<epoch ms in base 36>~<id>`
 * (timestamp then id is their order). Both stay under the 200 characters `PageRequestSchema` allows.
 */

/** The id a cursor resumes after. @internal */
export function decodeIdCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(cursor)) throw invalidCursor();
  return cursor;
}

/** The cursor of a page of usage events that ends with this event. @internal */
export function encodeEventCursor(timestamp: string, id: string): string {
  return `${Date.parse(timestamp).toString(36)}~${id}`;
}

/** The timestamp and id a usage-event cursor resumes after. @internal */
export function decodeEventCursor(cursor: string): { timestamp: string; id: string } {
  const match = /^([0-9a-z]{1,12})~([A-Za-z0-9_.:-]{1,128})$/.exec(cursor);
  const millis = match === null ? Number.NaN : Number.parseInt(match[1] as string, 36);
  if (match === null || !Number.isSafeInteger(millis)) throw invalidCursor();
  return { timestamp: new Date(millis).toISOString(), id: match[2] as string };
}

function invalidCursor(): BillingError {
  return new BillingError('invalid_input', 'cursor is not one this storage returned', { path: ['cursor'] });
}
