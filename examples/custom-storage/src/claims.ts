import { BillingError } from '@billfold/core';
import { copyJson } from './file-data';
import type { DataAccess } from './records';

/**
 * A claim of this serial adapter (`claimDue`, `claimCollectible`, `outbox.claimDue`): up to `limit` of `rows` due at
 * or before `now` (`dueOf` gives `undefined` for a row never due), by due instant then id, among `ids` when given,
 * past the position `after` when given.
 * Transactions run one at a time, so what one claims no other can touch: nothing to lock.
 */
export function claimRows<T extends { id: string }>(
  access: DataAccess,
  operation: string,
  rows: readonly T[],
  dueOf: (row: T) => string | undefined,
  query: {
    readonly now: string;
    readonly limit: number;
    readonly ids?: readonly string[];
    readonly after?: { readonly at: string; readonly id: string };
  },
): T[] {
  if (!access.inTransaction)
    throw new BillingError('invalid_state', `${operation} must be called inside transaction()`);
  if (!Number.isInteger(query.limit) || query.limit < 1) {
    throw new BillingError('invalid_input', 'limit must be a positive integer', { path: ['limit'] });
  }
  const only = query.ids === undefined ? undefined : new Set(query.ids);
  const { after } = query;
  return rows
    .map((row) => ({ row, due: dueOf(row) }))
    .filter(({ row, due }) => due !== undefined && due <= query.now && (only === undefined || only.has(row.id)))
    .filter(({ row, due }) => after === undefined || (due as string) > after.at || (due === after.at && row.id > after.id))
    .sort((a, b) =>
      (a.due as string) !== (b.due as string)
        ? (a.due as string) < (b.due as string)
          ? -1
          : 1
        : a.row.id < b.row.id
          ? -1
          : 1,
    )
    .slice(0, query.limit)
    .map(({ row }) => copyJson(row));
}
