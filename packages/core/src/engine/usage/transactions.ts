import type { CatalogPrice } from '../../domain/catalog';
import type { StorageSession } from '../../storage/storage-adapter';
import type { UsageQuery } from '../../storage/subscription-repositories';

/**
 * Whether a metered price is rated per event rather than on the period's aggregate: a `percentage` price takes
 * its fee (fixed fee, minimum and maximum included) on each transaction, so each event is one transaction.
 */
export function ratesPerTransaction(price: CatalogPrice): boolean {
  return price.spec.model === 'percentage';
}

/**
 * The transaction amounts behind one usage query: the value of the meter's property on each of the
 * subscription's events named `eventName` in `[from, to)`, by timestamp then id (events without the property
 * are left out, as every aggregation but `count` does). Read page by page with `usage.list`.
 */
export async function transactionAmounts(session: StorageSession, query: UsageQuery): Promise<string[]> {
  const { property } = query;
  const amounts: string[] = [];
  if (property === undefined) return amounts;
  let cursor: string | undefined;
  do {
    const page = await session.usage.list({
      subscriptionId: query.subscriptionId,
      from: query.from,
      to: query.to,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const event of page.items) {
      const value = event.properties[property];
      if (event.eventName === query.eventName && value !== undefined) amounts.push(value);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return amounts;
}

/**
 * The transaction amounts of each query that `perTransaction` marks (one {@link transactionAmounts} walk each);
 * `undefined` for the others, which are rated on their aggregate.
 */
export async function transactionsOf(
  session: StorageSession,
  queries: readonly UsageQuery[],
  perTransaction: readonly boolean[],
): Promise<(string[] | undefined)[]> {
  const result: (string[] | undefined)[] = [];
  for (const [i, query] of queries.entries()) {
    result.push(perTransaction[i] === true ? await transactionAmounts(session, query) : undefined);
  }
  return result;
}
