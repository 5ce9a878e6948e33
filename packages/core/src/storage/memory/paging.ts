import type { PageRequest } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';

/** The page size when a request names none (as `PageRequestSchema` defaults it). */
export const DEFAULT_PAGE_LIMIT = 100;

/** The largest page size a request may ask for (as `PageRequestSchema` allows). */
export const MAX_PAGE_LIMIT = 1000;

/**
 * The checked page size of a request.
 * @throws BillingError `invalid_input` when `limit` is not an integer in 1–1000.
 * @internal
 */
export function pageLimit(request: PageRequest): number {
  const limit = request.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new BillingError(BillingErrorCode.invalidInput, `page limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`, {
      path: ['limit'],
    });
  }
  return limit;
}

const ID_CURSOR = 'id:';

/** The cursor that resumes a list ordered by id after the record `id`. @internal */
export function encodeIdCursor(id: string): string {
  return ID_CURSOR + id;
}

/**
 * The id a cursor from {@link encodeIdCursor} resumes after.
 * @throws BillingError `invalid_input` for a cursor this adapter did not make.
 * @internal
 */
export function decodeIdCursor(cursor: string): string {
  if (!cursor.startsWith(ID_CURSOR)) throw invalidCursor();
  return cursor.slice(ID_CURSOR.length);
}

/** The error for a cursor this adapter did not hand out. @internal */
export function invalidCursor(): BillingError {
  return new BillingError(BillingErrorCode.invalidInput, 'unknown page cursor: pass back the nextCursor of a page', {
    path: ['cursor'],
  });
}

/**
 * The index of the first element of ascending `sorted` that is greater than `after` (binary search).
 * @internal
 */
export function indexAfter(sorted: readonly string[], after: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}
