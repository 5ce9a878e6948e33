/** One page of a list, as the engine services and storage repositories return it. */
interface ListPage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/**
 * Reads every page of a paged list, 1000 items at a time.
 * @example
 * ```ts
 * const invoices = await listAll((page) => storage.invoices.list({ ...page, status: 'open' }));
 * ```
 */
export async function listAll<T>(
  list: (page: { limit: number; cursor?: string }) => Promise<ListPage<T>>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}
