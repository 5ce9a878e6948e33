import type { AuditEntry } from '../../domain/audit-entry';
import type { AuditFilter, AuditRepository } from '../privacy-repositories';
import { normalizeInstant } from './instant';
import type { Table } from './table';
import type { MemoryExecutor } from './undo-log';

/** Whether an entry matches every filter given. */
function matches(entry: AuditEntry, filter: AuditFilter, from?: string, to?: string): boolean {
  return (
    (filter.actorId === undefined || entry.actor.id === filter.actorId) &&
    (filter.operation === undefined || entry.operation === filter.operation) &&
    (filter.entity === undefined || entry.entity === filter.entity) &&
    (filter.entityId === undefined || entry.entityId === filter.entityId) &&
    (filter.customerId === undefined || entry.customerId === filter.customerId) &&
    (from === undefined || entry.at >= from) &&
    (to === undefined || entry.at < to)
  );
}

/** The audit log in memory. @internal */
export function memoryAuditRepository(table: Table<AuditEntry>, exec: MemoryExecutor): AuditRepository {
  return {
    append: (entries) =>
      exec(({ log }) => {
        for (const entry of entries) table.insert(entry, log);
      }),
    list: (filter) =>
      exec(() => {
        const from = filter.from === undefined ? undefined : normalizeInstant(filter.from, 'from');
        const to = filter.to === undefined ? undefined : normalizeInstant(filter.to, 'to');
        return table.page(filter, (entry) => matches(entry, filter, from, to));
      }),
  };
}
