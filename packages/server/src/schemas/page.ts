import { z } from 'zod';

/** `?limit=` of a list: a whole number from 1 to 100 (default 20), as the query string gives it. */
export const LimitQuerySchema = z
  .string()
  .regex(/^\d{1,3}$/, 'a whole number from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1, 'at least 1').max(100, 'at most 100'))
  .optional();

/** `?cursor=`: the opaque `nextCursor` of the previous page. */
export const CursorQuerySchema = z.string().min(1).max(200).optional();

/**
 * One page of a list, oldest first. Follow `nextCursor` (absent on the last page) for the next one; a page
 * may hold fewer than `limit` items before the end (drafts are never shown and are left out of a page).
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}
