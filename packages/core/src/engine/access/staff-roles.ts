import type { Actor, StaffRole } from '../../domain/audit-entry';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';

const RANK: Readonly<Record<StaffRole, number>> = { read_only: 0, billing_operator: 1, admin: 2 };

/** Method names that only read: any role may call them. */
const READS: ReadonlySet<string> = new Set([
  'get',
  'list',
  'getByNumber',
  'getByExternalRef',
  'listRefunds',
  'preview',
  'summary',
  'transactions',
  'findCustomersByIban',
  'findCustomersByTaxId',
  'access',
  'getFee',
  'listFees',
]);

/** Operations only an admin may call (besides every catalog change). */
const ADMIN_ONLY: ReadonlySet<string> = new Set([
  'customers.erase',
  'retention.purge',
  'protection.rotateKeys',
  'audit.list',
  'audit.export',
]);

/**
 * The least role an operation needs: `read_only` for reads and reports; `admin` for catalog changes, erasure, purges, key
 * rotation and the audit log; `billing_operator` for everything else (operations added later default there).
 * @param operation the public path, e.g. `customers.update` or `catalog.prices.create`.
 */
export function requiredRole(operation: string): StaffRole {
  if (ADMIN_ONLY.has(operation)) return 'admin';
  const parts = operation.split('.');
  if (parts[0] === 'catalog' && !READS.has(parts[parts.length - 1] as string)) return 'admin';
  if (parts[0] === 'reports' || READS.has(parts[parts.length - 1] as string)) return 'read_only';
  return 'billing_operator';
}

/** Throws `forbidden` (path: the operation) when the actor's role is below what the operation needs. */
export function assertAllowed(actor: Actor, operation: string): void {
  const needed = requiredRole(operation);
  if (RANK[actor.role] >= RANK[needed]) return;
  throw new BillingError(
    BillingErrorCode.forbidden,
    `${actor.id} (${actor.role}) may not call ${operation}: it needs the ${needed} role`,
    { path: operation.split('.') },
  );
}
