import {
  BillingError,
  type UsageEvent,
  type UsageEventKey,
  type UsageQuery,
  type UsageRepository,
} from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import { isUniqueViolation } from '../client/sql-error';
import type { BillingTables } from '../schema/tables';
import { decodeEventCursor, encodeEventCursor, pageLimit } from './paging';
import { firstOfEachKey, USAGE_COPY_FIELDS, usageCopyData } from './usage-copy';

/**
 * The fewest events stored with COPY: below it, the savepoint around the COPY costs more round trips than COPY
 * saves (one `ingest` of a few events goes straight to the INSERT).
 */
const COPY_FROM_EVENTS = 64;

/** The quantity of each aggregation, over the events `e` of one query `q` (text; none at all is `0`). */
const QUANTITY: Record<string, string> = {
  count: 'count(*)::text',
  sum: "coalesce(sum((e.properties ->> q.property)::numeric)::text, '0')",
  max: "coalesce(max((e.properties ->> q.property)::numeric)::text, '0')",
  unique_count: 'count(DISTINCT e.properties ->> q.property)::text',
  // `last` skips events without the property, or a latest event without it would hide the latest one with it.
  last: `coalesce((array_agg(e.properties ->> q.property ORDER BY e."timestamp" DESC, e.id DESC)
      FILTER (WHERE e.properties ->> q.property IS NOT NULL))[1], '0')`,
};

/**
 * The aggregation of many usage queries in one statement: each query (a row of `$1`) is joined to its events
 * through the (subscription_id, event_name, timestamp) index, and every aggregate is computed in SQL on
 * `numeric`, so sums of amounts beyond 2^53 stay exact. One branch per aggregation the queries use (`kinds`), so
 * a query is aggregated by its own aggregate alone: one computing all five for every query sorted each query's
 * events twice (`DISTINCT`, `ORDER BY`) and took twice as long for sums. Events without the property are NULL
 * there, which `sum`, `max` and `count(DISTINCT …)` skip by themselves.
 */
function aggregateStatement(events: string, kinds: readonly string[]): string {
  const branches = kinds.map(
    (kind) => `SELECT q.i, a.quantity
    FROM json_to_recordset($1::json) AS q(i integer, "subscriptionId" text, "eventName" text, aggregation text,
      property text, "from" timestamptz, "to" timestamptz)
    CROSS JOIN LATERAL (
      SELECT ${QUANTITY[kind] as string} AS quantity FROM ${events} e
      WHERE e.subscription_id = q."subscriptionId" AND e.event_name = q."eventName"
        AND e."timestamp" >= q."from" AND e."timestamp" < q."to"
    ) a
    WHERE q.aggregation = '${kind}'`,
  );
  return `${branches.join('\n    UNION ALL ')}\n    ORDER BY 1`;
}

/** Usage events over SQL: idempotent batched ingestion, batched aggregation, paging by (timestamp, id). @internal */
export function usageRepository(client: SqlClient, tables: BillingTables): UsageRepository {
  const table = tables.usageEvents;
  // Events are keyed by (customer, id): a conflict on it skips the event. What comes back is how many were written
  // and, only when some were skipped, the keys written (a batch without replays parses no row per event).
  const insert = `WITH written AS (${table.insertArrays} ON CONFLICT DO NOTHING RETURNING customer_id, id)
    SELECT count(*)::int AS n, CASE WHEN count(*) < $${table.columnCount + 1} THEN coalesce(json_agg(json_build_array(customer_id, id)), '[]') END AS keys
    FROM written`;
  /** {@link aggregateStatement} texts by the aggregations they cover. */
  const aggregates = new Map<string, string>();
  const aggregateOf = (queries: readonly UsageQuery[]) => {
    const kinds = [...new Set(queries.map((q) => q.aggregation))].sort();
    const key = kinds.join(',');
    let text = aggregates.get(key);
    if (text === undefined) {
      text = aggregateStatement(table.name, kinds);
      aggregates.set(key, text);
    }
    return text;
  };
  const copyTarget = table.copyTarget(USAGE_COPY_FIELDS);
  const keyOf = (event: UsageEventKey) => ({ customerId: event.customerId, id: event.id });
  /**
   * Stores the batch with one COPY in a savepoint, when the client can and the batch is large enough; `undefined`
   * when a key of the batch was stored before (the savepoint undone: nothing of the COPY is left) or COPY is not
   * available, so the caller inserts skipping duplicates.
   */
  const copied = async (events: readonly UsageEvent[]) => {
    if (client.copyRows === undefined || events.length < COPY_FROM_EVENTS) return undefined;
    const { firsts, repeats } = firstOfEachKey(events);
    const rows = usageCopyData(firsts);
    let count: number | undefined;
    try {
      count = await client.transaction(
        (savepoint) => savepoint.copyRows?.(copyTarget, rows) ?? Promise.resolve(undefined),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    if (count === undefined) return undefined;
    if (count !== firsts.length) throw new Error(`COPY stored ${count} usage events of ${firsts.length}`);
    return { inserted: firsts.map(keyOf), duplicates: repeats };
  };
  return {
    async insertMany(events) {
      if (events.length === 0) return { inserted: [], duplicates: [] };
      const viaCopy = await copied(events);
      if (viaCopy !== undefined) return viaCopy;
      const [row] = await client.query<{ n: number; keys: [string, string][] | null }>(insert, [
        ...table.columnArrays(events),
        events.length,
      ]);
      if (row?.keys === null || row?.keys === undefined) return { inserted: events.map(keyOf), duplicates: [] };
      // Each key written was written by the first event that carries it; later ones in the batch are duplicates.
      const textOf = (customerId: string, id: string) => `${customerId}\u0000${id}`;
      const written = new Set(row.keys.map(([customerId, id]) => textOf(customerId, id)));
      const inserted: UsageEventKey[] = [];
      const duplicates: UsageEventKey[] = [];
      for (const event of events) {
        if (written.delete(textOf(event.customerId, event.id))) inserted.push(keyOf(event));
        else duplicates.push(keyOf(event));
      }
      return { inserted, duplicates };
    },

    async aggregate(queries) {
      if (queries.length === 0) return [];
      queries.forEach(checkQuery);
      const rows = await client.query<{ quantity: string }>(aggregateOf(queries), [
        JSON.stringify(queries.map((q, i) => ({ ...q, i }))),
      ]);
      return rows.map((row) => row.quantity);
    },

    async list({ subscriptionId, from, to, ...page }) {
      const limit = pageLimit(page);
      const params: unknown[] = [subscriptionId, from, to];
      let after = '';
      if (page.cursor !== undefined) {
        const cursor = decodeEventCursor(page.cursor);
        params.push(cursor.timestamp, cursor.id);
        after = ' AND (t."timestamp", t."id") > ($4::timestamptz, $5)';
      }
      params.push(limit + 1);
      const rows = await client.query(
        `${table.select} WHERE t."subscription_id" = $1 AND t."timestamp" >= $2::timestamptz AND t."timestamp" < $3::timestamptz${after}
          ORDER BY t."timestamp", t."id" LIMIT $${params.length}`,
        params,
      );
      const items = rows.slice(0, limit).map((row) => table.toRecord(row) as UsageEvent);
      const last = items[items.length - 1];
      return rows.length > limit && last !== undefined
        ? { items, nextCursor: encodeEventCursor(last.timestamp, last.id) }
        : { items };
    },
  };
}

/** Refuses a query the SQL could not answer as asked. */
function checkQuery(query: UsageQuery, index: number): void {
  if (!Object.hasOwn(QUANTITY, query.aggregation)) {
    throw new BillingError('invalid_input', `unknown aggregation "${query.aggregation}"`, {
      path: [index, 'aggregation'],
    });
  }
  if (query.aggregation !== 'count' && query.property === undefined) {
    throw new BillingError('invalid_input', `aggregation "${query.aggregation}" needs a property`, {
      path: [index, 'property'],
    });
  }
}
