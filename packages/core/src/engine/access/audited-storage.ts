import type { Actor, AuditEntry } from '../../domain/audit-entry';
import type { BillingStorageAdapter, StorageSession } from '../../storage/storage-adapter';
import type { IdGenerator } from '../ids';

/** What an audited storage writes each entry with. */
export interface AuditScope {
  readonly actor: Actor;
  /** The public operation being run, e.g. `customers.update`. */
  readonly operation: string;
  readonly ids: IdGenerator;
  /** The entry's time. */
  readonly now: () => string;
}

/** The record kind of each audited repository. */
const ENTITY: Readonly<Record<string, string>> = {
  customers: 'customer',
  products: 'product',
  prices: 'price',
  meters: 'meter',
  coupons: 'coupon',
  taxRates: 'tax_rate',
  subscriptions: 'subscription',
  usage: 'usage_event',
  invoices: 'invoice',
  creditNotes: 'credit_note',
  payments: 'payment',
  refunds: 'refund',
  balance: 'balance_transaction',
  collectionFees: 'collection_fee',
  paymentAttempts: 'payment_attempt',
  paymentMethods: 'payment_method',
};

type Stored = { readonly id: string; readonly customerId?: string };
type Pending = Omit<AuditEntry, 'id' | 'at' | 'actor' | 'operation'>;

function change(entity: string, kind: 'create' | 'update', after: Stored, before?: unknown): Pending {
  const customerId = after.customerId ?? (entity === 'customer' ? after.id : undefined);
  return {
    entity,
    entityId: after.id,
    ...(customerId === undefined ? {} : { customerId }),
    change: kind,
    ...(before === undefined ? {} : { before }),
    after,
  };
}

/** Wraps the write methods of one session so each change is noted in `pending` (with the record before it). */
function auditSession(session: StorageSession, pending: Pending[]): StorageSession {
  const wrapped: Record<string, unknown> = { ...session };
  for (const [name, entity] of Object.entries(ENTITY)) {
    const repository = (session as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[
      name
    ];
    if (repository === undefined) continue;
    const methods: Record<string, unknown> = { ...repository };
    const call = (method: string, ...args: unknown[]) =>
      (repository[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    if (repository.insert !== undefined) {
      methods.insert = async (record: Stored) => {
        await call('insert', record);
        pending.push(change(entity, 'create', record));
      };
    }
    if (repository.insertMany !== undefined) {
      methods.insertMany = async (records: readonly Stored[]) => {
        const result = (await call('insertMany', records)) as
          | { inserted?: readonly { id: string; customerId: string }[] }
          | undefined;
        // usage: only the events really stored (duplicates are skipped)
        const inserted = result?.inserted;
        const stored =
          inserted === undefined
            ? records
            : records.filter((r) => inserted.some((key) => key.id === r.id && key.customerId === r.customerId));
        for (const record of stored) pending.push(change(entity, 'create', record));
        return result;
      };
    }
    if (repository.update !== undefined) {
      methods.update = async (record: Stored) => {
        const before = await call('get', record.id);
        await call('update', record);
        pending.push(change(entity, 'update', record, before));
      };
    }
    if (repository.updateMany !== undefined) {
      methods.updateMany = async (records: readonly Stored[], ...hints: unknown[]) => {
        const before = await Promise.all(records.map((record) => call('get', record.id)));
        await call('updateMany', records, ...hints);
        for (const [index, record] of records.entries()) pending.push(change(entity, 'update', record, before[index]));
      };
    }
    wrapped[name] = methods;
  }
  return wrapped as unknown as StorageSession;
}

/**
 * The entries to append: each stamped with actor, operation, time and id. A customer erased by these changes has
 * its entries redacted too, so the log never copies what erasure removed.
 */
function entriesOf(pending: readonly Pending[], scope: AuditScope): AuditEntry[] {
  const erased = new Set(
    pending
      .filter((p) => p.entity === 'customer' && (p.after as { erasure?: unknown } | undefined)?.erasure !== undefined)
      .map((p) => p.entityId),
  );
  const at = scope.now();
  return pending.map((p) => {
    const { before: _before, after: _after, ...kept } = p;
    const entry = p.customerId !== undefined && erased.has(p.customerId) ? { ...kept, redacted: true as const } : p;
    return { id: scope.ids('aud'), at, actor: scope.actor, operation: scope.operation, ...entry };
  });
}

/**
 * The storage for one audited call: every record it creates or updates is written to the audit log in the same
 * transaction (who, what, when, before and after), so a change and its entry commit together or not at all.
 * @internal
 */
export function auditedStorage(storage: BillingStorageAdapter, scope: AuditScope): BillingStorageAdapter {
  const direct: Pending[] = [];
  const flushDirect = async () => {
    if (direct.length === 0) return;
    const entries = entriesOf(direct.splice(0), scope);
    await storage.audit.append(entries);
  };
  const outside = auditSession(storage, direct);
  const afterEach: Record<string, unknown> = {};
  for (const [name, repository] of Object.entries(outside)) {
    if (ENTITY[name] === undefined) continue;
    const methods: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(repository as Record<string, (...args: unknown[]) => unknown>)) {
      methods[method] = async (...args: unknown[]) => {
        const result = await fn(...args);
        await flushDirect();
        return result;
      };
    }
    afterEach[name] = methods;
  }
  return {
    ...outside,
    ...(afterEach as Partial<StorageSession>),
    capabilities: storage.capabilities,
    transaction: (work) =>
      storage.transaction(async (session) => {
        const pending: Pending[] = [];
        const result = await work(auditSession(session, pending));
        if (pending.length > 0) await session.audit.append(entriesOf(pending, scope));
        return result;
      }),
    close: () => storage.close(),
  };
}
