import type { CustomerSnapshot } from '../../domain/invoice';
import {
  ERASED_CUSTOMER_NAME,
  type PersonalDataRepository,
  type PurgeCounts,
  type ScrubCounts,
} from '../privacy-repositories';
import { erasedOutboxEntry, erasedPaymentAttempt, erasedPaymentMethod } from '../erased-payment-records';
import { normalizeInstant } from './instant';
import type { MemoryState } from './memory-state';
import type { Table } from './table';
import type { MemoryExecutor, UndoLog } from './undo-log';

/** Replaces each of the customer's records that `change` alters (returns a new record for); how many it replaced. */
function rewrite<T extends { readonly id: string; readonly customerId?: string }>(
  table: Table<T>,
  customerId: string,
  change: (record: T) => T | undefined,
  log: UndoLog,
): number {
  const changed: T[] = [];
  for (const record of table.values()) {
    if (record.customerId !== customerId) continue;
    const next = change(record);
    if (next !== undefined) changed.push(next);
  }
  for (const record of changed) table.replace(record, log);
  return changed.length;
}

/** The record without `field`, or `undefined` when it has none. */
function without<T extends object>(record: T, field: keyof T & string): T | undefined {
  if ((record as Record<string, unknown>)[field] === undefined) return undefined;
  const next = { ...record } as Record<string, unknown>;
  delete next[field];
  return next as T;
}

const isEmpty = (metadata: Readonly<Record<string, unknown>>) => Object.keys(metadata).length === 0;

/** The record without `field` and with `metadata` `{}`, or `undefined` when both are clear already. */
function withoutField<T extends { readonly metadata: Readonly<Record<string, unknown>> }>(
  record: T,
  field?: keyof T & string,
): T | undefined {
  const has = field !== undefined && (record as Record<string, unknown>)[field] !== undefined;
  if (!has && isEmpty(record.metadata)) return undefined;
  const next = { ...record, metadata: {} } as Record<string, unknown>;
  if (field !== undefined) delete next[field];
  return next as T;
}

/** The snapshot with its retained identity redacted (the purge). */
function purgedSnapshot(snapshot: CustomerSnapshot): CustomerSnapshot {
  const { address: _address, ...rest } = snapshot;
  return { ...rest, name: ERASED_CUSTOMER_NAME, email: '', taxIds: [] };
}

/** Erasure over memory state; see {@link PersonalDataRepository}. @internal */
export function memoryPrivacyRepository(state: MemoryState, exec: MemoryExecutor): PersonalDataRepository {
  return {
    scrubCustomer: (customerId) =>
      exec(({ log }): ScrubCounts => {
        const invoices = rewrite(
          state.invoices,
          customerId,
          (invoice) => {
            const snapshot = invoice.customerSnapshot;
            const hasEmail = snapshot !== undefined && snapshot.email !== '';
            if (!hasEmail && isEmpty(invoice.metadata)) return undefined;
            return {
              ...invoice,
              metadata: {},
              ...(snapshot === undefined ? {} : { customerSnapshot: { ...snapshot, email: '' } }),
            };
          },
          log,
        );
        let idempotencyRecords = 0;
        for (const [key, record] of [...state.idempotency]) {
          if (!JSON.stringify(record.response ?? null).includes(JSON.stringify(customerId))) continue;
          state.idempotency.delete(key);
          log.record(() => state.idempotency.set(key, record));
          idempotencyRecords += 1;
        }
        return {
          usageEvents: state.usage.clearProperties(customerId, log),
          payments: rewrite(state.payments, customerId, (payment) => withoutField(payment, 'reference'), log),
          refunds: rewrite(state.refunds, customerId, (refund) => without(refund, 'reason'), log),
          subscriptions: rewrite(state.subscriptions, customerId, (subscription) => withoutField(subscription), log),
          invoices,
          creditNotes: rewrite(state.creditNotes, customerId, (note) => withoutField(note), log),
          idempotencyRecords,
          outboxEntries: rewrite(state.outbox, customerId, erasedOutboxEntry, log),
          paymentMethods: rewrite(state.paymentMethods, customerId, erasedPaymentMethod, log),
          paymentAttempts: rewrite(state.paymentAttempts, customerId, erasedPaymentAttempt, log),
          auditEntries: rewrite(
            state.auditEntries,
            customerId,
            (entry) => {
              if (entry.redacted === true) return undefined;
              const { before: _before, after: _after, ...rest } = entry;
              return { ...rest, redacted: true as const };
            },
            log,
          ),
        };
      }),
    purgeRetained: (customerId, { issuedBefore }) =>
      exec(({ log }): PurgeCounts => {
        const cutoff = normalizeInstant(issuedBefore, 'issuedBefore');
        let remaining = 0;
        const purgedInvoices = new Set<string>();
        const invoices = rewrite(
          state.invoices,
          customerId,
          (invoice) => {
            const snapshot = invoice.customerSnapshot;
            if (snapshot === undefined) return undefined;
            if ((invoice.issuedAt ?? invoice.createdAt) >= cutoff) {
              remaining += 1;
              return undefined;
            }
            purgedInvoices.add(invoice.id);
            const clear =
              snapshot.address === undefined &&
              snapshot.name === ERASED_CUSTOMER_NAME &&
              snapshot.email === '' &&
              snapshot.taxIds.length === 0;
            return clear ? undefined : { ...invoice, customerSnapshot: purgedSnapshot(snapshot) };
          },
          log,
        );
        rewrite(
          state.creditNotes,
          customerId,
          (note) => {
            if (note.memo === undefined || !purgedInvoices.has(note.invoiceId)) return undefined;
            const { memo: _memo, ...rest } = note;
            return rest;
          },
          log,
        );
        return { invoices, remaining };
      }),
  };
}
