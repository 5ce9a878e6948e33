import type { AuditEntry, AuditRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';
import { filters, RecordStore } from './record-store';

/** The audit log over SQL (migration 8), by actor, operation, record, customer and time. @internal */
export function auditRepository(client: SqlClient, tables: BillingTables): AuditRepository {
  const table = tables.auditLog;
  const store = new RecordStore<AuditEntry>(client, table);
  return {
    append: (entries) => store.insertAll(entries),
    list: ({ actorId, operation, entity, entityId, customerId, from, to, ...page }) =>
      store.list(
        filters(
          { column: `${table.column('actor')}->>'id'`, operator: '=', value: actorId },
          { column: table.column('operation'), operator: '=', value: operation },
          { column: table.column('entity'), operator: '=', value: entity },
          { column: table.column('entityId'), operator: '=', value: entityId },
          { column: table.column('customerId'), operator: '=', value: customerId },
          { column: table.column('at'), operator: '>=', value: from, cast: 'timestamptz' },
          { column: table.column('at'), operator: '<', value: to, cast: 'timestamptz' },
        ),
        page,
      ),
  };
}
