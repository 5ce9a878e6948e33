import { z } from 'zod';
import { IdSchema, InstantInputSchema } from '../../domain/common';
import { listAll } from '../../domain/list-all';
import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';

/** Options of `collections.access`. */
export const ServiceAccessOptionsSchema = z
  .strictObject({
    /** Only this subscription's standing (one line of an internet provider), not the whole account's. */
    subscriptionId: IdSchema.optional(),
    /** As of this instant (default: the clock's now). */
    now: InstantInputSchema.optional(),
  })
  .default({});

/** Options of `collections.access`; see {@link ServiceAccessOptionsSchema}. */
export type ServiceAccessOptions = z.input<typeof ServiceAccessOptionsSchema>;

/** Whether a customer (or one subscription) should get service, and why. */
export interface ServiceAccess {
  /**
   * `active`: nothing is past due; `grace`: an invoice is past due (or overdue) but the service goes on;
   * `suspended`: dunning suspended a subscription for non-payment — cut or throttle the service.
   */
  readonly state: 'active' | 'grace' | 'suspended';
  /** `paid_up`, `past_due` (within the grace period), `overdue` (past it), `non_payment` (suspended). */
  readonly reason: 'paid_up' | 'past_due' | 'overdue' | 'non_payment';
  /** Since when: the suspension, or the earliest due date passed; absent when active. */
  readonly since?: string;
  /** The open invoices behind a `grace` state, or the overdue invoices that led to the suspension. */
  readonly invoiceIds: readonly string[];
  /** The suspended subscriptions. */
  readonly subscriptionIds: readonly string[];
}

const earliest = (instants: readonly string[]) => [...instants].sort()[0];

/**
 * Tells the host whether to serve a customer (an ISP cuts or throttles the line from it): `suspended` while dunning
 * has a subscription suspended (until its overdue invoices are paid), `grace` while an open invoice is past its due
 * date, else `active`. With `subscriptionId`, only that subscription and its invoices count. Reads only.
 * @throws BillingError `not_found` (customer, or a subscription not the customer's), `invalid_input`.
 * @example
 * ```ts
 * await billing.collections.access('cus_1');
 * // { state: 'suspended', reason: 'non_payment', since: '2026-03-06T23:00:00.000Z', invoiceIds: ['inv_…'], … }
 * ```
 */
export async function serviceAccess(
  ctx: EngineContext,
  customerId: string,
  options?: ServiceAccessOptions,
): Promise<ServiceAccess> {
  validate(IdSchema, customerId, 'customerId');
  const parsed = validate(ServiceAccessOptionsSchema, options, 'options');
  const now = parsed.now ?? ctx.clock.now().toISOString();
  const { storage } = ctx;
  await requireRecord(storage.customers, customerId, 'customer', ['customerId']);
  let subscriptions: Subscription[];
  if (parsed.subscriptionId !== undefined) {
    const one = await storage.subscriptions.get(parsed.subscriptionId);
    if (one === undefined || one.customerId !== customerId) {
      throw new BillingError(
        BillingErrorCode.notFound,
        `Customer ${customerId} has no subscription "${parsed.subscriptionId}"`,
        {
          path: ['options', 'subscriptionId'],
        },
      );
    }
    subscriptions = [one];
  } else {
    subscriptions = await listAll((page) => storage.subscriptions.list({ customerId, ...page }));
  }
  const suspended = subscriptions.filter((subscription) => subscription.dunning?.suspendedAt !== undefined);
  if (suspended.length > 0) {
    return {
      state: 'suspended',
      reason: 'non_payment',
      since: earliest(suspended.map((subscription) => subscription.dunning?.suspendedAt as string)),
      invoiceIds: [...new Set(suspended.map((subscription) => subscription.dunning?.invoiceId as string))],
      subscriptionIds: suspended.map((subscription) => subscription.id),
    };
  }
  const open = await listAll((page) =>
    storage.invoices.list({
      status: 'open',
      ...(parsed.subscriptionId !== undefined ? { subscriptionId: parsed.subscriptionId } : { customerId }),
      ...page,
    }),
  );
  const pastDue = open.filter((invoice) => invoice.dueAt !== undefined && invoice.dueAt < now);
  if (pastDue.length === 0) return { state: 'active', reason: 'paid_up', invoiceIds: [], subscriptionIds: [] };
  return {
    state: 'grace',
    reason: pastDue.some((invoice) => invoice.overdue) ? 'overdue' : 'past_due',
    since: earliest(pastDue.map((invoice) => invoice.dueAt as string)),
    invoiceIds: pastDue.map((invoice) => invoice.id),
    subscriptionIds: [],
  };
}
