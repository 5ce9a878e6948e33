import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/**
 * The staff roles the engine enforces for `billing.as(actor)`: `read_only` reads; `billing_operator` also runs
 * day-to-day billing (customers, subscriptions, invoices, payments, usage, runs); `admin` also changes the
 * catalog, erases and purges customers, rotates keys and reads the audit log.
 */
export const StaffRoleSchema = z.enum(['read_only', 'billing_operator', 'admin']);

/** A staff role. */
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Who makes a change: a person of the host's back office with a role, or `system` (calls made without an actor). */
export const ActorSchema = z.strictObject({
  /** The host's id for the person (or service account), e.g. `user_42`. */
  id: z.string().min(1).max(200),
  role: StaffRoleSchema,
});

/** Who makes a change. */
export type Actor = z.infer<typeof ActorSchema>;

/** The actor of calls made without `billing.as(actor)`: the host's own code, with every right. */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'admin' };

/**
 * One change in the audit log: who (`actor`), what (`operation` and the record), when (`at`), and the record
 * before and after (absent before a creation). Erasure redacts `before`/`after` of the customer's entries
 * (`redacted: true`); the entry itself stays.
 */
export const AuditEntrySchema = z.object({
  /** `aud_…`, sorting by time. */
  id: IdSchema,
  at: TimestampSchema,
  actor: ActorSchema,
  /** The public operation that made the change, e.g. `customers.update`. */
  operation: z.string().min(1).max(100),
  /** The kind of record changed: `customer`, `invoice`, `payment`, … */
  entity: z.string().min(1).max(40),
  entityId: z.string().min(1).max(200),
  /** The customer the record belongs to, when it belongs to one. */
  customerId: IdSchema.optional(),
  change: z.enum(['create', 'update']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  redacted: z.literal(true).optional(),
});

/** One change in the audit log. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
