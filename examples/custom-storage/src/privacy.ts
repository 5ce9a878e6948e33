import {
  type AuditEntry,
  type AuditRepository,
  BillingError,
  type CustomerSnapshot,
  ERASED_CUSTOMER_NAME,
  erasedOutboxEntry,
  erasedPaymentAttempt,
  erasedPaymentMethod,
  type IdempotencyRepository,
  type PersonalDataRepository,
} from '@billfold/core';
import { copyJson, type FileData, type TableName } from './file-data';
import { type DataAccess, listRecords, table } from './records';

/** The rows of `name` that belong to `customerId`. */
function rowsOf<T extends { customerId?: string }>(data: FileData, name: TableName, customerId: string): T[] {
  return Object.values(table<T>(data, name)).filter((row) => row.customerId === customerId);
}

/** Applies `clear` to each row (edited in place, the write's copy); counts the rows it changed. */
function clearEach<T extends object>(rows: T[], clear: (row: Record<string, unknown>) => boolean): number {
  return rows.filter((row) => clear(row as Record<string, unknown>)).length;
}

/** Replaces each of the customer's rows of `name` that `erase` changes (core's shapes); counts them. */
function replaceEach<T extends { id: string; customerId?: string }>(
  data: FileData,
  name: TableName,
  customerId: string,
  erase: (row: T) => T | undefined,
): number {
  const rows = table<T>(data, name);
  let changed = 0;
  for (const row of rowsOf<T>(data, name, customerId)) {
    const next = erase(row);
    if (next === undefined) continue;
    rows[row.id] = next;
    changed += 1;
  }
  return changed;
}

/** Removes `field` when present; whether it was. */
function drop(row: Record<string, unknown>, field: string): boolean {
  if (row[field] === undefined) return false;
  delete row[field];
  return true;
}

/** Sets `metadata` to `{}`; whether it held anything. */
function emptyMetadata(row: Record<string, unknown>): boolean {
  if (Object.keys((row.metadata as object | undefined) ?? {}).length === 0) return false;
  row.metadata = {};
  return true;
}

/** Erasure in the JSON file (see the storage contract's `PersonalDataRepository`). */
export function privacyRepository(access: DataAccess): PersonalDataRepository {
  return {
    scrubCustomer: (customerId) =>
      access.write((data) => {
        const quoted = JSON.stringify(customerId);
        const keys = Object.keys(data.idempotency).filter((key) =>
          JSON.stringify(data.idempotency[key]?.response ?? null).includes(quoted),
        );
        for (const key of keys) delete data.idempotency[key];
        return {
          usageEvents: clearEach(rowsOf(data, 'usage', customerId), (event) => {
            if (Object.keys(event.properties as object).length === 0) return false;
            event.properties = {};
            return true;
          }),
          payments: clearEach(rowsOf(data, 'payments', customerId), (p) =>
            [drop(p, 'reference'), emptyMetadata(p)].some(Boolean),
          ),
          refunds: clearEach(rowsOf(data, 'refunds', customerId), (refund) => drop(refund, 'reason')),
          subscriptions: clearEach(rowsOf(data, 'subscriptions', customerId), emptyMetadata),
          invoices: clearEach(rowsOf(data, 'invoices', customerId), (invoice) => {
            const snapshot = invoice.customerSnapshot as CustomerSnapshot | undefined;
            const hadEmail = snapshot !== undefined && snapshot.email !== '';
            if (snapshot !== undefined) snapshot.email = '';
            return [hadEmail, emptyMetadata(invoice)].some(Boolean);
          }),
          creditNotes: clearEach(rowsOf(data, 'creditNotes', customerId), emptyMetadata),
          idempotencyRecords: keys.length,
          outboxEntries: replaceEach(data, 'outbox', customerId, erasedOutboxEntry),
          paymentMethods: replaceEach(data, 'paymentMethods', customerId, erasedPaymentMethod),
          paymentAttempts: replaceEach(data, 'paymentAttempts', customerId, erasedPaymentAttempt),
          auditEntries: clearEach(rowsOf(data, 'audit', customerId), (entry) => {
            if (entry.redacted === true) return false;
            delete entry.before;
            delete entry.after;
            entry.redacted = true;
            return true;
          }),
        };
      }),
    purgeRetained: (customerId, { issuedBefore }) =>
      access.write((data) => {
        const cutoff = new Date(issuedBefore).toISOString();
        let invoices = 0;
        let remaining = 0;
        const due = new Set<string>();
        for (const invoice of rowsOf<Record<string, unknown>>(data, 'invoices', customerId)) {
          const snapshot = invoice.customerSnapshot as (CustomerSnapshot & { address?: unknown }) | undefined;
          if (snapshot === undefined) continue;
          if (((invoice.issuedAt ?? invoice.createdAt) as string) >= cutoff) {
            remaining += 1;
            continue;
          }
          due.add(invoice.id as string);
          const before = JSON.stringify(snapshot);
          delete snapshot.address;
          Object.assign(snapshot, { name: ERASED_CUSTOMER_NAME, email: '', taxIds: [] });
          if (JSON.stringify(snapshot) !== before) invoices += 1;
        }
        for (const note of rowsOf<Record<string, unknown>>(data, 'creditNotes', customerId)) {
          if (due.has(note.invoiceId as string)) delete note.memo;
        }
        return { invoices, remaining };
      }),
  };
}

/** The audit log in the JSON file. */
export function auditRepository(access: DataAccess): AuditRepository {
  return {
    append: (entries) =>
      access.write((data) => {
        const rows = table<AuditEntry>(data, 'audit');
        for (const entry of entries) {
          if (rows[entry.id] !== undefined) throw new BillingError('conflict', `audit: "${entry.id}" already exists`);
          rows[entry.id] = copyJson(entry);
        }
      }),
    list: async ({ actorId, operation, entity, entityId, customerId, from, to, ...page }) => {
      const since = from === undefined ? undefined : new Date(from).toISOString();
      const until = to === undefined ? undefined : new Date(to).toISOString();
      return listRecords<AuditEntry>(
        access.read(),
        'audit',
        page,
        (e) =>
          (actorId === undefined || e.actor.id === actorId) &&
          (operation === undefined || e.operation === operation) &&
          (entity === undefined || e.entity === entity) &&
          (entityId === undefined || e.entityId === entityId) &&
          (customerId === undefined || e.customerId === customerId) &&
          (since === undefined || e.at >= since) &&
          (until === undefined || e.at < until),
      );
    },
  };
}

/** The expiry operations of the idempotency records (`createdAt` before the cutoff = expired). */
export function idempotencyExpiry(access: DataAccess): Pick<IdempotencyRepository, 'deleteExpired' | 'purgeExpired'> {
  return {
    deleteExpired: (key, createdBefore) =>
      access.write((data) => {
        const record = data.idempotency[key];
        if (record === undefined || record.createdAt >= new Date(createdBefore).toISOString()) return false;
        delete data.idempotency[key];
        return true;
      }),
    purgeExpired: ({ createdBefore, limit }) =>
      access.write((data) => {
        const cutoff = new Date(createdBefore).toISOString();
        const expired = Object.values(data.idempotency)
          .filter((record) => record.createdAt < cutoff)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .slice(0, limit);
        for (const record of expired) delete data.idempotency[record.key];
        return expired.length;
      }),
  };
}
