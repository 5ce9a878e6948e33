import type { z } from 'zod';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import { type OutboxEntry, OutboxStatusSchema } from '../../domain/outbox-entry';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { assertNotErased } from '../customers/erased-customer-rule';
import { requireRecord } from '../require-record';
import { deliverAfterCommit } from './deliver-after-commit';
import { type DispatchOptions, type DispatchSummary, dispatchNotifications } from './dispatch-notifications';

/** Which outbox entries to list. */
export const OutboxFilterSchema = PageRequestSchema.extend({
  status: OutboxStatusSchema.optional(),
  customerId: IdSchema.optional(),
}).strict();

/** Which outbox entries to list; see {@link OutboxFilterSchema}. */
export type OutboxFilter = z.input<typeof OutboxFilterSchema>;

/** The notification outbox: delivery, and a look at what was sent, what waits and what was given up on. */
export interface NotificationService {
  /** Delivers due entries; see `dispatchNotifications`. */
  dispatch(options?: DispatchOptions): Promise<DispatchSummary>;
  /** Entries in id (creation) order, e.g. `{ status: 'dead' }` for the dead letters. */
  list(filter?: OutboxFilter): Promise<Page<OutboxEntry>>;
  /** @throws BillingError `not_found`. */
  get(entryId: string): Promise<OutboxEntry>;
  /**
   * Makes a dead (or delivered) entry pending again, due now, with its attempts reset; its dedupe key stays, so a
   * receiver that got it before drops the repeat. With `immediate` delivery it is sent at once.
   * @throws BillingError `not_found`; `invalid_state` when it is still pending; `customer_erased` when its customer
   * was erased (erasure cancelled its pending entries).
   */
  resend(entryId: string): Promise<OutboxEntry>;
}

/** Creates the notification service over an engine context. */
export function createNotificationService(ctx: EngineContext): NotificationService {
  const get = async (entryId: string) => {
    validate(IdSchema, entryId, 'entryId');
    return requireRecord(ctx.storage.outbox, entryId, 'outbox entry', ['entryId']);
  };
  return {
    dispatch: (options) => dispatchNotifications(ctx, options),
    list: async (filter) => ctx.storage.outbox.list(validate(OutboxFilterSchema, filter ?? {}, 'filter')),
    get,
    async resend(entryId) {
      validate(IdSchema, entryId, 'entryId');
      const now = ctx.clock.now().toISOString();
      await ctx.storage.transaction(async (session) => {
        const entry = await requireRecord(session.outbox, entryId, 'outbox entry', ['entryId']);
        if (entry.status === 'pending') {
          throw new BillingError(
            BillingErrorCode.invalidState,
            `Outbox entry ${entry.id} is still pending: it will be sent by the next dispatch`,
            { path: ['entryId'] },
          );
        }
        const customer = await session.customers.get(entry.customerId);
        if (customer !== undefined) assertNotErased(customer, ['entryId']);
        const { deliveredAt: _sent, ...rest } = entry;
        await session.outbox.update({
          ...rest,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          version: entry.version + 1,
        });
      });
      await deliverAfterCommit(ctx, [entryId]);
      return get(entryId);
    },
  };
}
