import { z } from 'zod';

/**
 * What a portal session may do. `read` sees the account, invoices, credit notes, subscriptions, usage and
 * profile; each of the others allows one kind of change. None implies another: grant `read` with them.
 */
export const PortalPermissionSchema = z.enum([
  'read',
  'pay',
  'manage_plan',
  'manage_payment_methods',
  'manage_profile',
]);

/** One permission of a portal session, see {@link PortalPermissionSchema}. */
export type PortalPermission = z.infer<typeof PortalPermissionSchema>;

/** Every permission, for a host that grants a customer everything. */
export const ALL_PORTAL_PERMISSIONS: readonly PortalPermission[] = PortalPermissionSchema.options;

/** A session's permissions: at least one, each at most once. */
export const PermissionListSchema = z
  .array(PortalPermissionSchema)
  .min(1, 'grant at least one permission')
  .refine((list) => new Set(list).size === list.length, 'each permission at most once');
