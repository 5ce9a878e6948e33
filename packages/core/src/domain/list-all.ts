import type { Page } from './common';

/**
 * Reads every page of a paged list (a storage repository's or an engine service's `list`), 1000 items at a
 * time, following `nextCursor` to the end. For exports, reports and tests; billing runs page on their own.
 * @example
 * ```ts
 * const open = await listAll((page) => storage.invoices.list({ ...page, status: 'open' }));
 * ```
 */
export async function listAll<T>(list: (page: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}
