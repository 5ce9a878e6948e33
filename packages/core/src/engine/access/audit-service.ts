import { z } from 'zod';
import type { AuditEntry } from '../../domain/audit-entry';
import { InstantInputSchema, type Page, PageRequestSchema } from '../../domain/common';
import { listAll } from '../../domain/list-all';
import { validate } from '../../errors/validate';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';

/** Which audit entries to read: every filter given must match; ascending time. */
export const AuditFilterSchema = PageRequestSchema.extend({
  actorId: z.string().min(1).max(200).optional(),
  operation: z.string().min(1).max(100).optional(),
  entity: z.string().min(1).max(40).optional(),
  entityId: z.string().min(1).max(200).optional(),
  customerId: z.string().min(1).max(200).optional(),
  /** Entries at or after this instant (a `Date` or ISO 8601 text). */
  from: InstantInputSchema.optional(),
  /** Entries before this instant. */
  to: InstantInputSchema.optional(),
}).strict();

/** Which audit entries to read; see {@link AuditFilterSchema}. */
export type AuditQuery = z.input<typeof AuditFilterSchema>;

/** What `audit.export` takes: the format and the filters (no paging: every matching entry). */
export const AuditExportSchema = z.strictObject({
  format: z.enum(['csv', 'json']),
  filter: AuditFilterSchema.omit({ limit: true, cursor: true }).optional(),
});

/** What `audit.export` takes. */
export type AuditExportInput = z.input<typeof AuditExportSchema>;

/** The audit log of changes made by staff (`billing.as(actor)`), and by the system when configured. */
export interface AuditService {
  /** One page of entries, oldest first; follow `nextCursor`. */
  list(filter?: AuditQuery): Promise<Page<AuditEntry>>;
  /**
   * Every matching entry as CSV (RFC 4180, a header row; `before`/`after` as JSON; cells that a spreadsheet would
   * run as a formula are prefixed with `'`) or as a JSON array.
   */
  export(input: AuditExportInput): Promise<string>;
}

const COLUMNS = ['id', 'at', 'actor_id', 'actor_role', 'operation', 'entity', 'entity_id', 'customer_id', 'change'];

/** One CSV cell: quoted when needed, and never a formula (`=`, `+`, `-`, `@`, tab or CR first). */
function cell(value: unknown): string {
  let text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(entries: readonly AuditEntry[]): string {
  const header = [...COLUMNS, 'before', 'after', 'redacted'].join(',');
  const rows = entries.map((e) =>
    [
      e.id,
      e.at,
      e.actor.id,
      e.actor.role,
      e.operation,
      e.entity,
      e.entityId,
      e.customerId,
      e.change,
      e.before,
      e.after,
      e.redacted === true ? 'true' : '',
    ]
      .map(cell)
      .join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

/** Creates the audit service over the storage. */
export function createAuditService(storage: BillingStorageAdapter): AuditService {
  return {
    list: async (filter) => storage.audit.list(validate(AuditFilterSchema, filter ?? {}, 'filter')),
    async export(input) {
      const { format, filter } = validate(AuditExportSchema, input, 'input');
      const entries = await listAll((page) => storage.audit.list({ ...filter, ...page }));
      return format === 'json' ? JSON.stringify(entries) : csv(entries);
    },
  };
}
